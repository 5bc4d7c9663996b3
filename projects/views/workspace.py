"""The portfolio: the filterable list, the project page, creating and editing, phase changes."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from governance.models import Partner
from projects import selectors
from projects.forms import ParticipationForm, PhaseChangeForm, ProjectFilterForm, ProjectForm, TeamMemberForm
from projects.models import Contribution, ContributionKind, Project, TrafficLight
from projects.permissions import (
    may_confirm_contribution,
    may_edit_progress,
    may_manage_portfolio,
    may_propose_contribution,
    may_request_sponsorship,
)
from projects.selectors import PartnerContributions
from projects.services.projects import project_change_phase, project_create, project_update
from projects.views.common import ProjectView, WorkspaceView, require, show_service_error
from projects.views.timeline import timeline_entries

PAGE_SIZE = 25


@dataclass
class ProjectRow:
    project: Project
    light: str | None  # the worst light of the latest status report, if there is one

    @property
    def light_label(self) -> str:
        return TrafficLight(self.light).label if self.light else ""


@method_decorator(never_cache, name="dispatch")
class ProjectListView(WorkspaceView):
    """The secretariat sees the whole portfolio, a project team its own projects."""

    def prepare(self, request, **kwargs) -> None:
        require(may_manage_portfolio(request.user) or selectors.user_has_workspace_projects(user=request.user))

    def get(self, request):
        form = ProjectFilterForm(
            request.GET or None,
            lead_partners=selectors.lead_partner_choices(),
            focus_areas=selectors.focus_area_choices(),
        )
        filters = form.filters()
        projects = selectors.project_list_for_user(user=request.user, filters=filters)
        page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "projects/project_list.html",
            {
                "form": form,
                "filtered": bool({key for key in filters if key != "sort"}),
                "page_obj": page,
                "rows": [ProjectRow(project, project.light) for project in page],
                "may_manage": may_manage_portfolio(request.user),
            },
        )


@dataclass
class ContributionRow:
    contribution: Contribution
    may_confirm: bool


@dataclass
class SumRow:
    """One partner's own sums by kind, labelled; never set against anyone else's."""

    partner: Partner
    proposed: list[tuple[str, Decimal]]
    confirmed: list[tuple[str, Decimal]]
    services: list[Contribution]


def _labelled(sums: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    return [(ContributionKind(kind).label, amount) for kind, amount in sorted(sums.items())]


def _sum_rows(sums: list[PartnerContributions]) -> list[SumRow]:
    return [SumRow(s.partner, _labelled(s.proposed), _labelled(s.confirmed), s.services) for s in sums]


@method_decorator(never_cache, name="dispatch")
class ProjectDetailView(ProjectView):
    def get(self, request, slug: str):
        user = request.user
        detail = selectors.project_detail(project=self.project)
        project = detail["project"]
        manage = may_manage_portfolio(user)
        return render(
            request,
            "projects/project_detail.html",
            {
                **detail,
                "contribution_rows": [
                    ContributionRow(c, may_confirm_contribution(user, c)) for c in detail["contributions"]
                ],
                "sum_rows": _sum_rows(detail["contribution_sums"]),
                "timeline": timeline_entries(detail["timeline"]),
                "may_manage": manage,
                "may_edit_progress": may_edit_progress(user, project),
                "may_propose": may_propose_contribution(user, project),
                "team_form": TeamMemberForm() if manage else None,
                "participation_form": ParticipationForm(project=project) if manage else None,
                **_sponsorship_context(user, project),
            },
        )


def _sponsorship_context(user, project: Project) -> dict:
    """The project's sponsorships; links only to the requests this person may open."""
    sponsorships = list(selectors.sponsorships_of_project(project=project))
    visible = selectors.sponsorships_visible_to(user).filter(pk__in=[s.pk for s in sponsorships])
    return {
        "sponsorships": sponsorships,
        "may_request_sponsorship": may_request_sponsorship(user),
        "visible_sponsorships": set(visible.values_list("pk", flat=True)) if sponsorships else set(),
    }


class ProjectCreateView(WorkspaceView):
    def prepare(self, request, **kwargs) -> None:
        require(may_manage_portfolio(request.user))

    def get(self, request):
        return self._render(ProjectForm())

    def post(self, request):
        form = ProjectForm(request.POST)
        if form.is_valid():
            try:
                project = project_create(
                    project=form.instance,
                    focus_areas=form.cleaned_data["focus_areas"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                form.instance.pk = None  # nothing was stored (the service is atomic)
                show_service_error(form, error)
            else:
                messages.success(request, _("Das Projekt „%(title)s“ ist angelegt.") % {"title": project.title})
                return redirect(project)
        return self._render(form)

    def _render(self, form):
        return render(
            self.request,
            "projects/project_form.html",
            {
                "form": form,
                "heading": _("Neues Projekt anlegen"),
                "submit_label": _("Projekt anlegen"),
            },
        )


class ProjectEditView(ProjectView):
    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def prepare(self, request, **kwargs) -> None:
        super().prepare(request, **kwargs)
        # Binding the form changes the instance: remember what the stored project is called.
        self.stored = {"acronym": self.project.acronym, "url": self.project.get_absolute_url()}

    def get(self, request, slug: str):
        return self._render(ProjectForm(instance=self.project))

    def post(self, request, slug: str):
        form = ProjectForm(request.POST, instance=self.project)
        if form.is_valid():
            try:
                project = project_update(
                    project=form.instance,
                    focus_areas=form.cleaned_data["focus_areas"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Die Änderungen sind gespeichert."))
                return redirect(project)
        return self._render(form)

    def _render(self, form):
        return render(
            self.request,
            "projects/project_form.html",
            {
                "form": form,
                "cancel_url": self.stored["url"],
                "submit_label": _("Änderungen speichern"),
                "heading": _("Projekt bearbeiten: %(acronym)s") % {"acronym": self.stored["acronym"]},
            },
        )


class ProjectPhaseView(ProjectView):
    """Offers the next phases of the gate model; the service refuses anything else with a reason."""

    success_message = gettext_lazy("Die Phase ist jetzt „%(phase)s“.")

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def get(self, request, slug: str):
        return self._render(PhaseChangeForm(project=self.project))

    def post(self, request, slug: str):
        form = PhaseChangeForm(request.POST, project=self.project)
        if form.is_valid():
            try:
                project = project_change_phase(
                    project=self.project,
                    phase=form.cleaned_data["phase"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                form.add_error("phase", error)  # the gate's refusal, in the service's words
            else:
                messages.success(request, self.success_message % {"phase": project.get_phase_display()})
                return redirect(project)
        return self._render(form)

    def _render(self, form):
        return render(self.request, "projects/phase_form.html", {"project": self.project, "form": form})
