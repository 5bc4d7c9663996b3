"""The tests' own cache clearing: under pytest-xdist both workers share one Redis database, so a
test that empties its cache must not empty the other worker's (a rate counter vanished mid-test)."""

import os

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from tests.conftest import clear_cache, require_service


def test_clear_cache_leaves_another_workers_keys():
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (set REDIS_URL)")
    backend = caches["default"]
    assert isinstance(backend, RedisCache) and backend.key_prefix
    client = backend._cache.get_client(None, write=True)
    client.set("another-worker:1:rate", 3)
    cache.set("own", 1)
    try:
        clear_cache()
        assert cache.get("own") is None
        assert client.get("another-worker:1:rate") == b"3"
    finally:
        client.delete("another-worker:1:rate")
