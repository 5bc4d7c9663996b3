"""Caches keyed on the catalogue's last change, and the anonymous page cache.

The catalogue version is a number in the cache that changes after every committed change to
anything the public catalogue shows (solutions, their services, adoptions, documents, partners,
focus areas, projects and sponsorships; see `connect_signals`). Every cached value carries the
version in its key, so a change makes all of them unreachable at once: nothing is deleted, no
stale page is served, and the cache's own TTL reclaims the memory. Signals rather than the
services: the admin and data imports change these tables too.

Parts that are the same for everyone are kept the same way for every visitor, logged in or not
(transfer/views/catalogue.py, transfer/api/views.py): the filter form with its counts, each
solution's card, a solution page's content, each API entry; the page around them, with the
person's own header, is rendered per request. A worker also keeps the versioned values it last
used in its own memory (`_Recent`), and hears of each new version from Redis
(transfer/version_push.py), so a warm page needs no round trip to Redis at all.

Only anonymous GET/HEAD requests are served from the page cache, and a response is stored only
if it sets no cookie: a logged-in person's page (or one with a pending message) is never stored,
so nobody is ever served somebody else's page.
"""

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.http import quote_etag
from django.utils.translation import get_language

from transfer.version_push import PushedVersion

logger = logging.getLogger(__name__)

VERSION_KEY = "transfer:catalogue-version"
DERIVED_TTL = 60 * 60  # facet counts and the like; the version key makes them stale, not the TTL


# Within one page request the version is read once (`pinned_catalogue_version`): each of the
# page's cached parts would otherwise ask the cache for it again.
_pinned: ContextVar[int | None] = ContextVar("pinned_catalogue_version", default=None)


# The version as announced to this process (transfer/version_push.py), when it is listening.
_pushed = PushedVersion(VERSION_KEY)


def catalogue_version() -> int:
    if (pinned := _pinned.get()) is not None:
        return pinned
    if (pushed := _pushed.current()) is not None:
        return pushed
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh cache (or a flushed one): a new number, never one used before.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY) or time.time_ns()
    return version


@contextmanager
def pinned_catalogue_version():
    """Read the version once for everything inside (one page's reads; never around a write)."""
    token = _pinned.set(catalogue_version())
    try:
        yield
    finally:
        _pinned.reset(token)


def bump_catalogue_version() -> None:
    """A new version, higher than every one before (version_push.py relies on that)."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # a fresh or flushed cache: start past every number used before
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.incr(VERSION_KEY)
    _pushed.announce(version)


def _changed(**kwargs) -> None:
    # Now, and again after the commit: a request that read the old rows in between stored them
    # under a version that the second change retires.
    bump_catalogue_version()
    transaction.on_commit(bump_catalogue_version)


def _new_release(**kwargs) -> None:
    """After `migrate`, which every deployment runs once: a new release's templates and
    translations must not meet the parts the old one rendered (they would stay until the next
    change of the catalogue). A cache that cannot be reached must not fail the migration."""
    try:
        bump_catalogue_version()
    except Exception:
        logger.warning("catalogue version not renewed after migrate: cache unreachable", exc_info=True)


def _m2m_changed(action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _changed()


def connect_signals() -> None:
    from governance.models import FocusArea, Partner
    from projects.models import Participation, Project, Sponsorship
    from transfer.models import Adoption, ServiceCoverage, Solution, SolutionDocument

    for model in (Solution, ServiceCoverage, Adoption, SolutionDocument, Partner, FocusArea, Project, Participation):
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
    post_save.connect(_changed, sender=Sponsorship, dispatch_uid="catalogue-version-save-Sponsorship")
    for through in (Solution.focus_areas.through, Solution.partners.through, Project.focus_areas.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"catalogue-version-m2m-{through.__name__}")
    post_migrate.connect(_new_release, sender=apps.get_app_config("transfer"), dispatch_uid="catalogue-version-release")


class _Recent:
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


_recent = _Recent(400)


def versioned_get_many(keys: list[str]) -> dict:
    """Values of keys that carry the catalogue version: from this process's memory or the cache."""
    found = {key: value for key in keys if (value := _recent.get(key)) is not None}
    if missing := [key for key in keys if key not in found]:
        shared = cache.get_many(missing)
        for key, value in shared.items():
            _recent.set(key, value)
        found.update(shared)
    return found


def versioned_set_many(values: dict, timeout: int = DERIVED_TTL) -> None:
    cache.set_many(values, timeout)
    for key, value in values.items():
        _recent.set(key, value)


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:32]


def cached_derived(name: str, params, compute):
    """`compute()` once per catalogue version and parameters (e.g. the facet counts of a filter)."""
    key = f"transfer:{name}:{catalogue_version()}:{_digest(params)}"
    value = versioned_get_many([key]).get(key)
    if value is None:
        value = compute()
        versioned_set_many({key: value})
    return value


def catalogue_etag(request, *args, **kwargs) -> str:
    """An ETag for a machine-readable view of the catalogue: its version, the address and language."""
    return quote_etag(_digest([catalogue_version(), request.get_full_path(), get_language()]))


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES  # a pending message belongs to one visitor
    )


def cache_anonymous_page(view):
    """Serve anonymous visitors a page rendered for the current catalogue version."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with pinned_catalogue_version():
            if not _cacheable_request(request):
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # while the version is pinned: the template reads cached parts
                return response
            return _cached_page(view, request, *args, **kwargs)

    return wrapped


def _cached_page(view, request, *args, **kwargs):
    key = f"transfer:page:{catalogue_version()}:{get_language()}:{_digest(request.get_full_path())}"
    stored = versioned_get_many([key]).get(key)
    if stored is not None:
        from django.http import HttpResponse

        content, content_type = stored
        return HttpResponse(content, content_type=content_type)
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    session = getattr(request, "session", None)
    if (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    ):
        versioned_set_many({key: (response.content, response["Content-Type"])}, settings.PAGE_CACHE_SECONDS)
    return response
