"""Who may do what with projects: the one place for this app's rules.

One mechanism per permission:

| permission | who | mechanism |
| --- | --- | --- |
| manage the portfolio (create and edit projects, change phases, the team, documents) | secretariat | role records (`is_secretariat`) |
| edit progress (milestones, status reports) of one project | secretariat; the project's team | django-guardian object permission `projects.edit_progress`, granted and revoked only by `project_team_add` / `project_team_remove` |
| propose a contribution | secretariat; the project's lead (team role "lead") | team records |
| confirm a contribution | a current representative of *that* partner | role records (`REPRESENTATIVE_ROLES`) |
| see a project in the workspace | secretariat; anyone with a guardian grant on it | as above |
"""

from django.db.models import QuerySet

from governance.models import PartnerKind, Role, RoleAssignment, User
from governance.permissions import current_roles, has_role, is_secretariat, model_perms

EDIT_PROGRESS = "projects.edit_progress"

# People who speak for their partner and so may bind it to a contribution.
REPRESENTATIVE_ROLES = [Role.PROJECT_CONTACT, Role.STEERING_MEMBER, Role.STEERING_DEPUTY, Role.CIO, Role.CIO_DEPUTY]

PROJECT_MODELS = [
    "project",
    "participation",
    "teammember",
    "projectlink",
    "projectdocument",
    "milestone",
    "statusreport",
    "contribution",
]
SPONSORSHIP_MODELS = ["sponsorship", "sponsorshipround", "sponsorshipattachment"]

# Django admin rights (raw data); workflow fields stay read-only there.
ROLE_PERMISSIONS = {
    Role.SECRETARIAT: (
        model_perms("projects", PROJECT_MODELS, ["view", "add", "change"])
        # Sponsorships change only through their services (workspace), never in admin.
        | model_perms("projects", SPONSORSHIP_MODELS, ["view"])
    ),
}


def may_manage_portfolio(user) -> bool:
    return is_secretariat(user)


def may_edit_progress(user, project) -> bool:
    return is_secretariat(user) or user.has_perm(EDIT_PROGRESS, project)


def may_propose_contribution(user, project) -> bool:
    if is_secretariat(user):
        return True
    return project.team.filter(person=user, role="lead").exists() if user.is_authenticated else False


def may_confirm_contribution(user, contribution) -> bool:
    """Only the partner's own representatives bind it; the secretariat cannot do it for them."""
    return any(has_role(user, role, partner=contribution.partner_id) for role in REPRESENTATIVE_ROLES)


# --- CIO sponsorships ----------------------------------------------------------------------------
# | permission | who | mechanism |
# | --- | --- | --- |
# | request, revise, withdraw a sponsorship | secretariat | role records |
# | decide (approve or decline) | the current CIO of that Land and the CIO's deputy | role records |
# | decide one single request by delegation | a person the Land's CIO named for it | django-guardian `projects.decide_sponsorship` on that sponsorship, granted and revoked only by `sponsorship_delegate` / `sponsorship_revoke_delegation` |
# | receive a delegation | whoever acts for that Land (`delegate_candidates`) | role and team records |
# | end an approved sponsorship | secretariat; the current CIO of that Land | role records |
# | see a request | secretariat; whoever may decide it | as above |
# Superusers get nothing here: guardian would let them pass every object check, so the
# delegation check reads the grant table directly.
DECIDE_SPONSORSHIP = "decide_sponsorship"
DECIDING_ROLES = [Role.CIO, Role.CIO_DEPUTY]


def lands_decided_by(user) -> set[int]:
    """The Länder (partner ids) whose requests this person decides by role, today."""
    return {partner for role, partner in current_roles(user) if role in DECIDING_ROLES}


def has_delegation(user, sponsorship) -> bool:
    from projects.models import SponsorshipUserObjectPermission

    if not (user.is_authenticated and user.is_active):
        return False
    return SponsorshipUserObjectPermission.objects.filter(
        user=user, content_object_id=sponsorship.pk, permission__codename=DECIDE_SPONSORSHIP
    ).exists()


def may_decide_sponsorship(user, sponsorship) -> bool:
    if sponsorship.land_id in lands_decided_by(user):
        return True
    # A delegation holds only while its holder still may receive one (not since joined the team).
    return has_delegation(user, sponsorship) and may_receive_delegation(user, sponsorship)


def may_request_sponsorship(user) -> bool:
    return is_secretariat(user)


def may_delegate_sponsorship(user, sponsorship) -> bool:
    """Only the CIO in person names a delegate, never the deputy or a delegate."""
    return has_role(user, Role.CIO, partner=sponsorship.land_id)


# People who act for a Land and so may take one of its decisions when the CIO hands it over.
DELEGATE_ROLES = [Role.CIO_DEPUTY, Role.STEERING_MEMBER, Role.STEERING_DEPUTY, Role.PROJECT_CONTACT]


def delegate_candidates(sponsorship, *, delegator=None) -> QuerySet[User]:
    """Everyone the Land's CIO may hand this one request to (the one home of that rule).

    Only people acting for the same Land, never the requester (the secretariat would decide its
    own request), the project's own team (they would approve themselves) or anyone who also
    holds a role for another Land (whose name the decision would then carry)."""
    from projects.models import TeamMember

    current = RoleAssignment.objects.current()
    for_land = current.filter(partner_id=sponsorship.land_id, role__in=DELEGATE_ROLES)
    other_land = current.filter(partner__kind=PartnerKind.LAND).exclude(partner_id=sponsorship.land_id)
    people = (
        User.objects.filter(is_active=True, pk__in=for_land.values("person"))
        .exclude(pk__in=other_land.values("person"))
        .exclude(pk__in=TeamMember.objects.filter(project_id=sponsorship.project_id).values("person"))
    )
    if sponsorship.requested_by_id:
        people = people.exclude(pk=sponsorship.requested_by_id)
    if delegator is not None:
        people = people.exclude(pk=delegator.pk)
    return people.order_by("last_name", "first_name", "pk")


def may_receive_delegation(person, sponsorship, *, delegator=None) -> bool:
    return delegate_candidates(sponsorship, delegator=delegator).filter(pk=person.pk).exists()


def may_end_sponsorship(user, sponsorship) -> bool:
    return is_secretariat(user) or has_role(user, Role.CIO, partner=sponsorship.land_id)


def may_see_sponsorship(user, sponsorship) -> bool:
    return is_secretariat(user) or may_decide_sponsorship(user, sponsorship)


def may_use_sponsorship_inbox(user) -> bool:
    """Whoever may see some request: the secretariat, a current CIO or deputy, a delegate.
    Roles are cached per user; only a person without such a role costs one query (delegations)."""
    from projects.models import SponsorshipUserObjectPermission

    if is_secretariat(user) or lands_decided_by(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return SponsorshipUserObjectPermission.objects.filter(user=user, permission__codename=DECIDE_SPONSORSHIP).exists()
