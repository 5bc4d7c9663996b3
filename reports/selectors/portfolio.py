"""Portfolio figures shared by the reports and the dashboards: each a fixed number of queries."""

from collections import Counter
from datetime import date, datetime
from statistics import median

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from governance.models import FocusArea, State
from projects.models import PHASE_ORDER, Milestone, Phase, Project, Sponsorship, SponsorshipState, StatusReport
from projects.models import TrafficLight as Light
from reports.figures import Figure, counted

NO_REPORT = "none"


def light_label(light: str) -> str:
    return str(Light(light).label) if light in Light.values else _("kein Statusbericht")


def projects_with_lights(projects: QuerySet[Project], *, at: datetime) -> QuerySet[Project]:
    """Each project with the three lights of its latest status report filed before `at`
    (history, so last month's light stays what it was then)."""
    latest = StatusReport.objects.filter(project=OuterRef("pk"), created_at__lt=at).order_by("-period_end", "-id")
    return projects.annotate(
        light_schedule=Subquery(latest.values("schedule")[:1]),
        light_budget=Subquery(latest.values("budget")[:1]),
        light_scope=Subquery(latest.values("scope")[:1]),
        light_period_end=Subquery(latest.values("period_end")[:1]),
    )


def worst_light(project) -> str:
    """The worst of the three lights, by the status report's own rule; NO_REPORT without one."""
    if project.light_schedule is None:
        return NO_REPORT
    report = StatusReport(schedule=project.light_schedule, budget=project.light_budget, scope=project.light_scope)
    return report.worst_light


def lights_by_project(projects: QuerySet[Project], *, at: datetime) -> dict[int, str]:
    """{project id: worst light} at an instant, in one query."""
    rows = projects_with_lights(projects.order_by(), at=at).only("pk")
    return {project.pk: worst_light(project) for project in rows}


def figure_by_phase(projects: QuerySet[Project]) -> Figure:
    counts = dict(projects.order_by().values_list("phase").annotate(n=Count("pk")))
    return Figure(
        "phasen",
        _("Projekte nach Phase"),
        [_("Phase"), _("Projekte")],
        counted([(p, Phase(p).label) for p in [*PHASE_ORDER, Phase.STOPPED]], counts),
    )


def figure_by_land(projects: QuerySet[Project]) -> Figure:
    counts = dict(projects.order_by().values_list("lead_partner__state").annotate(n=Count("pk")))
    rows = counted(State.choices, counts, keep_empty=False)
    if counts.get(""):
        rows.append([_("ohne Land"), counts[""]])
    return Figure("laender", _("Projekte nach Land der Federführung"), [_("Land"), _("Projekte")], rows)


def figure_by_focus_area(projects: QuerySet[Project]) -> Figure:
    counts = dict(
        FocusArea.objects.filter(projects__in=projects.order_by().values("pk"))
        .values_list("name")
        .annotate(n=Count("projects", distinct=True))
    )
    rows = [[name, count] for name, count in sorted(counts.items())]
    return Figure("schwerpunkte", _("Projekte nach Arbeitsschwerpunkt"), [_("Arbeitsschwerpunkt"), _("Projekte")], rows)


def figure_lights(lights: dict[int, str]) -> Figure:
    counts = Counter(lights.values())
    rows = counted(Light.choices, counts) + [[_("kein Statusbericht"), counts.get(NO_REPORT, 0)]]
    return Figure("ampeln", _("Ampeln der laufenden Projekte"), [_("Ampel"), _("Projekte")], rows)


def overdue_milestones(*, on: date, projects: QuerySet[Project] | None = None, limit: int | None = None) -> list:
    """Milestones overdue on a day (not done by then), oldest first, with their project."""
    qs = Milestone.objects.overdue_as_of(on)
    if projects is not None:
        qs = qs.filter(project__in=projects.order_by().values("pk"))
    qs = qs.select_related("project", "responsible_partner").order_by("due_on", "pk")
    return list(qs[:limit] if limit else qs)


def decision_days(sponsorships) -> list[float]:
    return [
        (s.decided_at - s.requested_at).total_seconds() / 86400 for s in sponsorships if s.decided_at and s.requested_at
    ]


def sponsorship_timing(*, on: datetime) -> dict:
    """Decision times of all decided requests (median days) and the longest still open one."""
    decided = list(
        Sponsorship.objects.filter(
            state__in=[SponsorshipState.APPROVED, SponsorshipState.DECLINED, SponsorshipState.ENDED],
            decided_at__isnull=False,
            requested_at__isnull=False,
            decided_at__lt=on,
        ).only("requested_at", "decided_at")
    )
    days = decision_days(decided)
    oldest = (
        Sponsorship.objects.filter(state=SponsorshipState.REQUESTED, requested_at__lt=on)
        .select_related("project", "land")
        .order_by("requested_at")
        .first()
    )
    return {
        "decided": len(days),
        "median_days": round(median(days), 1) if days else None,
        "longest_open": oldest,
        "longest_open_days": (on - oldest.requested_at).days if oldest else None,
    }


def figure_sponsorship_timing(timing: dict) -> Figure:
    rows = [[_("Entschiedene Anfragen"), timing["decided"]]]
    rows.append([_("Median der Entscheidungsdauer (Tage)"), timing["median_days"] or 0])
    rows.append([_("Längste offene Anfrage (Tage)"), timing["longest_open_days"] or 0])
    return Figure("patenschaften", _("Entscheidungsdauer der CIO-Patenschaften"), [_("Kennzahl"), _("Wert")], rows)
