"""Login, logout and passwords: Django's views, with throttling, audit events and ended sessions."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from governance.authentication import login_wait_seconds, throttle_username
from governance.forms import LoginForm
from governance.middleware import session_mark_login
from governance.services import accounts


class PortalLoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def post(self, request, *args, **kwargs):
        wait = login_wait_seconds(username=throttle_username(request, None))
        if wait:
            # Slowed down, not locked: the password is not even checked until the wait is over.
            context = {"wait_seconds": wait, "failure_limit": None}
            return render(request, "registration/locked_out.html", context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)  # django.contrib.auth.login renews the session key
        session_mark_login(self.request.session)
        accounts.login_record_success(request=self.request, person=form.get_user())
        return response

    def form_invalid(self, form):
        username = throttle_username(self.request, None)
        if username and self.request.POST.get("password"):
            accounts.login_record_failure(request=self.request, username=username)
        return super().form_invalid(form)


class PortalLogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        accounts.logout_person(request=request)
        return super().post(request, *args, **kwargs)


class PortalPasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        accounts.password_change(request=self.request, form=form)
        messages.success(
            self.request,
            _("Ihr Passwort ist geändert, alle Ihre Sitzungen sind beendet. Bitte melden Sie sich neu an."),
        )
        return redirect("login")


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        accounts.password_reset_complete(request=self.request, form=form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())
