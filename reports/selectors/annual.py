"""The annual public report (Erfahrungsbericht): public data only, grouped by focus area."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from governance.models import FocusArea
from projects.models import EvaluationIndicator, ProjectEvaluation
from reports.periods import Period
from reports.selectors import steering
from reports.selectors.transfer import TRANSFERRED_STAGES, figure_adoptions_by_stage, public_adoptions

NO_AREA = "—"


def annual_report(period: Period) -> dict:
    """By focus area: what was piloted where, what was learned, what went to whom."""
    year_start, year_end = period.start, period.end
    evaluations = list(
        ProjectEvaluation.objects.public()
        .filter(Q(runtime_start__isnull=True) | Q(runtime_start__lt=year_end))
        .filter(Q(runtime_end__isnull=True) | Q(runtime_end__gte=year_start))
        .select_related("project", "project__lead_partner")
        .prefetch_related(
            "project__focus_areas", Prefetch("indicators", EvaluationIndicator.objects.order_by("position", "pk"))
        )
        .order_by("project__title")
    )
    transfers = list(
        public_adoptions()
        .filter(stage__in=TRANSFERRED_STAGES, stage_since__gte=year_start, stage_since__lt=year_end)
        .select_related("solution", "partner")
        .prefetch_related("solution__focus_areas")
        .order_by("stage_since", "pk")
    )
    areas = {
        area.pk: {"area": area, "evaluations": [], "transfers": []}
        for area in FocusArea.objects.order_by("position", "name")
    }
    other = {"area": None, "evaluations": [], "transfers": []}
    for evaluation in evaluations:
        for target in [areas[a.pk] for a in evaluation.project.focus_areas.all() if a.pk in areas] or [other]:
            target["evaluations"].append(evaluation)
    for adoption in transfers:
        for target in [areas[a.pk] for a in adoption.solution.focus_areas.all() if a.pk in areas] or [other]:
            target["transfers"].append(adoption)
    sections = [s for s in [*areas.values(), other] if s["evaluations"] or s["transfers"]]
    return {
        "period": period,
        "sections": sections,
        "evaluations": evaluations,
        "transfers": transfers,
        "figures": [figure_adoptions_by_stage(public_adoptions())],
        "resolutions": steering.public_resolutions_of_year(period),
    }


def annual_rows(report: dict) -> tuple[list[str], list[list]]:
    header = [_("Art"), _("Projekt oder Lösung"), _("Wo / an wen"), _("Zeitraum"), _("Ergebnis")]
    rows = []
    for e in report["evaluations"]:
        runtime = " – ".join(f"{d:%Y-%m-%d}" for d in (e.runtime_start, e.runtime_end) if d)
        rows.append(
            [_("Erprobung"), e.project.title, ", ".join(e.pilot_site_list), runtime, str(e.get_result_display())]
        )
    for a in report["transfers"]:
        rows.append(
            [_("Transfer"), a.solution.title, a.organisation, f"{a.stage_since:%Y-%m-%d}", str(a.get_stage_display())]
        )
    return header, rows


def annual_summary(report: dict) -> dict:
    return {"evaluations": len(report["evaluations"]), "transfers": len(report["transfers"])}
