"""A change version (kooperationsraum/versions.py), announced to every process instead of read
from Redis on every page.

A warm cached page costs little more than the framework's floor, except for the one round trip
to Redis that asks for the version: a third of its time (measured with `make bench` on the
catalogue: 64 % of the floor with the round trip, 84 % without). So each change publishes the
new version on a Redis channel, and one thread per process and version listens and keeps the
highest version it heard.

- Versions only grow (an INCR on the version key, which starts at the clock in nanoseconds when
  the key is missing, so that a flushed cache never reuses a number); a late message of an older
  change can therefore never lower what a process holds, and the process that made a change holds
  the new version at once.
- Until the thread has subscribed and read the current version, and whenever it has lost Redis,
  `current()` answers None and readers ask Redis as before. Every `RECHECK_SECONDS` the thread
  reads the version itself too, so a silently broken subscription cannot keep an old version.
- Only with the Redis cache; a process-local cache (SQLite, `make run` without Redis) needs none.
"""

import logging
import os
import threading
import time

from django.core.cache import cache, caches

from kooperationsraum.cache import PortalRedisCache

logger = logging.getLogger(__name__)

RECHECK_SECONDS = 5.0


def _redis_client():
    backend = caches["default"]
    if not isinstance(backend, PortalRedisCache):
        return None
    return backend._cache.get_client(write=True)


class PushedVersion:
    def __init__(self, key: str):
        self.key = key
        self.value: int | None = None
        self.live = False
        self.pid: int | None = None
        self.subscription = None  # the listening connection's PubSub, while there is one
        self.closed = False
        self.lock = threading.Lock()

    def current(self) -> int | None:
        """The version this process last heard of, or None: then ask the cache."""
        if self.pid != os.getpid():
            self._start()
        return self.value if self.live else None

    def raise_to(self, version) -> None:
        if version is None:
            return
        with self.lock:
            if self.value is None or int(version) > self.value:
                self.value = int(version)

    def announce(self, version: int) -> None:
        """Called after a change has stored `version`: this process and all others hear it."""
        self.raise_to(version)
        client = _redis_client()
        if client is not None:
            client.publish(cache.make_key(self.key), version)

    def _start(self) -> None:
        with self.lock:
            if self.pid == os.getpid():
                return
            # A forked child inherits the parent's value but not its thread: start from nothing.
            self.pid, self.value, self.live = os.getpid(), None, False
            if _redis_client() is None:
                return
            threading.Thread(target=self._listen, name=f"version:{self.key}", daemon=True).start()

    def close(self) -> None:
        """Stop listening (the thread ends within a second); `current()` answers None from now on."""
        self.closed, self.live = True, False

    def _listen(self) -> None:
        while not self.closed:
            was_live = self.live
            try:
                self._follow()
            except Exception:  # a lost connection: ask the cache until subscribed again
                if was_live:  # once per outage, not every second of it
                    logger.warning("%s: subscription lost, retrying", self.key, exc_info=True)
            self.live = False
            if not self.closed:
                time.sleep(1)

    def _follow(self) -> None:
        pubsub = self.subscription = _redis_client().pubsub()
        try:
            pubsub.subscribe(cache.make_key(self.key))
            confirmed = pubsub.get_message(timeout=5)
            if not confirmed or confirmed["type"] != "subscribe":
                raise ConnectionError("no subscription confirmed")
            checked = 0.0
            while not self.closed:
                if time.monotonic() - checked > RECHECK_SECONDS:
                    # Subscribed first, then read: no change can fall between the two.
                    with self.lock:
                        self.value = None
                    self.raise_to(cache.get(self.key))
                    self.live, checked = self.value is not None and not self.closed, time.monotonic()
                message = pubsub.get_message(ignore_subscribe_messages=True, timeout=1)
                if message and message["type"] == "message":
                    self.raise_to(message["data"])
        finally:
            self.subscription = None
            pubsub.close()
