"""Public reads of the transfer platform: the catalogue with search and facets, one solution,
public projects and partners. Nothing unpublished or internal ever leaves these functions."""

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from governance.models import FocusArea, NetworkMembership, Partner
from projects.models import Participation, Phase, Project, ProjectDocument, Sponsorship, SponsorshipState
from transfer.caching import cached_derived
from transfer.models import (
    DATA_LICENCES,
    MATURITY_MAX,
    OPEN_SOURCE_LICENCES,
    Adoption,
    AdoptionStage,
    LicenceType,
    ServiceCoverage,
    Solution,
    SolutionState,
)
from transfer.search import fallback_annotations, fallback_match, fallback_rank

# Adoptions that count as "already reusing it".
REUSING_STAGES = [AdoptionStage.PILOT, AdoptionStage.PRODUCTION]
# Ranking every match of a very frequent term is what makes such a query slow; beyond this many
# matches the catalogue orders by recency instead and says so.
RANK_AT_MOST = 2000
MAX_QUERY_LENGTH = 200
MATURITY_LEVELS = range(max(MATURITY_MAX.values()) + 1)  # 0–4 in the OZG maturity model 1.x, 0–7 in 2.0
SORTS = {
    "title": ("title", "pk"),
    "newest": ("-published_at", "-pk"),
    "reused": ("-reuse_count", "title", "pk"),
}


@dataclass
class Catalogue:
    solutions: QuerySet[Solution]
    ranked: bool
    too_many_to_rank: bool


def _licence_q(kind: str) -> Q:
    if kind == LicenceType.OPEN_SOURCE:
        return Q(licence__in=OPEN_SOURCE_LICENCES)
    if kind == LicenceType.OPEN_DATA:
        return Q(licence__in=DATA_LICENCES)
    return ~Q(licence__in=OPEN_SOURCE_LICENCES | DATA_LICENCES)


def _having(related: QuerySet, **conditions) -> Exists:
    """A solution with at least one such related row: a semi-join, so a solution is never
    repeated and PostgreSQL can walk the sorted index and stop once a page is full."""
    return Exists(related.filter(solution=OuterRef("pk"), **conditions))


def filter_solutions(solutions: QuerySet[Solution], filters: dict[str, Any]) -> QuerySet[Solution]:
    """Apply validated filters (see the catalogue form); unknown keys are ignored."""
    focus_areas = Solution.focus_areas.through.objects
    partners = Solution.partners.through.objects
    if area := filters.get("focus_area"):
        solutions = solutions.filter(_having(focus_areas, focusarea__slug=area))
    # Level and model in one condition: both must hold for the same OZG service.
    maturity = {}
    if (level := filters.get("maturity")) not in (None, ""):
        maturity["maturity_level__gte"] = int(level)
    if model := filters.get("maturity_model"):
        maturity["maturity_model"] = model
    if maturity:
        solutions = solutions.filter(_having(ServiceCoverage.objects, **maturity))
    if state := filters.get("land"):
        solutions = solutions.filter(_having(partners, partner__state=state))
    if partner := filters.get("partner"):
        solutions = solutions.filter(_having(partners, partner__slug=partner))
    if themenfeld := filters.get("themenfeld"):
        solutions = solutions.filter(_having(ServiceCoverage.objects, themenfeld=themenfeld))
    if kind := filters.get("licence_type"):
        solutions = solutions.filter(_licence_q(kind))
    if filters.get("open_source"):
        solutions = solutions.filter(licence__in=OPEN_SOURCE_LICENCES)
    if stage := filters.get("reuse_stage"):
        solutions = solutions.filter(_having(Adoption.objects, stage=stage))
    return solutions


def _matching(solutions: QuerySet[Solution], query: str) -> QuerySet[Solution]:
    """German full-text match on the stored vector on PostgreSQL; a plain word match elsewhere."""
    query = query[:MAX_QUERY_LENGTH]
    if connection.vendor != "postgresql":
        return solutions.annotate(**fallback_annotations()).filter(fallback_match(query.split()[:10]))
    return solutions.filter(search_vector=SearchQuery(query, config="german", search_type="websearch"))


def _search(solutions: QuerySet[Solution], query: str) -> tuple[QuerySet[Solution], bool, bool]:
    """The matches, and whether they can be ranked (PostgreSQL, not too many) or are too many."""
    matches = _matching(solutions, query)
    if connection.vendor != "postgresql":
        return matches, True, False  # ranked by the simple fallback (transfer/search.py)
    key = [str(matches.query), RANK_AT_MOST]
    if cached_derived("too-many-to-rank", key, lambda: matches.values("pk")[: RANK_AT_MOST + 1].count() > RANK_AT_MOST):
        return matches, False, True
    return matches, True, False


def reuse_count_subquery() -> Coalesce:
    """Adoptions in pilot or production, counted per solution in a correlated subquery: PostgreSQL
    evaluates it only for the rows the page shows (after ORDER BY ... LIMIT), not for all 10,000."""
    counts = (
        Adoption.objects.filter(solution=OuterRef("pk"), stage__in=REUSING_STAGES)
        .order_by()
        .values("solution")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


# What a solution's card in the list shows, beside its own fields and `reuse_count`.
CARD_PREFETCHES = (
    "focus_areas",
    Prefetch("partners", queryset=Partner.objects.order_by("name")),
    Prefetch("services", queryset=ServiceCoverage.objects.only("solution", "maturity_model", "maturity_level")),
)


def catalogue_cards(*, ids: list[int]) -> list[Solution]:
    """The published solutions among `ids`, in that order, with what their cards show."""
    rows = Solution.objects.published().filter(pk__in=ids).annotate(reuse_count=reuse_count_subquery())
    by_id = {row.pk: row for row in rows.prefetch_related(*CARD_PREFETCHES)}
    return [by_id[pk] for pk in ids if pk in by_id]


def catalogue(*, filters: dict[str, Any]) -> Catalogue:
    """Published solutions, filtered, searched and sorted, with what the list shows prefetched."""
    solutions = filter_solutions(Solution.objects.published(), filters)
    ranked = too_many = False
    if query := (filters.get("q") or "").strip():
        solutions, ranked, too_many = _search(solutions, query)
    listed = solutions.annotate(reuse_count=reuse_count_subquery()).prefetch_related(
        "focus_areas", Prefetch("partners", queryset=Partner.objects.order_by("name"))
    )
    if ranked and connection.vendor != "postgresql":
        listed = listed.annotate(**fallback_annotations()).annotate(rank=fallback_rank(query.split()[:10]))
    elif ranked:
        # Normalisation 1 divides by 1 + log(length): long texts do not win by repetition alone.
        listed = listed.annotate(
            rank=SearchRank(
                F("search_vector"),
                SearchQuery(query[:MAX_QUERY_LENGTH], config="german", search_type="websearch"),
                normalization=1,
            )
        )
    sort = filters.get("sort") or ("relevance" if ranked else "title")
    ordering = ("-rank", "pk") if sort == "relevance" and ranked else SORTS.get(sort, SORTS["title"])
    if too_many and sort == "relevance":
        ordering = SORTS["newest"]
    return Catalogue(listed.order_by(*ordering), ranked, too_many)


def _licence_kind() -> Case:
    """The licence type as a database expression, for counting (the filter's `_licence_q` per type)."""
    open_kinds = (LicenceType.OPEN_SOURCE, LicenceType.OPEN_DATA)
    return Case(
        *[When(_licence_q(kind), then=Value(kind)) for kind in open_kinds], default=Value(LicenceType.PROPRIETARY)
    )


def _maturity_counts(solutions: QuerySet[Solution], model: str | None) -> list[tuple[int, str, int]]:
    """How many solutions cover an OZG service at this level or above (in the chosen model)."""
    same_service = {"services__maturity_model": model} if model else {}
    counts = solutions.aggregate(
        **{
            f"level_{level}": Count("pk", distinct=True, filter=Q(services__maturity_level__gte=level, **same_service))
            for level in MATURITY_LEVELS
        }
    )
    return [(level, str(level), counts[f"level_{level}"]) for level in MATURITY_LEVELS if counts[f"level_{level}"]]


def facets(*, filters: dict[str, Any]) -> dict[str, list[tuple[Any, str, int]]]:
    """Counts per filter value among the published solutions that match the other filters; kept
    per filter combination until the catalogue next changes (eight counts over every published
    solution cost more than the rest of the page)."""
    return cached_derived("facets", filters, lambda: facets_uncached(filters=filters))


def facets_uncached(*, filters: dict[str, Any]) -> dict[str, list[tuple[Any, str, int]]]:

    def base(without: str) -> QuerySet[Solution]:
        others = {key: value for key, value in filters.items() if key != without}
        solutions = filter_solutions(Solution.objects.published(), others)
        if query := (others.get("q") or "").strip():
            solutions = _matching(solutions, query)
        return Solution.objects.filter(pk__in=solutions.values("pk"))

    def grouped(without: str, field: str, label: str | None = None) -> list[tuple[Any, str, int]]:
        label = label or field
        rows = base(without).values(field, label).annotate(n=Count("pk", distinct=True)).order_by(label)
        # Empty values dropped here, not by exclude(): on a many-to-many relation that would drop
        # every solution with one partner without a Land, not just that partner's row.
        return [(row[field], row[label], row["n"]) for row in rows if row[field] not in ("", None)]

    kinds = base("licence_type").annotate(kind=_licence_kind()).values("kind").annotate(n=Count("pk")).order_by("kind")
    return {
        "focus_area": grouped("focus_area", "focus_areas__slug", "focus_areas__name"),
        "themenfeld": grouped("themenfeld", "services__themenfeld"),
        "maturity": _maturity_counts(base("maturity"), filters.get("maturity_model")),
        "land": grouped("land", "partners__state"),
        "partner": grouped("partner", "partners__slug", "partners__name"),
        "reuse_stage": grouped("reuse_stage", "adoptions__stage"),
        "licence_type": [(row["kind"], row["kind"], row["n"]) for row in kinds],
    }


@dataclass
class FilterOptions:
    """The options of the catalogue's focus area and partner filters, as (slug, name) pairs:
    pairs rather than model instances, which cost far more to unpickle from the cache."""

    focus_areas: list[tuple[str, str]]
    partners: list[tuple[str, str]]


def filter_options() -> FilterOptions:
    """Active focus areas in their order; partners behind at least one published solution."""
    return cached_derived(
        "filter-options",
        None,
        lambda: FilterOptions(
            focus_areas=list(focus_area_choices().values_list("slug", "name")),
            partners=list(
                Partner.objects.filter(solutions__state=SolutionState.PUBLISHED)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
        ),
    )


def solution_get_public(*, slug: str) -> Solution:
    """A published solution with everything its page shows; anything else is a 404."""
    solution = (
        Solution.objects.published()
        .select_related("project")
        .prefetch_related(
            "focus_areas",
            "documents",
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("services", queryset=ServiceCoverage.objects.order_by("leika_key")),
            Prefetch(
                "adoptions", queryset=Adoption.objects.select_related("partner").order_by("stage", "organisation")
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if solution is None:
        raise Http404
    return solution


def cio_sponsors(*, project: Project | None) -> list[Partner]:
    """The Länder whose CIO currently sponsors the project (approved sponsorships)."""
    if project is None:
        return []
    return [
        s.land
        for s in Sponsorship.objects.filter(project=project, state=SponsorshipState.APPROVED)
        .select_related("land")
        .order_by("land__name")
    ]


def project_list_public() -> QuerySet[Project]:
    return Project.objects.public().select_related("lead_partner").prefetch_related("focus_areas").order_by("title")


def project_get_public(*, slug: str) -> Project:
    project = (
        Project.objects.public()
        .select_related("lead_partner")
        .prefetch_related(
            "focus_areas",
            Prefetch("participations", queryset=Participation.objects.select_related("partner")),
            Prefetch("solutions", queryset=Solution.objects.published()),
        )
        .filter(slug=slug)
        .first()
    )
    if project is None:
        raise Http404
    return project


def partner_list_public() -> QuerySet[Partner]:
    return Partner.objects.order_by("kind", "name").prefetch_related(
        Prefetch(
            "memberships",
            queryset=NetworkMembership.objects.current().select_related("network"),
            to_attr="current_memberships",
        )
    )


def partner_get_public(*, slug: str) -> dict[str, Any]:
    partner = Partner.objects.filter(slug=slug).first()
    if partner is None:
        raise Http404
    return {
        "partner": partner,
        "memberships": NetworkMembership.objects.filter(partner=partner)
        .select_related("network")
        .order_by("joined_on"),
        "led_projects": Project.objects.public().filter(lead_partner=partner).order_by("title"),
        "adoptions": Adoption.objects.filter(partner=partner, solution__state=SolutionState.PUBLISHED)
        .select_related("solution")
        .order_by("solution__title"),
        "solutions": Solution.objects.published().filter(partners=partner).order_by("title"),
    }


def focus_area_choices() -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(is_active=True).order_by("position", "name")


def project_document_get_public(*, slug: str, pk: int) -> ProjectDocument:
    document = ProjectDocument.objects.public().filter(pk=pk, project__slug=slug).first()
    if document is None:
        raise Http404
    return document


@dataclass
class HomeOverview:
    """What the public start page shows: key figures and the newest public content."""

    partner_count: int
    projects_by_phase: list[tuple[str, int]]
    solution_count: int
    reuse_count: int
    latest_solutions: list[Solution]
    latest_projects: list[Project]


def home_overview(*, latest: int = 3) -> HomeOverview:
    """Counts and the newest public items, in a constant number of queries."""
    by_phase = dict(Project.objects.public().values_list("phase").annotate(n=Count("pk")).order_by())
    published = Solution.objects.published()
    return HomeOverview(
        partner_count=Partner.objects.count(),
        projects_by_phase=[(label, by_phase[value]) for value, label in Phase.choices if by_phase.get(value)],
        solution_count=published.count(),
        reuse_count=Adoption.objects.filter(solution__in=published, stage__in=REUSING_STAGES).count(),
        latest_solutions=list(published.order_by("-published_at", "-pk")[:latest]),
        latest_projects=list(
            Project.objects.public().select_related("lead_partner").order_by("-created_at", "-pk")[:latest]
        ),
    )


def solution_document_get_public(*, slug: str, pk: int):
    from transfer.models import SolutionDocument

    document = SolutionDocument.objects.filter(
        pk=pk, solution__slug=slug, solution__state=SolutionState.PUBLISHED
    ).first()
    if document is None:
        raise Http404
    return document


# --- maturity: the highest level per model version ------------------------------------------------


@dataclass
class Maturity:
    """The highest level a solution reaches under one model version."""

    model: str
    model_label: str
    level: int
    maximum: int
    ozg_compliant: bool  # True only where the model defines it and the level reaches it


def top_maturities(services: list[ServiceCoverage]) -> list[Maturity]:
    """Per model version, the service with the highest level (levels of different models don't compare)."""
    best: dict[str, ServiceCoverage] = {}
    for service in services:
        current = best.get(service.maturity_model)
        if current is None or service.maturity_level > current.maturity_level:
            best[service.maturity_model] = service
    return [
        Maturity(
            model,
            service.get_maturity_model_display(),
            service.maturity_level,
            MATURITY_MAX.get(model, service.maturity_level),
            service.is_ozg_compliant is True,
        )
        for model, service in sorted(best.items())
    ]
