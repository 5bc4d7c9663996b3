"""Change versions: a number in the cache for what a family of pages shows, renewed after every
committed write to the tables it watches.

Every cached part carries its version in the key, so a change makes all of them unreachable at
once: nothing is deleted, no stale part is served, and the cache's own TTL reclaims the memory.

Writes are seen where they are made, not through model signals: every SQL statement the portal
sends passes one execute wrapper (`watch_writes`), and an INSERT, UPDATE, DELETE or TRUNCATE on a
watched table renews the version once the transaction commits (in autocommit, at once). So
`QuerySet.update()`, bulk writes, the admin, imports, data migrations and raw SQL through
Django's cursor count too, in every process. Signals missed them: marking a solution reviewed is
an `update()`, and the public page kept the old date.

A version that is also read inside the writing transaction (the catalogue's kept parts) is
renewed at the write as well (`at_write`): what the transaction renders after its own change is
kept under a version that the commit retires again.
"""

import hashlib
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse

from kooperationsraum.version_push import PushedVersion

logger = logging.getLogger(__name__)

_versions: list["ChangeVersion"] = []


class ChangeVersion:
    def __init__(self, key: str, *, tables: Callable[[], Iterable[str]], at_write: bool = False):
        self.key = key
        self.at_write = at_write
        self._list_tables = tables
        self._tables: frozenset[str] | None = None
        # Within one request the version is read once (`pinned`): every part reads the same one.
        self._pinned: ContextVar[int | None] = ContextVar(f"pinned:{key}", default=None)
        self._pushed = PushedVersion(key)
        _versions.append(self)

    @property
    def tables(self) -> frozenset[str]:
        if self._tables is None:  # the app registry is ready by the first statement
            self._tables = frozenset(self._list_tables())
        return self._tables

    def current(self) -> int:
        if (pinned := self._pinned.get()) is not None:
            return pinned
        if (pushed := self._pushed.current()) is not None:
            return pushed
        version = cache.get(self.key)
        if version is None:
            # A fresh cache (or a flushed one): a new number, never one used before.
            cache.add(self.key, time.time_ns(), None)
            version = cache.get(self.key) or time.time_ns()
        return version

    def pinned_value(self) -> int | None:
        return self._pinned.get()

    @contextmanager
    def pinned(self):
        """Read the version once, before anything it covers is read (one request's reads)."""
        token = self._pinned.set(self.current())
        try:
            yield
        finally:
            self._pinned.reset(token)

    def bump(self) -> None:
        """A new version, higher than every one before (version_push.py relies on that)."""
        try:
            version = cache.incr(self.key)
        except ValueError:  # a fresh or flushed cache: start past every number used before
            cache.add(self.key, time.time_ns(), None)
            version = cache.incr(self.key)
        self._pushed.announce(version)


class RecentValues:
    """The values this process last read or wrote under a versioned key, in front of the shared
    cache: such a key is never stale (a change makes it unreachable), so a worker can keep what it
    just used and skip a round trip to Redis, which costs more than rendering a card. Bounded
    (least recently used out first); the values are shared, so callers treat them as read-only."""

    def __init__(self, size: int):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            value = self.values.get(key)
            if value is not None:
                self.values.move_to_end(key)
            return value

    def set(self, key: str, value) -> None:
        with self.lock:
            self.values[key] = value
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)

    def get_many(self, keys: list[str]) -> dict:
        """Values from this process's memory, the rest from the shared cache (and kept here)."""
        found = {key: value for key in keys if (value := self.get(key)) is not None}
        if missing := [key for key in keys if key not in found]:
            shared = cache.get_many(missing)
            for key, value in shared.items():
                self.set(key, value)
            found.update(shared)
        return found

    def set_many(self, values: dict, timeout: int) -> None:
        cache.set_many(values, timeout)
        for key, value in values.items():
            self.set(key, value)


def digest(value) -> str:
    """A short, stable hash of a key's parameters (JSON-able values)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:32]


def kept_page(recent: RecentValues, key: str, timeout: int, render, storable):
    """The page kept under `key` (a versioned key), or `render()`ed and kept if `storable(response)`."""
    if (stored := recent.get_many([key]).get(key)) is not None:
        content, content_type = stored
        return HttpResponse(content, content_type=content_type)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if storable(response):
        recent.set_many({key: (response.content, response["Content-Type"])}, timeout)
    return response


def renew_after_migrate(version: ChangeVersion, app_label: str) -> None:
    """After `migrate`, which every deployment runs once, a new version: a new release's templates
    and translations must not meet the parts the old one rendered (they would stay until the next
    write). A cache that cannot be reached must not fail the migration."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    def renew(**kwargs) -> None:
        try:
            version.bump()
        except Exception:
            logger.warning("%s not renewed after migrate: cache unreachable", version.key, exc_info=True)

    version._renew_after_migrate = renew  # the signal keeps only a weak reference
    post_migrate.connect(renew, sender=apps.get_app_config(app_label), dispatch_uid=f"renew-{version.key}")


def app_tables(*labels: str) -> set[str]:
    """Every table of these apps, the many-to-many tables included."""
    from django.apps import apps

    return {
        model._meta.db_table
        for label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


_WRITE = re.compile(r"\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+(?:TABLE\s+|ONLY\s+)?(.*)", re.I | re.S)
_NAME = re.compile(r'"?(\w+)"?')


def written_tables(sql: str) -> set[str]:
    """The tables a statement writes to, as Django spells its statements; empty for the rest."""
    if not isinstance(sql, str) or sql[:1] not in "IUDTiudt \n":
        return set()
    match = _WRITE.match(sql)
    if match is None:
        return set()
    verb, rest = match.groups()
    if verb.upper() == "TRUNCATE":  # TRUNCATE "a", "b" RESTART IDENTITY CASCADE: more names are harmless
        return set(_NAME.findall(rest.split(";")[0]))
    name = _NAME.match(rest)
    return {name.group(1)} if name else set()


class _AfterCommit:
    """The versions to renew once the current transaction commits: one callback per transaction."""

    def __init__(self):
        self.versions: set[ChangeVersion] = set()

    def __call__(self) -> None:
        for version in self.versions:
            _bump_quietly(version)


def _bump_quietly(version: ChangeVersion) -> None:
    """A write is never failed by the cache: in autocommit it is committed already. A cache that
    cannot be reached cannot serve the old version either."""
    try:
        version.bump()
    except Exception:
        logger.warning("%s not renewed: cache unreachable", version.key, exc_info=True)


def _pending(connection) -> _AfterCommit:
    pending = connection.__dict__.get("_versions_after_commit")
    # Gone from the list when it ran or a rollback dropped it: a new one for this transaction.
    if pending is None or not any(func is pending for _sids, func, _robust in connection.run_on_commit):
        pending = connection.__dict__["_versions_after_commit"] = _AfterCommit()
        transaction.on_commit(pending, using=connection.alias, robust=True)
    return pending


def _written(connection, tables: set[str]) -> None:
    touched = [version for version in _versions if version.tables & tables]
    if not touched:
        return
    if not connection.in_atomic_block:  # autocommit: the statement is committed already
        for version in touched:
            _bump_quietly(version)
        return
    for version in touched:
        if version.at_write:
            _bump_quietly(version)
    _pending(connection).versions.update(touched)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if tables := written_tables(sql):
        _written(context["connection"], tables)
    return result


def _install(connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def watch_writes() -> None:
    """Called once at start-up: every connection, now and later, reports its writes."""
    from django.db import connections

    connection_created.connect(_install, dispatch_uid="change-versions-watch-writes")
    for connection in connections.all(initialized_only=True):
        _install(connection)
