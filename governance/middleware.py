"""Account security on every request: the second factor, and session timeouts for privileged roles.

Runs after django-otp's middleware, so `request.user.is_verified()` is known.
- A person who must use a second factor (privileged role, superuser, or anyone who set one up)
  reaches nothing but the login, MFA and password-reset pages until it is verified; a privileged
  person without a factor is sent to set one up first.
- Sessions of privileged people end after `PRIVILEGED_SESSION_IDLE_TIMEOUT` without a request
  and `PRIVILEGED_SESSION_ABSOLUTE_TIMEOUT` after login; a session that was privileged and no
  longer is (the role ended) ends with all of that person's sessions.
"""

import time
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from governance.permissions import requires_mfa
from governance.services.mfa import mfa_is_enrolled
from governance.services.sessions import sessions_end_for

SESSION_STARTED = "auth_started_at"
SESSION_SEEN = "auth_seen_at"
SESSION_PRIVILEGED = "auth_privileged"
SESSION_NO_FACTOR = "auth_no_second_factor"
SEEN_WRITE_INTERVAL = 30  # seconds: do not write the session on every request


def session_mark_login(session) -> None:
    """Called right after the password was accepted (the login view): the timeouts start."""
    now = time.time()
    session[SESSION_STARTED] = now
    session[SESSION_SEEN] = now


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def open_prefixes(self) -> tuple[str, ...]:
        """Pages a person with only the password behind them may use."""
        return (
            reverse("login"),
            reverse("logout"),
            reverse("password_reset"),
            reverse("password_reset_done"),
            reverse("password_reset_complete"),
            reverse("password_reset_confirm", args=["x", "y"]).split("x/")[0],
            reverse("governance:mfa-verify"),
            reverse("governance:mfa-setup"),
            reverse("otp_webauthn:js-i18n-catalog").rsplit("jsi18n/", 1)[0],
            reverse("set_language"),
            reverse("health"),
            "/" + settings.STATIC_URL.lstrip("/"),
        )

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            response = self.check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request, user):
        privileged = requires_mfa(user)
        session = request.session
        if privileged:
            if not session.get(SESSION_PRIVILEGED):
                session[SESSION_PRIVILEGED] = True
            ended = self.timed_out(session)
            if ended:
                auth_logout(request)
                messages.info(request, ended)
                return redirect_to_login(request.get_full_path())
        elif session.get(SESSION_PRIVILEGED):
            # The privileged role ended while this session was open: end them all.
            sessions_end_for(person=user)
            auth_logout(request)
            messages.info(request, _("Ihre Rolle hat sich geändert. Bitte melden Sie sich erneut an."))
            return redirect_to_login(request.get_full_path())
        if request.path.startswith(self.open_prefixes) or user.is_verified():
            return None
        if not privileged:
            # Someone without a privileged role who set up a factor uses it too. Asked once per
            # session: setting up a factor ends the person's other sessions.
            if session.get(SESSION_NO_FACTOR):
                return None
            if not mfa_is_enrolled(user):
                session[SESSION_NO_FACTOR] = True
                return None
        target = reverse("governance:mfa-verify" if not privileged or mfa_is_enrolled(user) else "governance:mfa-setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    def timed_out(self, session) -> str | None:
        now = time.time()
        started = session.setdefault(SESSION_STARTED, now)
        seen = session.get(SESSION_SEEN, now)
        if now - seen > settings.PRIVILEGED_SESSION_IDLE_TIMEOUT.total_seconds():
            return _("Ihre Sitzung wurde nach längerer Inaktivität beendet. Bitte melden Sie sich erneut an.")
        if now - started > settings.PRIVILEGED_SESSION_ABSOLUTE_TIMEOUT.total_seconds():
            return _("Ihre Sitzung ist nach der Höchstdauer abgelaufen. Bitte melden Sie sich erneut an.")
        if now - seen >= SEEN_WRITE_INTERVAL or SESSION_SEEN not in session:
            session[SESSION_SEEN] = now
        return None
