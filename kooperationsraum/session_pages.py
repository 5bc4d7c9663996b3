"""A signed-in person's list pages (the portfolio, the sponsorship inbox), kept per session until
anything they could show changes.

Rendering such a page cost about 45 ms at 2,000 projects, most of it the table and the filter,
against 1 ms for the framework's floor. What a person sees on it depends on their roles, grants
and team places, on the projects, partners, milestones and reports, on their notifications and
the day (overdue milestones): all of it lives in the tables of `WATCHED_APPS`, and every write to
one renews the workspace version (kooperationsraum/versions.py). A kept page carries the version,
the day, the language, the address and the session in its key:

- The session, never only the person: the page holds the session's CSRF token, and another
  browser of the same person has its own.
- The access check runs before the page is looked up (the view's `prepare`), and the middleware's
  second factor and session timeouts run on every request: a kept page is never a way in.
- Read at the start of the request, before the session and the person are loaded
  (`WorkspaceVersionMiddleware`): a change committed while the request runs leaves the page under
  the older version, never older content under the newer one.
- Nothing is kept or served inside a transaction (it may see uncommitted rows), for a request
  with a message waiting (rendering shows it once), or when rendering set a cookie.
"""

from functools import wraps

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from kooperationsraum.versions import ChangeVersion, RecentValues, app_tables, digest, kept_page

# The OTP apps too: a factor set up or removed changes the account menu.
WATCHED_APPS = ("governance", "projects", "guardian", "auth", "otp_static", "otp_totp", "django_otp_webauthn")

WORKSPACE = ChangeVersion("kooperationsraum:workspace-version", tables=lambda: app_tables(*WATCHED_APPS))

# A worker keeps the pages it served last in its own memory too (a page's key never goes stale,
# it becomes unreachable): a person paging back and forth needs no round trip to Redis.
_recent = RecentValues(100)


def _enabled(request) -> bool:
    return settings.SESSION_PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD")


class WorkspaceVersionMiddleware:
    """Pins the workspace version for a signed-in person's GET, before anything else is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (_enabled(request) and settings.SESSION_COOKIE_NAME in request.COOKIES):
            return self.get_response(request)
        with WORKSPACE.pinned():
            return self.get_response(request)


def workspace_memo(name: str, params, compute):
    """`compute()` once per pinned workspace version, day and `params` in this process, for what
    every signed-in request asks anew (the person's roles); without a pinned version, live."""
    version = WORKSPACE.pinned_value()
    if version is None:
        return compute()
    key = (name, version, timezone.localdate(), params)
    value = _memo.get(key)
    if value is None:
        value = compute()
        _memo.set(key, value)
    return value


_memo = RecentValues(500)


def _pending_messages(request) -> int:
    storage = getattr(request, "_messages", None)
    return len(storage) if storage is not None else 0  # loading them does not mark them seen


def _key(request) -> str | None:
    version = WORKSPACE.pinned_value()
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if (
        version is None
        or not _enabled(request)
        or not request.user.is_authenticated
        or not session_key
        or connection.in_atomic_block
        or _pending_messages(request)
    ):
        return None
    who = digest(
        [session_key, request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""), request.user.pk, request.get_full_path()]
    )
    return f"kooperationsraum:session-page:{version}:{timezone.localdate().isoformat()}:{get_language()}:{who}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The token on the page belongs to the browser's CSRF cookie, not to a new one sent with it.
        and request.META.get("CSRF_COOKIE") == request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        and not _pending_messages(request)  # none before (`_key`), none added while rendering
        and not connection.in_atomic_block
    )


def keep_for_session(view):
    """For a view's `get`, after its access check: the page from the cache, or rendered and kept."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        return kept_page(
            _recent,
            key,
            settings.SESSION_PAGE_CACHE_SECONDS,
            lambda: view(request, *args, **kwargs),
            lambda response: _storable(request, response),
        )

    return wrapped
