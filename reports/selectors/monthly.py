"""The steering circle's monthly status pack: the portfolio, its lights and what moved."""

from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Milestone, Project, Sponsorship, SponsorshipState
from reports.periods import Period
from reports.selectors import steering
from reports.selectors.portfolio import (
    figure_by_focus_area,
    figure_by_land,
    figure_by_phase,
    figure_lights,
    light_label,
    lights_by_project,
)
from transfer.models import Adoption

LIGHT_RANK = {"green": 0, "yellow": 1, "red": 2}


def light_change(before: str, now: str) -> str:
    if before == now:
        return "same"
    if before not in LIGHT_RANK or now not in LIGHT_RANK:
        return "new" if now in LIGHT_RANK else "same"
    return "worse" if LIGHT_RANK[now] > LIGHT_RANK[before] else "better"


def attention_reasons(project, *, slipped: dict[int, list]) -> list[str]:
    """Why the steering circle should look at a running project this month; empty if it need not:
    its light is red, its light changed since last month (better or worse; a first rating is no
    change), or a milestone due this month slipped (missed, or reached late)."""
    if project.is_closed:
        return []
    reasons = []
    if project.light_now == "red":
        reasons.append(str(ATTENTION_LABELS["red"]))
    if project.light_change in ("worse", "better"):
        reasons.append(f"{ATTENTION_LABELS['changed']} ({CHANGE_LABELS[project.light_change]})")
    for milestone in slipped.get(project.pk, []):
        values = {"title": milestone.title, "due": _day(milestone.due_on)}
        if milestone.done_on:
            reasons.append(str(ATTENTION_LABELS["late"]) % (values | {"done": _day(milestone.done_on)}))
        else:
            reasons.append(str(ATTENTION_LABELS["missed"]) % values)
    return reasons


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _attention_order(project) -> tuple:
    """Red first, then worse, then the rest; by title within."""
    return (project.light_now != "red", project.light_change != "worse", project.title, project.pk)


ATTENTION_LABELS = {
    "red": gettext_lazy("Ampel rot"),
    "changed": gettext_lazy("Ampel verändert"),
    "missed": gettext_lazy("Meilenstein „%(title)s“ (fällig %(due)s) nicht erreicht"),
    "late": gettext_lazy("Meilenstein „%(title)s“ (fällig %(due)s) erst am %(done)s erreicht"),
}

CHANGE_LABELS = {
    "same": gettext_lazy("unverändert"),
    "better": gettext_lazy("besser"),
    "worse": gettext_lazy("schlechter"),
    "new": gettext_lazy("neu bewertet"),
}


def monthly_pack(period: Period) -> dict:
    """The month's figures and lists, in a fixed number of queries."""
    at = period.end_at
    portfolio = Project.objects.all()
    now = lights_by_project(portfolio, at=at)
    before = lights_by_project(portfolio, at=period.start_at)
    projects = list(portfolio.select_related("lead_partner").order_by("title", "pk"))
    for project in projects:
        project.light_now = now.get(project.pk, "none")
        project.light_before = before.get(project.pk, "none")
        project.light_now_label = light_label(project.light_now)
        project.light_before_label = light_label(project.light_before)
        project.light_change = light_change(project.light_before, project.light_now)
        project.light_change_label = str(CHANGE_LABELS[project.light_change])
    slipped = list(
        Milestone.objects.filter(due_on__gte=period.start, due_on__lt=period.end)
        .filter(Q(done_on__isnull=True) | Q(done_on__gt=F("due_on")))
        .select_related("project")
        .order_by("due_on", "pk")
    )
    slipped_projects = {}
    for milestone in slipped:
        slipped_projects.setdefault(milestone.project_id, []).append(milestone)
    for project in projects:
        project.attention_reasons = attention_reasons(project, slipped=slipped_projects)
    decisions = list(
        Sponsorship.objects.filter(decided_at__gte=period.start_at, decided_at__lt=at)
        .exclude(state=SponsorshipState.WITHDRAWN)
        .select_related("project", "land")
        .order_by("decided_at", "pk")
    )
    for sponsorship in decisions:
        sponsorship.days = (
            (sponsorship.decided_at - sponsorship.requested_at).days if sponsorship.requested_at else None
        )
    in_month = Q(created_at__gte=period.start_at, created_at__lt=at)
    new_adoptions = list(
        Adoption.objects.filter(in_month).select_related("solution", "partner").order_by("created_at", "pk")
    )
    advancing = list(
        Adoption.objects.filter(
            stage_since__gte=period.start, stage_since__lt=period.end, created_at__lt=period.start_at
        )
        .select_related("solution", "partner")
        .order_by("stage_since", "pk")
    )
    open_projects = Project.objects.open()
    return {
        "period": period,
        "figures": [
            figure_by_phase(portfolio),
            figure_by_land(open_projects),
            figure_by_focus_area(open_projects),
            figure_lights({p.pk: p.light_now for p in projects if not p.is_closed}),
        ],
        "projects": projects,
        # The PDF lists these; the table of all projects travels as CSV and Excel.
        "attention": sorted((p for p in projects if p.attention_reasons), key=_attention_order),
        "slipped_milestones": slipped,
        "decisions": decisions,
        "new_adoptions": new_adoptions,
        "advancing_adoptions": advancing,
        "resolutions": steering.resolutions_of_period(period),
        "open_procedures": steering.open_written_procedures(period),
    }


def monthly_rows(pack: dict) -> tuple[list[str], list[list]]:
    """The table underneath: one row per project."""
    header = [
        _("Kürzel"),
        _("Projekt"),
        _("Phase"),
        _("Federführung"),
        _("Land"),
        _("Ampel Vormonat"),
        _("Ampel"),
        _("Veränderung"),
        _("Hinweis für den Lenkungskreis"),
    ]
    rows = [
        [
            p.acronym,
            p.title,
            str(p.get_phase_display()),
            p.lead_partner.name,
            p.lead_partner.state,
            p.light_before_label,
            p.light_now_label,
            p.light_change_label,
            "; ".join(p.attention_reasons),
        ]
        for p in pack["projects"]
    ]
    return header, rows


def monthly_summary(pack: dict) -> dict:
    return {
        "projects": len(pack["projects"]),
        "worse": sum(1 for p in pack["projects"] if p.light_change == "worse"),
        "attention": len(pack["attention"]),
        "slipped_milestones": len(pack["slipped_milestones"]),
        "decisions": len(pack["decisions"]),
        "new_adoptions": len(pack["new_adoptions"]),
    }
