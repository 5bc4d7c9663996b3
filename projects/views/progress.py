"""Keeping a project's progress current: milestones and status reports (secretariat and team)."""

from django.utils.translation import gettext_lazy as _

from projects import selectors
from projects.forms import MilestoneForm, StatusReportForm
from projects.permissions import may_edit_progress
from projects.services.progress import milestone_save, status_report_create
from projects.views.common import ProjectFormView


class ProgressFormView(ProjectFormView):
    def may(self, user, project) -> bool:
        return may_edit_progress(user, project)


class MilestoneCreateView(ProgressFormView):
    heading = _("Meilenstein hinzufügen")
    submit_label = _("Meilenstein speichern")
    success_message = _("Der Meilenstein ist gespeichert.")
    anchor = "meilensteine"

    def make_form(self, data=None, files=None):
        return MilestoneForm(data, project=self.project)

    def perform(self, form) -> None:
        milestone_save(milestone=form.instance, actor=self.request.user, request=self.request)


class MilestoneEditView(MilestoneCreateView):
    heading = _("Meilenstein bearbeiten")
    intro = _("Tragen Sie bei „Erreicht am“ ein Datum ein, um den Meilenstein als erreicht zu markieren.")

    def prepare(self, request, **kwargs) -> None:
        super().prepare(request, **kwargs)
        self.milestone = selectors.milestone_get_for_project(project=self.project, pk=kwargs["pk"])

    def make_form(self, data=None, files=None):
        return MilestoneForm(data, instance=self.milestone, project=self.project)


class StatusReportCreateView(ProgressFormView):
    heading = _("Statusbericht erstellen")
    intro = _("Die drei Ampeln bewerten Zeitplan, Budget und Umfang im Berichtszeitraum.")
    submit_label = _("Statusbericht speichern")
    success_message = _("Der Statusbericht ist gespeichert.")
    anchor = "statusberichte"

    def make_form(self, data=None, files=None):
        return StatusReportForm(data, project=self.project)

    def perform(self, form) -> None:
        status_report_create(report=form.instance, actor=self.request.user, request=self.request)
