"""The secretariat's reads of the transfer platform: solutions in every state, adoptions and
confirmed reuse requests. Kept apart from `transfer.selectors`, whose promise is that nothing
unpublished leaves it; only views that require `may_manage_solutions` call these."""

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404

from governance.models import Partner
from transfer.models import LISTED_INQUIRY_STATES, Adoption, AdoptionStage, Inquiry, ServiceCoverage, Solution

# Adoptions in pipeline order (interest → … → ended), not in the alphabetical order of their codes.
PIPELINE_ORDER = Case(
    *[When(stage=stage, then=Value(position)) for position, stage in enumerate(AdoptionStage.values)],
    default=Value(len(AdoptionStage.values)),
    output_field=IntegerField(),
)


def solutions_for_workspace(*, filters: dict) -> QuerySet[Solution]:
    """Every solution, whatever its state, with what the list shows (readiness needs the services)."""
    solutions = Solution.objects.annotate(adoption_count=Count("adoptions", distinct=True))
    if state := filters.get("state"):
        solutions = solutions.filter(state=state)
    return solutions.prefetch_related("services").order_by("title", "pk")


def solution_get_for_workspace(*, pk: int) -> Solution:
    solution = (
        Solution.objects.select_related("project", "contact_person")
        .prefetch_related(
            "focus_areas",
            "documents",
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
            Prefetch("services", queryset=ServiceCoverage.objects.order_by("leika_key")),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("partner")
                .annotate(step=PIPELINE_ORDER)
                .order_by("step", "organisation"),
            ),
            Prefetch(
                "inquiries",
                queryset=Inquiry.objects.filter(state__in=LISTED_INQUIRY_STATES).order_by("-created_at"),
                to_attr="listed_inquiries",
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if solution is None:
        raise Http404
    return solution


def inquiries_for_workspace(*, filters: dict) -> QuerySet[Inquiry]:
    """Confirmed requests only: an unconfirmed one may be a typo or spam and does not count yet."""
    inquiries = Inquiry.objects.filter(state__in=LISTED_INQUIRY_STATES)
    if state := filters.get("state"):
        inquiries = inquiries.filter(state=state)
    return inquiries.select_related("solution", "adoption").order_by("-confirmed_at", "-created_at", "-pk")


def adoption_get_for_workspace(*, solution_pk: int, pk: int) -> Adoption:
    adoption = Adoption.objects.select_related("solution", "partner").filter(pk=pk, solution_id=solution_pk).first()
    if adoption is None:
        raise Http404
    return adoption


def inquiry_get_for_workspace(*, pk: int) -> Inquiry:
    # An unconfirmed request is not shown anywhere, so for the workspace it does not exist.
    inquiry = Inquiry.objects.filter(pk=pk, state__in=LISTED_INQUIRY_STATES).first()
    if inquiry is None:
        raise Http404
    return inquiry
