"""What every project workspace view shares: login first, then the project through its selector,
then the right; a form page that hands valid input to one service (`kooperationsraum.views`)."""

from django.shortcuts import render

from kooperationsraum.views import ServiceFormView, WorkspaceView, require, show_service_error
from projects.models import Project
from projects.selectors import project_get_for_user

__all__ = ["ProjectFormView", "ProjectView", "WorkspaceView", "refused", "require", "show_service_error"]


def refused(request, message: str, *, status: int = 403):
    """A refusal that says why, in the service's own words (the plain 403 page cannot)."""
    return render(request, "projects/refused.html", {"message": message}, status=status)


class ProjectView(WorkspaceView):
    """A page of one project: 404 for a project the person may not see, 403 for a missing right."""

    def prepare(self, request, **kwargs) -> None:
        self.project: Project = project_get_for_user(user=request.user, slug=kwargs["slug"])
        require(self.may(request.user, self.project))


class ProjectFormView(ProjectView, ServiceFormView):
    """A form page of one project; back to the project's page (at `anchor`) when done."""

    template_name = "projects/form_page.html"
    anchor = ""

    def success_url(self) -> str:
        return self.project.get_absolute_url() + (f"#{self.anchor}" if self.anchor else "")

    def base_context(self) -> dict:
        return {"project": self.project}
