"""Figures come in a fixed number of queries, whatever the size of the portfolio."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import PartnerKind, State
from projects.models import Milestone, Phase, Project, ProjectEvaluation, Sponsorship, StatusReport
from reports.periods import parse_period
from reports.selectors.annual import annual_report
from reports.selectors.dashboards import cio_dashboard, public_statistics, workspace_overview
from reports.selectors.monthly import monthly_pack
from reports.selectors.weekly import weekly_brief
from tests.factories import AdoptionFactory, FocusAreaFactory, PartnerFactory, SolutionFactory, UserFactory
from tests.reports.conftest import berlin

PHASES = [Phase.IDEA, Phase.CONCEPT, Phase.PILOT, Phase.IMPLEMENTATION, Phase.TRANSFER]


def grow(count: int, start: int, land, area, requester) -> None:
    """`count` more projects, each with a milestone, two status reports, a sponsorship, an
    evaluation and a solution with an adoption."""
    projects = Project.objects.bulk_create(
        Project(
            title=f"Projekt {n}",
            acronym=f"P{n}",
            slug=f"p-{n}",
            summary="-",
            lead_partner=land,
            phase=PHASES[n % len(PHASES)],
            is_public=True,
        )
        for n in range(start, start + count)
    )
    Project.focus_areas.through.objects.bulk_create(
        Project.focus_areas.through(project_id=p.pk, focusarea_id=area.pk) for p in projects
    )
    Milestone.objects.bulk_create(Milestone(project=p, title="M", due_on=date(2026, 11, 20)) for p in projects)
    for month in (10, 11):
        StatusReport.objects.bulk_create(
            StatusReport(
                project=p,
                period_start=date(2026, month, 1),
                period_end=date(2026, month, 10),
                schedule="green",
                budget="red" if month == 11 else "green",
                scope="green",
                text="-",
                created_at=berlin(2026, month, 10),
            )
            for p in projects
        )
    Sponsorship.objects.bulk_create(
        Sponsorship(
            project=p,
            land=land,
            scope="both",
            term_start=date(2026, 1, 1),
            justification="-",
            state="approved",
            requested_by=requester,
            requested_at=berlin(2026, 11, 2),
            decided_at=berlin(2026, 11, 12),
        )
        for p in projects
    )
    ProjectEvaluation.objects.bulk_create(
        ProjectEvaluation(project=p, hypothesis="H", is_public=True, runtime_start=date(2026, 2, 1)) for p in projects
    )
    for p in projects[:: max(1, count // 10)]:
        solution = SolutionFactory(project=p)
        solution.focus_areas.add(area)
        AdoptionFactory(solution=solution, stage="production", stage_since=date(2026, 5, 1) + timedelta(days=p.pk % 30))


READS = {
    "overview": lambda ctx: workspace_overview(),
    "monthly": lambda ctx: monthly_pack(parse_period("monthly", "2026-11")),
    "weekly": lambda ctx: weekly_brief(parse_period("weekly", "2026-W48")),
    "annual": lambda ctx: annual_report(parse_period("annual", "2026")),
    "statistics": lambda ctx: public_statistics(),
    "cio": lambda ctx: cio_dashboard(lands={ctx["land"].pk}),
}


def count_queries(read, ctx) -> int:
    with CaptureQueriesContext(connection) as queries:
        read(ctx)
    return len(queries)


@pytest.mark.parametrize("name", READS)
def test_same_query_count_at_10_and_100_projects(db, name, django_assert_num_queries):
    land = PartnerFactory(name="Hessen", slug="he", kind=PartnerKind.LAND, state=State.HE)
    area = FocusAreaFactory()
    requester = UserFactory()
    ctx = {"land": land}
    grow(10, 0, land, area, requester)
    small = count_queries(READS[name], ctx)
    grow(90, 10, land, area, requester)
    with django_assert_num_queries(small):
        READS[name](ctx)
