"""What every steering-circle page shares: login first, then what the page works on (Http404
where the person may not see it), then the right; a form page hands valid input to one service."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from governance.permissions_steering import may_manage_steering, may_use_steering_workspace
from governance.selectors_steering import default_circle
from kooperationsraum.views import show_service_error


def refused(request, message: str, *, status: int = 403):
    return render(request, "governance/steering/refused.html", {"message": message}, status=status)


@method_decorator(never_cache, name="dispatch")
class SteeringView(AccessMixin, View):
    """Anonymous → login; people outside the circle and the secretariat → 403 (or 404 for objects)."""

    secretariat_only = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        allowed = (
            may_manage_steering(request.user) if self.secretariat_only else may_use_steering_workspace(request.user)
        )
        if not allowed:
            raise PermissionDenied
        self.circle = default_circle()
        if self.circle is None:
            raise Http404
        self.prepare(request, **kwargs)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            if error.args:
                return refused(request, str(error))
            raise

    def prepare(self, request, **kwargs) -> None:
        """Load and authorise what the view works on."""

    def render(self, template: str, **context):
        return render(
            self.request,
            template,
            {"circle": self.circle, "is_secretariat": may_manage_steering(self.request.user), **context},
        )


class SteeringFormView(SteeringView):
    """GET shows the form; POST validates it and calls `perform` (one service); a service's
    ValidationError shows on the form, which keeps the input."""

    template_name = "governance/steering/form_page.html"
    heading = ""
    intro = ""
    submit_label = ""
    success_message = ""
    multipart = False

    def make_form(self, data=None, files=None):
        raise NotImplementedError

    def perform(self, form):
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def cancel_url(self) -> str:
        return self.success_url()

    def get(self, request, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, **kwargs):
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.perform(form)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return redirect(self.success_url())
        return self.render_form(form)

    def context(self) -> dict:
        return {}

    def render_form(self, form, status: int = 200):
        response = self.render(
            self.template_name,
            form=form,
            heading=self.heading,
            intro=self.intro,
            submit_label=self.submit_label,
            cancel_url=self.cancel_url(),
            multipart=self.multipart,
            **self.context(),
        )
        response.status_code = status
        return response


class SteeringActionView(SteeringView):
    """A POST-only button (invite, circulate): calls one service, redirects with a message."""

    success_message = ""
    http_method_names = ["post"]

    def perform(self):
        raise NotImplementedError

    def success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, **kwargs):
        try:
            self.perform()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message)
        return redirect(self.success_url())
