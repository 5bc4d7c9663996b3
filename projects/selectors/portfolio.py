"""Reads for the workspace: who sees which projects, filters, and the project page in few queries."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from governance.models import AuditEvent, FocusArea, Partner
from governance.permissions import current_roles, is_secretariat
from projects.models import (
    PHASE_ORDER,
    Contribution,
    ContributionKind,
    ContributionState,
    Milestone,
    Participation,
    Project,
    ProjectDocument,
    StatusReport,
    TeamMember,
)
from projects.permissions import EDIT_PROGRESS, REPRESENTATIVE_ROLES, may_confirm_contribution

SORTS = {
    "title": ("title",),
    "-title": ("-title",),
    "acronym": ("acronym",),
    "phase": ("phase_rank", "title"),
    "start": ("start_date", "title"),
    "end": ("planned_end_date", "title"),
    "-updated": ("-updated_at",),
}
DEFAULT_SORT = "title"
# Sorting by phase follows the gate model, not the alphabet; stopped projects come last.
PHASE_RANK = Case(
    *[When(phase=phase, then=Value(rank)) for rank, phase in enumerate(PHASE_ORDER)],
    default=Value(len(PHASE_ORDER)),
    output_field=IntegerField(),
)


def projects_visible_to(user) -> QuerySet[Project]:
    """The secretariat sees the whole portfolio; anyone else only projects granted to them.

    Global grants are ignored on purpose: with guardian's default one global permission would
    make every project visible.
    """
    if is_secretariat(user):
        return Project.objects.all()
    if not user.is_authenticated:
        return Project.objects.none()
    return get_objects_for_user(user, EDIT_PROGRESS, klass=Project, accept_global_perms=False)


def _with_list_annotations(projects: QuerySet[Project]) -> QuerySet[Project]:
    """`overdue_count` and `light` (the worst light of the latest report), from their models."""
    return projects.annotate(
        overdue_count=Milestone.objects.overdue_count_per_project(),
        light=StatusReport.objects.latest_light_per_project(),
    )


def project_list_for_user(*, user, filters: dict[str, Any]) -> QuerySet[Project]:
    """The portfolio list: filtered, searched and sorted; constant query count per page.

    No join multiplies a project (the Land filter is a subquery, a project holds a focus area
    once), so the list needs no DISTINCT: the count is a plain COUNT(*) and PostgreSQL computes
    the light and overdue subqueries only for the page's rows, after sorting and LIMIT.
    """
    projects = _with_list_annotations(projects_visible_to(user))
    if phase := filters.get("phase"):
        projects = projects.filter(phase=phase)
    if state := filters.get("land"):
        projects = projects.filter(pk__in=Participation.objects.filter(partner__state=state).values("project_id"))
    if lead := filters.get("lead_partner"):
        projects = projects.filter(lead_partner=lead)
    if area := filters.get("focus_area"):
        projects = projects.filter(focus_areas=area)
    if light := filters.get("light"):
        projects = projects.filter(light=light)
    if filters.get("overdue"):
        projects = projects.filter(overdue_count__gt=0)
    if query := filters.get("q"):
        projects = projects.filter(
            Q(title__icontains=query)
            | Q(acronym__icontains=query)
            | Q(summary__icontains=query)
            | Q(description__icontains=query)
        )
    ordering = SORTS.get(filters.get("sort") or DEFAULT_SORT, SORTS[DEFAULT_SORT])
    return (
        projects.annotate(phase_rank=PHASE_RANK)
        .select_related("lead_partner")
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "name")))
        .order_by(*ordering, "pk")
    )


def project_get_for_user(*, user, slug: str) -> Project:
    """Fetch and authorise in one call: a project the person may not see does not exist (404)."""
    project = projects_visible_to(user).select_related("lead_partner").filter(slug=slug).first()
    if project is None:
        raise Http404
    return project


@dataclass
class PartnerContributions:
    """Sums of one partner's own contributions: never a share of anyone else's."""

    partner: Any
    proposed: dict[str, Decimal] = field(default_factory=dict)
    confirmed: dict[str, Decimal] = field(default_factory=dict)
    services: list[Contribution] = field(default_factory=list)


def contribution_sums(contributions: list[Contribution]) -> list[PartnerContributions]:
    by_partner: dict[int, PartnerContributions] = {}
    for contribution in contributions:
        sums = by_partner.setdefault(contribution.partner_id, PartnerContributions(contribution.partner))
        if contribution.kind == ContributionKind.SERVICE:
            sums.services.append(contribution)
            continue
        bucket = sums.confirmed if contribution.is_confirmed else sums.proposed
        bucket[contribution.kind] = bucket.get(contribution.kind, Decimal(0)) + contribution.amount
    return sorted(by_partner.values(), key=lambda sums: sums.partner.name)


def project_detail(*, project: Project) -> dict[str, Any]:
    """Everything the project page shows, each relation in one query."""
    project = (
        Project.objects.filter(pk=project.pk)
        .select_related("lead_partner")
        .prefetch_related(
            "focus_areas",
            "links",
            "documents",
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("partner").order_by("role", "partner__name"),
            ),
            Prefetch("milestones", queryset=Milestone.objects.select_related("responsible_partner")),
            Prefetch("status_reports", queryset=StatusReport.objects.select_related("author")),
            Prefetch(
                "contributions", queryset=Contribution.objects.select_related("partner", "proposed_by", "confirmed_by")
            ),
            Prefetch("team", queryset=TeamMember.objects.select_related("person")),
        )
        .get()
    )
    contributions = list(project.contributions.all())
    return {
        "project": project,
        "contributions": contributions,
        "contribution_sums": contribution_sums(contributions),
        "timeline": project_timeline(project=project),
    }


def project_timeline(*, project: Project, limit: int = 100) -> QuerySet[AuditEvent]:
    """The project's changes, newest first, straight from the audit trail."""
    return (
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(Project), target_id=str(project.pk))
        .select_related("actor")
        .order_by("-id")[:limit]
    )


# --- Workspace views (list choices, single objects of a project, contributions to confirm) -------
# Added for the workspace pages; kept apart from the reads above.


def lead_partner_choices() -> QuerySet[Partner]:
    """Partners that lead at least one project, for the list's filter (only what an option shows)."""
    leads = Exists(Project.objects.filter(lead_partner=OuterRef("pk")))
    return Partner.objects.filter(leads).only("pk", "name").order_by("name")


def focus_area_choices() -> QuerySet[FocusArea]:
    return FocusArea.objects.order_by("position", "name")


def user_has_workspace_projects(*, user) -> bool:
    """Whether the person is on at least one project's team (the secretariat is checked apart).

    Cached on the user object, which lives for one request: the view and the header both ask.
    """
    if not user.is_authenticated:
        return False
    if "_has_workspace_projects" not in user.__dict__:
        user.__dict__["_has_workspace_projects"] = projects_visible_to(user).exists()
    return user.__dict__["_has_workspace_projects"]


def workspace_entry_for_user(*, user) -> str | None:
    """Which workspace page a person's header link leads to: the portfolio ("list") for the
    secretariat and project teams, their partner's open contributions ("pending") for people who
    only represent a partner, or nothing."""
    if not getattr(user, "is_authenticated", False):
        return None
    if is_secretariat(user) or user_has_workspace_projects(user=user):
        return "list"
    if _represented_partner_ids(user):
        return "pending"
    return None


def _part_of_project(rows: QuerySet, *, project: Project, pk: int):
    """A row of this project only; one of another project does not exist here (404)."""
    row = rows.filter(project=project, pk=pk).first()
    if row is None:
        raise Http404
    row.project = project  # the caller has it already: no second query
    return row


def milestone_get_for_project(*, project: Project, pk: int) -> Milestone:
    return _part_of_project(Milestone.objects.all(), project=project, pk=pk)


def team_member_get_for_project(*, project: Project, pk: int) -> TeamMember:
    return _part_of_project(TeamMember.objects.select_related("person"), project=project, pk=pk)


def participation_get_for_project(*, project: Project, pk: int) -> Participation:
    return _part_of_project(Participation.objects.select_related("partner"), project=project, pk=pk)


def document_get_for_project(*, project: Project, pk: int) -> ProjectDocument:
    """Only documents with a file: a row whose upload is gone has nothing to download."""
    return _part_of_project(ProjectDocument.objects.exclude(file=""), project=project, pk=pk)


def _represented_partner_ids(user) -> set[int]:
    return {partner for role, partner in current_roles(user) if role in REPRESENTATIVE_ROLES}


def contribution_get_for_confirmation(*, user, slug: str, pk: int) -> Contribution:
    """The contribution, for someone who may confirm it or who sees its project; else 404.

    A partner's representative need not be on the project's team, so the workspace visibility
    rule alone would hide from them the very contribution they are asked to confirm.
    """
    contribution = Contribution.objects.select_related("project", "partner").filter(project__slug=slug, pk=pk).first()
    if contribution is None:
        raise Http404
    if not (
        may_confirm_contribution(user, contribution)
        or projects_visible_to(user).filter(pk=contribution.project_id).exists()
    ):
        raise Http404
    return contribution


def contribution_list_pending_for_user(*, user) -> QuerySet[Contribution]:
    """Proposed contributions of the partners the person currently represents, oldest first."""
    return (
        Contribution.objects.filter(partner_id__in=_represented_partner_ids(user), state=ContributionState.PROPOSED)
        .select_related("project", "partner", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def project_ids_visible_to(*, user, ids) -> set[int]:
    """Which of these projects the person sees in the workspace (to link only those)."""
    return set(projects_visible_to(user).filter(pk__in=list(ids)).values_list("pk", flat=True))


def partner_names(*, ids) -> dict[int, str]:
    """Names for partner ids found in audit payloads (the trail stores the id)."""
    return dict(Partner.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
