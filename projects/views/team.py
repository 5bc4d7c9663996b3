"""The project team, its participating partners and its documents: maintained by the secretariat."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from projects import selectors
from projects.forms import ParticipationForm, ProjectDocumentForm, TeamMemberForm
from projects.permissions import may_manage_portfolio
from projects.services.documents import project_document_create
from projects.services.projects import (
    project_participation_remove,
    project_participation_set,
    project_team_add,
    project_team_remove,
)
from projects.views.common import ProjectFormView, ProjectView


class TeamMemberAddView(ProjectFormView):
    """The project page holds this form; errors re-render it on a page of its own."""

    heading = gettext_lazy("Person zum Projektteam hinzufügen")
    intro = gettext_lazy(
        "Die Person kann danach Meilensteine und Statusberichte dieses Projekts pflegen. "
        "Hat sie schon eine Rolle im Team, wird die Rolle geändert."
    )
    submit_label = gettext_lazy("Hinzufügen")
    anchor = "team"

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def make_form(self, data=None, files=None):
        return TeamMemberForm(data)

    def perform(self, form) -> None:
        member = project_team_add(
            project=self.project,
            person=form.cleaned_data["person"],
            role=form.cleaned_data["role"],
            actor=self.request.user,
            request=self.request,
        )
        self.success_message = _("%(person)s gehört jetzt zum Projektteam (%(role)s).") % {
            "person": member.person,
            "role": member.get_role_display(),
        }


class TeamMemberRemoveView(ProjectView):
    http_method_names = ["post"]

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def post(self, request, slug: str, pk: int):
        member = selectors.team_member_get_for_project(project=self.project, pk=pk)
        project_team_remove(member=member, actor=request.user, request=request)
        messages.success(request, _("%(person)s gehört nicht mehr zum Projektteam.") % {"person": member.person})
        return redirect(self.project.get_absolute_url() + "#team")


class ParticipationSetView(ProjectFormView):
    heading = gettext_lazy("Partner beteiligen")
    intro = gettext_lazy("Ist der Partner schon beteiligt, wird seine Rolle geändert.")
    submit_label = gettext_lazy("Speichern")
    anchor = "partner"

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def make_form(self, data=None, files=None):
        return ParticipationForm(data, project=self.project)

    def perform(self, form) -> None:
        participation = project_participation_set(
            project=self.project,
            partner=form.cleaned_data["partner"],
            role=form.cleaned_data["role"],
            actor=self.request.user,
            request=self.request,
        )
        self.success_message = _("%(partner)s ist beteiligt (%(role)s).") % {
            "partner": participation.partner,
            "role": participation.get_role_display(),
        }


class ParticipationRemoveView(ProjectView):
    http_method_names = ["post"]

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def post(self, request, slug: str, pk: int):
        participation = selectors.participation_get_for_project(project=self.project, pk=pk)
        try:
            project_participation_remove(participation=participation, actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(partner)s ist nicht mehr beteiligt.") % {"partner": participation.partner})
        return redirect(self.project.get_absolute_url() + "#partner")


class DocumentCreateView(ProjectFormView):
    heading = gettext_lazy("Dokument hochladen")
    submit_label = gettext_lazy("Hochladen")
    success_message = gettext_lazy("Das Dokument ist hochgeladen.")
    anchor = "dokumente"

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def make_form(self, data=None, files=None):
        return ProjectDocumentForm(data, files, project=self.project)

    def perform(self, form) -> None:
        project_document_create(document=form.instance, actor=self.request.user)

    def context(self) -> dict:
        return {"multipart": True}


@method_decorator(never_cache, name="dispatch")
class DocumentDownloadView(ProjectView):
    """Only for people who see the project (the selector decides); always as a download."""

    def get(self, request, slug: str, pk: int):
        document = selectors.document_get_for_project(project=self.project, pk=pk)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
