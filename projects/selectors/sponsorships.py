"""Reads for CIO sponsorships: the inbox, and fetch-and-authorise of one request."""

from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from governance.permissions import is_secretariat
from projects.models import (
    Contribution,
    Participation,
    Sponsorship,
    SponsorshipRound,
    SponsorshipState,
    StatusReport,
)
from projects.permissions import DECIDE_SPONSORSHIP, lands_decided_by

__all__ = [
    "sponsorships_visible_to",
    "sponsorship_list_for_user",
    "sponsorship_get_for_user",
    "sponsorship_detail",
    "sponsorships_of_project",
]


def sponsorships_visible_to(user) -> QuerySet[Sponsorship]:
    """Secretariat: all. A CIO or deputy: their Land's requests while their role lasts. A delegate:
    the single requests delegated to them. Global grants never widen this (accept_global_perms=False),
    and superusers are not let through by guardian (with_superuser=False)."""
    if is_secretariat(user):
        return Sponsorship.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Sponsorship.objects.none()
    delegated = get_objects_for_user(
        user, f"projects.{DECIDE_SPONSORSHIP}", klass=Sponsorship, accept_global_perms=False, with_superuser=False
    )
    return Sponsorship.objects.filter(Q(land_id__in=lands_decided_by(user)) | Q(pk__in=delegated.values("pk")))


def sponsorship_list_for_user(*, user, state: str | None = None) -> QuerySet[Sponsorship]:
    """The inbox: open requests first, then the rest, newest first, each with its `round_count`.

    The count is a subquery, not a join with GROUP BY: the paginator's COUNT(*) leaves it out and
    PostgreSQL computes it only for the page's rows. The long texts stay in the database."""
    sponsorships = sponsorships_visible_to(user)
    if state:
        sponsorships = sponsorships.filter(state=state)
    rounds = SponsorshipRound.objects.filter(sponsorship=OuterRef("pk")).order_by().values("sponsorship")
    return (
        sponsorships.select_related("project", "land")
        .defer(*LONG_TEXTS)
        .annotate(
            open_first=Case(
                When(state=SponsorshipState.REQUESTED, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            round_count=Coalesce(Subquery(rounds.annotate(n=Count("pk")).values("n")[:1]), 0),
        )
        .order_by("open_first", "-requested_at", "-id")
    )


# What the inbox never shows: left in the database.
LONG_TEXTS = ("justification", "decision_reason", "end_reason", "project__summary", "project__description")


def sponsorship_get_for_user(*, user, pk: int) -> Sponsorship:
    """Fetch and authorise in one call: a request the person may not see does not exist (404)."""
    sponsorship = sponsorships_visible_to(user).select_related("project", "land").filter(pk=pk).first()
    if sponsorship is None:
        raise Http404
    return sponsorship


def sponsorship_detail(*, sponsorship: Sponsorship) -> dict[str, Any]:
    """What the CIO needs to decide: the request, its rounds, and the project's partners,
    contributions and latest status."""
    from projects.selectors.portfolio import contribution_sums

    sponsorship = (
        Sponsorship.objects.filter(pk=sponsorship.pk)
        .select_related("project__lead_partner", "land", "requested_by", "decided_by")
        .prefetch_related(
            "attachments",
            Prefetch("rounds", queryset=SponsorshipRound.objects.select_related("submitted_by", "decided_by")),
        )
        .get()
    )
    project = sponsorship.project
    contributions = list(Contribution.objects.filter(project=project).select_related("partner"))
    return {
        "sponsorship": sponsorship,
        "project": project,
        "participations": Participation.objects.filter(project=project)
        .select_related("partner")
        .order_by("role", "partner__name"),
        "contribution_sums": contribution_sums(contributions),
        "latest_report": StatusReport.objects.filter(project=project).order_by("-period_end", "-id").first(),
        "other_sponsorships": Sponsorship.objects.filter(project=project)
        .exclude(pk=sponsorship.pk)
        .select_related("land"),
    }


def sponsorships_of_project(*, project) -> QuerySet[Sponsorship]:
    return Sponsorship.objects.filter(project=project).select_related("land").order_by("-requested_at", "-id")
