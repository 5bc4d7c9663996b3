"""The dashboards: the workspace overview, the CIO's page, the public statistics."""

from django.db.models import Prefetch
from django.utils import timezone

from projects.models import Milestone, Project, Sponsorship, SponsorshipState
from reports.selectors.portfolio import (
    figure_by_land,
    figure_by_phase,
    figure_lights,
    figure_sponsorship_timing,
    light_label,
    lights_by_project,
    overdue_milestones,
    projects_with_lights,
    sponsorship_timing,
    worst_light,
)
from reports.selectors.transfer import (
    figure_adoptions_by_land_over_time,
    figure_adoptions_by_stage,
    figure_adoptions_over_time,
    figure_services_by_maturity,
    figure_solutions_by_focus_area,
    figure_transfers_per_year,
    public_adoptions,
)
from transfer.models import Adoption

OVERDUE_SHOWN = 20


def workspace_overview() -> dict:
    """The whole portfolio at a glance (secretariat, steering circle); fixed query count."""
    now = timezone.now()
    today = timezone.localdate()
    open_projects = Project.objects.open()
    overdue = overdue_milestones(on=today)
    timing = sponsorship_timing(on=now)
    return {
        "figures": [
            figure_by_phase(Project.objects.all()),
            figure_by_land(open_projects),
            figure_lights(lights_by_project(open_projects, at=now)),
            figure_sponsorship_timing(timing),
            figure_adoptions_over_time(Adoption.objects.all()),
        ],
        "overdue_milestones": overdue[:OVERDUE_SHOWN],
        "overdue_count": len(overdue),
        "timing": timing,
    }


def cio_dashboard(*, lands: set[int]) -> dict:
    """The projects the CIO's Land sponsors, their lights and milestones, and open requests."""
    now = timezone.now()
    sponsored = Project.objects.filter(
        sponsorships__land_id__in=lands, sponsorships__state=SponsorshipState.APPROVED
    ).distinct()
    open_milestones = Milestone.objects.filter(done_on__isnull=True).order_by("due_on", "pk")
    projects = list(
        projects_with_lights(sponsored, at=now)
        .select_related("lead_partner")
        .prefetch_related(Prefetch("milestones", open_milestones, to_attr="open_milestones"))
        .order_by("title", "pk")
    )
    today = timezone.localdate()
    for project in projects:
        project.worst = worst_light(project)
        project.worst_label = light_label(project.worst)
        project.overdue = [m for m in project.open_milestones if m.is_overdue(today)]
        project.next_milestone = next((m for m in project.open_milestones if not m.is_overdue(today)), None)
    pending = list(
        Sponsorship.objects.pending()
        .filter(land_id__in=lands)
        .select_related("project", "land")
        .order_by("requested_at", "pk")
    )
    for sponsorship in pending:
        sponsorship.days = (now - sponsorship.requested_at).days if sponsorship.requested_at else None
    return {"projects": projects, "pending": pending}


def public_statistics() -> dict:
    """Public data only: published solutions and their adoptions."""
    adoptions = public_adoptions()
    return {
        "figures": [
            figure_solutions_by_focus_area(),
            figure_services_by_maturity(),
            figure_adoptions_by_stage(adoptions),
            figure_adoptions_by_land_over_time(adoptions),
            figure_transfers_per_year(adoptions),
        ]
    }
