"""With DATABASE_URL and REDIS_URL set (as in CI), the suite really runs on PostgreSQL and Redis."""

import os

import pytest
import redis
from django.core.cache import cache
from django.db import connection

from tests.conftest import require_service

pytestmark = pytest.mark.backing_services


@pytest.mark.django_db
def test_database_is_postgresql_when_configured():
    require_service(bool(os.environ.get("DATABASE_URL")), "DATABASE_URL (PostgreSQL)")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        assert cursor.fetchone()[0] >= 130000


def test_cache_and_broker_use_redis_when_configured(settings):
    url = os.environ.get("REDIS_URL", "")
    require_service(bool(url), "REDIS_URL (Redis)")
    try:
        reachable = redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        reachable = False
    require_service(reachable, f"Redis at {url}")
    assert url == settings.CELERY_BROKER_URL
    cache.set("kooperationsraum-test", "angekommen", 10)
    assert cache.get("kooperationsraum-test") == "angekommen"
    assert redis.Redis.from_url(url).keys("*kooperationsraum-test*"), "the value lives in Redis"
