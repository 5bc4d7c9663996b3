"""The catalogue version, announced through Redis (kooperationsraum/version_push.py): a listener hears
every change, never goes back to an older version, and while it has lost its subscription the
version is read from the cache, so that no page is built on an old version."""

import os
import time

import pytest
from django.core.cache import cache

from kooperationsraum.version_push import PushedVersion
from tests.conftest import require_service
from transfer.caching import VERSION_KEY, bump_catalogue_version, catalogue_version


def wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def listener():
    """A second listener beside the process's own, as another worker process would have."""
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (set REDIS_URL)")
    other = PushedVersion(VERSION_KEY)
    other.current()  # starts its thread
    assert wait_for(lambda: other.current() is not None), "the listener never subscribed"
    yield other
    other.close()
    assert other.current() is None


def test_a_change_is_heard_by_every_listener(listener):
    bump_catalogue_version()
    stored = cache.get(VERSION_KEY)
    assert wait_for(lambda: listener.current() == stored)
    assert catalogue_version() == stored  # and by the process that made it, at once


def test_versions_only_grow_so_a_late_message_changes_nothing(listener):
    bump_catalogue_version()
    older = cache.get(VERSION_KEY)
    bump_catalogue_version()
    newer = cache.get(VERSION_KEY)
    assert newer > older
    assert wait_for(lambda: listener.current() == newer)
    listener.raise_to(older)  # the message of the earlier change, arriving last
    assert listener.current() == newer


def test_a_flushed_cache_starts_past_every_earlier_version(listener):
    bump_catalogue_version()
    before = cache.get(VERSION_KEY)
    cache.delete(VERSION_KEY)
    bump_catalogue_version()
    assert cache.get(VERSION_KEY) > before


def test_a_lost_subscription_falls_back_to_the_cache_and_catches_up(listener):
    assert wait_for(lambda: listener.subscription is not None)
    listener.subscription.connection.disconnect()  # as when Redis drops the connection
    assert wait_for(lambda: listener.current() is None, 5), "an unsubscribed listener must not answer"
    bump_catalogue_version()  # announced while nobody listened
    missed = cache.get(VERSION_KEY)
    assert catalogue_version() == missed
    assert wait_for(lambda: listener.current() == missed), "the listener did not catch up"
