"""The portfolio: the filterable list, the project page, creating and editing, phase changes."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from governance.models import Partner
from kooperationsraum.paging import IdsFirstPaginator
from kooperationsraum.session_pages import keep_for_session
from kooperationsraum.views import ServiceFormView
from projects import selectors
from projects.forms import ParticipationForm, PhaseChangeForm, ProjectFilterForm, ProjectForm, TeamMemberForm
from projects.models import (
    EVALUATED_PHASES,
    Contribution,
    ContributionKind,
    Phase,
    Project,
    ProjectEvaluation,
    TrafficLight,
)
from projects.permissions import (
    may_confirm_contribution,
    may_edit_progress,
    may_manage_portfolio,
    may_propose_contribution,
    may_request_sponsorship,
)
from projects.selectors import PartnerContributions
from projects.services.projects import project_change_phase, project_create, project_update
from projects.views.common import ProjectFormView, ProjectView, WorkspaceView, require
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
@method_decorator(keep_for_session, name="get")
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
        # Ids first: sorting 2,000 whole rows with their overdue counts cost 8 ms of the page.
        page = IdsFirstPaginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
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
                **_evaluation_context(project),
                "team_form": TeamMemberForm() if manage else None,
                "participation_form": ParticipationForm(project=project) if manage else None,
                **_sponsorship_context(user, project),
            },
        )


def _evaluation_context(project: Project) -> dict:
    """The Reallabor evaluation, looked up only where there can be one (two queries, or none)."""
    if project.phase not in (*EVALUATED_PHASES, Phase.STOPPED):
        return {"evaluation": None, "may_evaluate": False}
    evaluation = ProjectEvaluation.objects.filter(project=project).prefetch_related("indicators").first()
    return {"evaluation": evaluation, "may_evaluate": project.phase in EVALUATED_PHASES or evaluation is not None}


def _sponsorship_context(user, project: Project) -> dict:
    """The project's sponsorships; links only to the requests this person may open."""
    sponsorships = list(selectors.sponsorships_of_project(project=project))
    visible = selectors.sponsorships_visible_to(user).filter(pk__in=[s.pk for s in sponsorships])
    return {
        "sponsorships": sponsorships,
        "may_request_sponsorship": may_request_sponsorship(user),
        "visible_sponsorships": set(visible.values_list("pk", flat=True)) if sponsorships else set(),
    }


class ProjectCreateView(ServiceFormView):
    template_name = "projects/project_form.html"
    heading = gettext_lazy("Neues Projekt anlegen")
    submit_label = gettext_lazy("Projekt anlegen")

    def may(self, user, *objects) -> bool:
        return may_manage_portfolio(user)

    def make_form(self, data=None, files=None):
        return ProjectForm(data)

    def perform(self, form) -> None:
        try:
            self.project = project_create(
                project=form.instance,
                focus_areas=form.cleaned_data["focus_areas"],
                actor=self.request.user,
                request=self.request,
            )
        except ValidationError:
            form.instance.pk = None  # nothing was stored (the service is atomic)
            raise
        self.success_message = _("Das Projekt „%(title)s“ ist angelegt.") % {"title": self.project.title}

    def success_url(self) -> str:
        return self.project.get_absolute_url()

    def cancel_url(self) -> str:
        return reverse("projects:project-list")


class ProjectEditView(ProjectFormView):
    template_name = "projects/project_form.html"
    submit_label = gettext_lazy("Änderungen speichern")
    success_message = gettext_lazy("Die Änderungen sind gespeichert.")

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def prepare(self, request, **kwargs) -> None:
        super().prepare(request, **kwargs)
        # Binding the form changes the instance: remember what the stored project is called.
        self.heading = _("Projekt bearbeiten: %(acronym)s") % {"acronym": self.project.acronym}
        self.stored_url = self.project.get_absolute_url()

    def make_form(self, data=None, files=None):
        return ProjectForm(data, instance=self.project)

    def perform(self, form) -> None:
        project_update(
            project=form.instance,
            focus_areas=form.cleaned_data["focus_areas"],
            actor=self.request.user,
            request=self.request,
        )

    def success_url(self) -> str:
        return self.project.get_absolute_url()

    def cancel_url(self) -> str:
        return self.stored_url

    def base_context(self) -> dict:
        return {}  # the form page names the project in its heading


class ProjectPhaseView(ProjectFormView):
    """Offers the next phases of the gate model; the service refuses anything else with a reason."""

    template_name = "projects/phase_form.html"

    def may(self, user, project) -> bool:
        return may_manage_portfolio(user)

    def make_form(self, data=None, files=None):
        return PhaseChangeForm(data, project=self.project)

    def perform(self, form) -> None:
        project = project_change_phase(
            project=self.project,
            phase=form.cleaned_data["phase"],
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
            request=self.request,
        )
        self.success_message = _("Die Phase ist jetzt „%(phase)s“.") % {"phase": project.get_phase_display()}

    def show_error(self, form, error) -> None:
        form.add_error("phase", error)  # the gate's refusal, in the service's words
