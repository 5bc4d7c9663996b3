"""The portal's Redis cache (kooperationsraum/cache.py): one client for all calls, and still the
cache Django's is (values, timeouts, many at once, from several threads)."""

import os
import threading

from django.core.cache import cache, caches

from kooperationsraum.cache import PortalRedisCache
from tests.conftest import clear_cache, require_service


def _redis_backend():
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (set REDIS_URL)")
    backend = caches["default"]
    assert isinstance(backend, PortalRedisCache)
    return backend


def test_every_call_uses_the_same_client():
    backend = _redis_backend()
    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_values_round_trip_as_with_djangos_backend():
    _redis_backend()
    try:
        cache.set("cache-client:one", {"Lösung": 1}, 30)
        cache.set_many({"cache-client:a": 1, "cache-client:b": [2]}, 30)
        assert cache.get("cache-client:one") == {"Lösung": 1}
        assert cache.get_many(["cache-client:a", "cache-client:b", "cache-client:none"]) == {
            "cache-client:a": 1,
            "cache-client:b": [2],
        }
        assert cache.add("cache-client:one", "other") is False
        assert cache.incr("cache-client:a") == 2
    finally:
        clear_cache()


def test_threads_share_the_client_without_mixing_answers():
    _redis_backend()
    cache.set_many({f"cache-client:thread-{n}": n for n in range(8)}, 30)
    wrong = []

    def read(n):
        for _ in range(50):
            if cache.get(f"cache-client:thread-{n}") != n:
                wrong.append(n)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    clear_cache()
    assert wrong == []
