"""Who may do what, derived from people's roles: the one place for this app's permission rules.

Mechanism: rights that follow from data ("the secretariat maintains master data") come from the
current role records through `RoleBackend`; django-guardian is reserved for grants on single
objects, which later apps hand out through their services. No permission uses both.
"""

from datetime import date
from functools import cache

from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.utils import timezone
from django.utils.module_loading import import_string

from governance.models import Role, RoleAssignment
from kooperationsraum.session_pages import workspace_memo

GOVERNANCE_MASTER_DATA = ["partner", "network", "networkmembership", "agreement", "focusarea"]
# Shown read-only in the admin (governance/admin_steering.py).
STEERING_VIEW_MODELS = [
    "steeringcircle",
    "rulesofprocedure",
    "steeringseat",
    "meeting",
    "agendaitem",
    "attendance",
    "minutes",
    "ballot",
    "ballotvote",
    "votedelegation",
    "steeringdocument",
    "resolution",
    "resolutionvote",
    "steeringrequest",
]


def model_perms(app_label: str, models: list[str], actions: list[str]) -> frozenset[str]:
    return frozenset(f"{app_label}.{action}_{model}" for model in models for action in actions)


# Role → global permissions. Roles missing here grant nothing globally; their rights are on
# single objects (a CIO on the requests of their Land, a contact on their project).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SECRETARIAT: (
        model_perms("governance", GOVERNANCE_MASTER_DATA, ["view", "add", "change", "delete"])
        # Roles are history: they are ended with a date, never deleted.
        | model_perms("governance", ["roleassignment", "user"], ["view", "add", "change"])
        # CIO, CIO-deputy and steering roles: proposed here, confirmed by a second person (actions).
        | model_perms("governance", ["rolegrant"], ["view", "add"])
        # The audit trail and the outbox are read here and changed only by services.
        | model_perms("governance", ["auditevent", "notification"], ["view"])
        # The steering circle is run in its workspace (audited services); the admin only shows it.
        | model_perms("governance", STEERING_VIEW_MODELS, ["view"])
    ),
}


def current_roles(user, on: date | None = None) -> frozenset[tuple[str, int]]:
    """The (role, partner id) pairs a person holds on a day; cached on the user object per day."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    on = on or timezone.localdate()
    cache = user.__dict__.setdefault("_current_roles", {})
    if on not in cache:
        # Also kept per workspace version in the process: every signed-in request asks for them.
        cache[on] = workspace_memo("current_roles", (user.pk, on), lambda: _roles_held(user, on))
    return cache[on]


def _roles_held(user, on: date) -> frozenset[tuple[str, int]]:
    return frozenset(RoleAssignment.objects.current(on).filter(person=user).values_list("role", "partner_id"))


def has_role(user, role: str, *, partner=None, on: date | None = None) -> bool:
    partner_id = getattr(partner, "pk", partner)
    return any(
        held == role and (partner_id is None or held_partner == partner_id)
        for held, held_partner in current_roles(user, on)
    )


def is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def may_view_audit_trail(user) -> bool:
    """The audit trail names people and addresses: the secretariat reads it, nobody else."""
    return is_secretariat(user)


def may_resend_notifications(user) -> bool:
    """Failed notifications show other people's addresses; the secretariat handles them."""
    return is_secretariat(user)


def may_manage_roles(user) -> bool:
    """The secretariat records who holds which role (a superuser may as well)."""
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and (user.is_superuser or is_secretariat(user))
    )


def is_break_glass(user) -> bool:
    """A superuser named in settings.BREAK_GLASS_ACCOUNTS: the only one who may set a password
    for someone else, in an emergency, and never unnoticed (see governance.services.accounts)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_superuser
        and user.email.lower() in settings.BREAK_GLASS_ACCOUNTS
    )


# People who decide, vote or administer: they must use a second factor, and their sessions end
# after a short idle time (settings.PRIVILEGED_SESSION_*).
PRIVILEGED_ROLES = frozenset({Role.SECRETARIAT, Role.CIO, Role.CIO_DEPUTY, Role.STEERING_MEMBER, Role.STEERING_DEPUTY})


def holds_privileged_role(user) -> bool:
    return any(role in PRIVILEGED_ROLES for role, _partner in current_roles(user))


def requires_mfa(user) -> bool:
    """A privileged role or the admin (superusers) takes a second factor at every login."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active) and (
        user.is_superuser or holds_privileged_role(user)
    )


def may_use_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or is_secretariat(user)))


@cache
def role_permission_matrices() -> list[dict[str, frozenset[str]]]:
    """Each app keeps its own role → permission matrix; settings list them in layer order."""
    return [import_string(path) for path in settings.ROLE_PERMISSION_MATRICES]


def role_permissions(user) -> frozenset[str]:
    granted: frozenset[str] = frozenset()
    for role, _partner in current_roles(user):
        for matrix in role_permission_matrices():
            granted |= matrix.get(role, frozenset())
    return granted


class RoleBackend(BaseBackend):
    """Grants the global permissions that follow from a person's current roles."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set(role_permissions(user_obj)) if obj is None else set()

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return obj is None and perm in role_permissions(user_obj)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in role_permissions(user_obj))
