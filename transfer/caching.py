"""Caches keyed on the catalogue's last change, and the anonymous page cache.

The catalogue version (kooperationsraum/versions.py) changes with every write to anything the
public catalogue shows (solutions, their services, adoptions, documents, partners, focus areas,
projects, participations and sponsorships: `_catalogue_tables`), at the write and again after the
commit. Every cached value carries the version in its key, so a change makes all of them
unreachable at once.

Parts that are the same for everyone are kept the same way for every visitor, logged in or not
(transfer/views/catalogue.py, transfer/api/views.py): the filter form with its counts, each
solution's card, a solution page's content, each API entry; the page around them, with the
person's own header, is rendered per request. A worker also keeps the versioned values it last
used in its own memory (`RecentValues`), and hears of each new version from Redis
(kooperationsraum/version_push.py), so a warm page needs no round trip to Redis at all.

Only anonymous GET/HEAD requests are served from the page cache, and a response is stored only
if it sets no cookie: a logged-in person's page (or one with a pending message) is never stored,
so nobody is ever served somebody else's page.
"""

import logging
from functools import wraps

from django.conf import settings
from django.utils.http import quote_etag
from django.utils.translation import get_language

from kooperationsraum.versions import ChangeVersion, RecentValues, digest, kept_page, renew_after_migrate

logger = logging.getLogger(__name__)

VERSION_KEY = "transfer:catalogue-version"
DERIVED_TTL = 60 * 60  # facet counts and the like; the version key makes them stale, not the TTL


def _catalogue_tables() -> set[str]:
    from governance.models import FocusArea, Partner
    from projects.models import Participation, Project, Sponsorship
    from transfer.models import Adoption, ServiceCoverage, Solution, SolutionDocument

    models = (Solution, ServiceCoverage, Adoption, SolutionDocument, Partner, FocusArea)
    models += (Project, Participation, Sponsorship)
    throughs = (Solution.focus_areas.through, Solution.partners.through, Project.focus_areas.through)
    return {model._meta.db_table for model in models + throughs}


# Read inside the writing transaction too (a publish renders the solution's page): `at_write`.
CATALOGUE = ChangeVersion(VERSION_KEY, tables=_catalogue_tables, at_write=True)
catalogue_version = CATALOGUE.current
pinned_catalogue_version = CATALOGUE.pinned
bump_catalogue_version = CATALOGUE.bump


def renew_on_migrate() -> None:
    renew_after_migrate(CATALOGUE, "transfer")


_recent = RecentValues(400)


def versioned_get_many(keys: list[str]) -> dict:
    """Values of keys that carry the catalogue version: from this process's memory or the cache."""
    return _recent.get_many(keys)


def versioned_set_many(values: dict, timeout: int = DERIVED_TTL) -> None:
    _recent.set_many(values, timeout)


def cached_derived(name: str, params, compute):
    """`compute()` once per catalogue version and parameters (e.g. the facet counts of a filter)."""
    key = f"transfer:{name}:{catalogue_version()}:{digest(params)}"
    value = versioned_get_many([key]).get(key)
    if value is None:
        value = compute()
        versioned_set_many({key: value})
    return value


def catalogue_etag(request, *args, **kwargs) -> str:
    """An ETag for a machine-readable view of the catalogue: its version, the address and language."""
    return quote_etag(digest([catalogue_version(), request.get_full_path(), get_language()]))


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
    key = f"transfer:page:{catalogue_version()}:{get_language()}:{digest(request.get_full_path())}"
    return kept_page(
        _recent,
        key,
        settings.PAGE_CACHE_SECONDS,
        lambda: view(request, *args, **kwargs),
        lambda response: _storable(request, response),
    )


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )
