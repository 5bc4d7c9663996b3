"""Site-wide views that belong to no domain app (health check, error pages), and the one small
base every app's signed-in pages build on (`WorkspaceView`, `ServiceFormView`)."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language as django_set_language


def health(request) -> HttpResponse:
    """Liveness for the container health check: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


@csrf_exempt
def set_language(request) -> HttpResponse:
    """The language switch. For anonymous visitors without CSRF: the token would set a cookie on
    every public page and so make none of them cacheable, and a forged switch changes only the
    display language of a visitor who has no account. Logged-in people keep the CSRF check."""
    if request.user.is_authenticated:
        return csrf_protect(django_set_language)(request)
    return django_set_language(request)


# --- the one base for the apps' signed-in pages ---------------------------------------------------


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def show_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the fields it names, or on the whole form.

    A form may place errors itself (`place_error(field, error)`, e.g. on the field a model
    constraint is about); otherwise a field the form does not have means the whole form."""
    place = getattr(form, "place_error", None) or (
        lambda field, single: form.add_error(field if field in form.fields else None, single)
    )
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for single in errors:
                place(field, single)
    else:
        for single in error.error_list:
            place(None, single)


class WorkspaceView(AccessMixin, View):
    """Login first: anonymous visitors go to the login before anything else is looked at. Then
    `prepare` loads and authorises what the view works on (Http404, PermissionDenied); by default
    it asks `may(user)`."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.prepare(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, request, **kwargs) -> None:
        require(self.may(request.user))

    def may(self, user, *objects) -> bool:
        return True


class ServiceFormView(WorkspaceView):
    """Permission (`prepare`) → form (`make_form`) → one service (`perform`) → redirect with a message.

    GET shows the form. A service's ValidationError is shown on the form, which re-renders with
    the input kept; `perform` may set `success_message` from what the service returned.
    """

    template_name = ""
    heading = ""
    intro = ""
    submit_label = ""
    success_message = ""

    def make_form(self, data=None, files=None):
        raise NotImplementedError

    def perform(self, form) -> None:
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def cancel_url(self) -> str:
        return self.success_url()

    def show_error(self, form, error: ValidationError) -> None:
        show_service_error(form, error)

    def base_context(self) -> dict:
        """What every page of a family of views shows (e.g. its project)."""
        return {}

    def context(self) -> dict:
        """What one view adds."""
        return {}

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.perform(form)
            except ValidationError as error:
                self.show_error(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url())
        return self.render_form(form)

    def render_form(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "heading": self.heading,
                "intro": self.intro,
                "submit_label": self.submit_label,
                "cancel_url": self.cancel_url(),
                **self.base_context(),
                **self.context(),
            },
        )
