"""Figures about solutions and their reuse; public ones read published solutions only."""

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from governance.models import State
from reports.figures import Figure, counted
from transfer.models import Adoption, AdoptionStage, ServiceCoverage, Solution

TRANSFERRED_STAGES = [AdoptionStage.PRODUCTION]


def public_adoptions() -> QuerySet[Adoption]:
    return Adoption.objects.filter(solution__in=Solution.objects.published().values("pk"))


def figure_solutions_by_focus_area() -> Figure:
    rows = list(
        Solution.objects.published()
        .order_by()
        .values_list("focus_areas__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("focus_areas__name")
    )
    rows = [[name or _("ohne Arbeitsschwerpunkt"), n] for name, n in rows]
    return Figure(
        "loesungen-schwerpunkte", _("Lösungen nach Arbeitsschwerpunkt"), [_("Arbeitsschwerpunkt"), _("Lösungen")], rows
    )


def figure_services_by_maturity() -> Figure:
    rows_raw = (
        ServiceCoverage.objects.filter(solution__in=Solution.objects.published().values("pk"))
        .order_by()
        .values_list("maturity_model", "maturity_level")
        .annotate(n=Count("pk"))
    )
    counts = {(model, level): n for model, level, n in rows_raw}
    rows = [
        [_("Modell %(model)s, Stufe %(level)s") % {"model": model, "level": level}, n]
        for (model, level), n in sorted(counts.items())
    ]
    return Figure("reifegrad", _("Leistungen der Lösungen nach OZG-Reifegrad"), [_("Reifegrad"), _("Leistungen")], rows)


def figure_adoptions_by_stage(adoptions: QuerySet[Adoption]) -> Figure:
    counts = dict(adoptions.order_by().values_list("stage").annotate(n=Count("pk")))
    return Figure(
        "nachnutzung-stand",
        _("Nachnutzungen nach Stand"),
        [_("Stand"), _("Nachnutzungen")],
        counted(AdoptionStage.choices, counts),
    )


def _by_year(qs, date_field: str, group: str | None = None) -> dict:
    """{year: count}, or {(year, group value or ""): count}, in one query."""
    qs = qs.order_by().annotate(year=ExtractYear(date_field))
    if group:
        counts: dict = {}
        for year, key, n in qs.values_list("year", group).annotate(n=Count("pk")):
            counts[(year, key or "")] = counts.get((year, key or ""), 0) + n
        return counts
    return dict(qs.values_list("year").annotate(n=Count("pk")))


def figure_adoptions_over_time(adoptions: QuerySet[Adoption]) -> Figure:
    counts = _by_year(adoptions, "created_at")
    rows = [[str(year), n] for year, n in sorted(counts.items()) if year]
    return Figure(
        "nachnutzung-jahre", _("Neue Nachnutzungen je Jahr"), [_("Jahr"), _("Nachnutzungen")], rows, chart="line"
    )


def figure_adoptions_by_land_over_time(adoptions: QuerySet[Adoption]) -> Figure:
    counts = _by_year(adoptions, "created_at", "partner__state")
    years = sorted({year for year, _land in counts if year})
    lands = sorted({land for _year, land in counts})
    names = dict(State.choices)
    columns = [_("Jahr")] + [names.get(land, _("ohne Land")) for land in lands]
    rows = [[str(year)] + [counts.get((year, land), 0) for land in lands] for year in years]
    return Figure("nachnutzung-laender", _("Nachnutzungen nach Land und Jahr"), columns, rows)


def figure_transfers_per_year(adoptions: QuerySet[Adoption]) -> Figure:
    counts = _by_year(adoptions.filter(stage__in=TRANSFERRED_STAGES), "stage_since")
    rows = [[str(year), n] for year, n in sorted(counts.items()) if year]
    return Figure(
        "transfers", _("Transfers in den Produktivbetrieb je Jahr"), [_("Jahr"), _("Transfers")], rows, chart="line"
    )
