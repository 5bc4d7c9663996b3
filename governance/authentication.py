"""Login helpers for django-axes, and the per-account slow-down.

Throttling rules (finding 5: a lockout must not become a denial of service):
- one account from one address: axes locks after `AXES_FAILURE_LIMIT` failures for
  `AXES_COOLOFF_TIME` (settings: `AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`);
- one account from any address: no lock, but after `LOGIN_SLOWDOWN_AFTER` failures each further
  attempt waits, doubling from `LOGIN_SLOWDOWN_BASE` up to `LOGIN_SLOWDOWN_MAX`;
- an address alone is never locked: other people behind the same proxy are not affected.
"""

import math

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


def throttle_username(request, credentials: dict | None) -> str | None:
    """The account key for login throttling: e-mail addresses are case-insensitive here.

    Without this, `Name@example.org` and `name@example.org` would each get five attempts.
    """
    source = credentials if credentials is not None else request.POST
    username = (source or {}).get("username")
    return username.strip().lower() if username else None


def login_wait_seconds(*, username: str | None) -> int:
    """Seconds until the account may be tried again from any address; 0 when it may now."""
    if not username:
        return 0
    now = timezone.now()
    recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    totals = recent.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    failures = totals["failures"] or 0
    if failures < settings.LOGIN_SLOWDOWN_AFTER:
        return 0
    delay = min(
        settings.LOGIN_SLOWDOWN_BASE * 2 ** min(failures - settings.LOGIN_SLOWDOWN_AFTER, 20),
        settings.LOGIN_SLOWDOWN_MAX,
    )
    return max(0, math.ceil((totals["last"] + delay - now).total_seconds()))
