"""What every workspace view shares: login first, then the project through its selector, then the
right; a form page that hands valid input to one service."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views import View

from projects.models import Project
from projects.selectors import project_get_for_user


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def refused(request, message: str, *, status: int = 403):
    """A refusal that says why, in the service's own words (the plain 403 page cannot)."""
    return render(request, "projects/refused.html", {"message": message}, status=status)


def show_service_error(form, error: ValidationError) -> None:
    if hasattr(form, "add_service_error"):
        form.add_service_error(error)
    else:
        form.add_error(None, error)


class WorkspaceView(AccessMixin, View):
    """Anonymous visitors go to the login before anything else is looked at."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.prepare(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, request, **kwargs) -> None:
        """Load and authorise what the view works on; raise Http404 or PermissionDenied."""


class ProjectView(WorkspaceView):
    """A page of one project: 404 for a project the person may not see, 403 for a missing right."""

    def prepare(self, request, **kwargs) -> None:
        self.project: Project = project_get_for_user(user=request.user, slug=kwargs["slug"])
        require(self.may(request.user, self.project))

    def may(self, user, project: Project) -> bool:
        return True


class ProjectFormView(ProjectView):
    """GET shows the form; POST validates it and hands it to `perform`, which calls one service.

    A service's ValidationError is shown on the form, which re-renders with the input kept.
    """

    template_name = "projects/form_page.html"
    heading = ""
    intro = ""
    submit_label = ""
    success_message = ""
    anchor = ""

    def make_form(self, data=None, files=None):
        raise NotImplementedError

    def perform(self, form) -> None:
        raise NotImplementedError

    def success_url(self) -> str:
        return self.project.get_absolute_url() + (f"#{self.anchor}" if self.anchor else "")

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
                messages.success(request, self.success_message)
                return redirect(self.success_url())
        return self.render_form(form)

    def context(self) -> dict:
        return {}

    def render_form(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "project": self.project,
                "form": form,
                "heading": self.heading,
                "intro": self.intro,
                "submit_label": self.submit_label,
                "cancel_url": self.success_url(),
                **self.context(),
            },
        )
