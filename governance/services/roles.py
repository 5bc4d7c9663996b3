"""Changes to roles, memberships and people's access: each one writes an audit event.

Rule 1 of the brief: nobody grants a role to themselves, and CIO, CIO-deputy and steering roles
are granted or extended only through the four-eyes flow in `governance.services.grants`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import FOUR_EYES_ROLES, AuditVerb, NetworkMembership, RoleAssignment, person_ref
from governance.permissions import PRIVILEGED_ROLES, may_manage_roles
from governance.services.audit import audit_record
from governance.services.sessions import sessions_end_for

ROLE_FIELDS = ["person", "partner", "role", "valid_from", "valid_until"]
MEMBERSHIP_FIELDS = ["network", "partner", "joined_on", "left_on"]
ACCESS_FIELDS = ["email", "is_active", "is_staff", "is_superuser"]


def _changes(before: dict, after: dict) -> dict:
    return {field: [before.get(field), value] for field, value in after.items() if before.get(field) != value}


def _snapshot(instance, fields: list[str]) -> dict:
    if instance.pk is None:
        return {}
    stored = type(instance).objects.filter(pk=instance.pk).first()
    return model_to_dict(stored, fields=fields) if stored else {}


def role_assignment_widens(assignment: RoleAssignment) -> bool:
    """True if saving grants something not held before: a new role, another person, partner or
    role, an earlier start or a later (or no) end. Ending or shortening a role widens nothing."""
    before = _snapshot(assignment, ROLE_FIELDS)
    if not before:
        return True
    if any(before[field] != getattr(assignment, f"{field}_id", None) for field in ("person", "partner")):
        return True
    if before["role"] != assignment.role or assignment.valid_from < before["valid_from"]:
        return True
    old_end, new_end = before["valid_until"], assignment.valid_until
    return old_end is not None and (new_end is None or new_end > old_end)


def role_assignment_refusal(*, assignment: RoleAssignment, actor) -> str:
    """Why this direct role change is refused, or "" if it may be saved as it is.
    The admin asks this to show the message on its form; the service enforces it."""
    if not may_manage_roles(actor):
        return _("Rollen vergibt die Geschäftsstelle.")
    if not role_assignment_widens(assignment):
        return ""
    if assignment.person_id == getattr(actor, "pk", None):
        return _("Niemand kann sich selbst eine Rolle geben oder verlängern.")
    if assignment.role in FOUR_EYES_ROLES:
        return _(
            "Die Rolle „%(role)s“ wird nach dem Vier-Augen-Prinzip vergeben: Bitte schlagen Sie sie unter "
            "„Rollenvergaben (Vier-Augen-Prinzip)“ vor; eine zweite Person der Geschäftsstelle bestätigt."
        ) % {"role": assignment.get_role_display()}
    return ""


@transaction.atomic
def role_assignment_save(*, assignment: RoleAssignment, actor, request=None, confirmed_grant=None) -> RoleAssignment:
    """Save a role record. `confirmed_grant` is passed only by the four-eyes flow, whose checks
    (proposer, second person, not the person concerned) have then already run."""
    if confirmed_grant is None:
        refusal = role_assignment_refusal(assignment=assignment, actor=actor)
        if refusal:
            raise (PermissionDenied if not may_manage_roles(actor) else ValidationError)(refusal)
    before = _snapshot(assignment, ROLE_FIELDS)
    assignment.save()
    after = model_to_dict(assignment, fields=ROLE_FIELDS)
    audit_record(
        verb=AuditVerb.ROLE_CHANGED if before else AuditVerb.ROLE_GRANTED,
        actor=actor,
        target=assignment,
        request=request,
        payload={
            "person": person_ref(assignment.person),
            "partner": assignment.partner.name,
            "role": assignment.role,
            "changes": _changes(before, after),
            **({"grant": confirmed_grant.pk} if confirmed_grant is not None else {}),
        },
    )
    if assignment.role in PRIVILEGED_ROLES and assignment.valid_until and assignment.valid_until < timezone.localdate():
        sessions_end_for(person=assignment.person)  # the role has ended: so have its sessions
    return assignment


@transaction.atomic
def network_membership_save(*, membership: NetworkMembership, actor, request=None) -> NetworkMembership:
    before = _snapshot(membership, MEMBERSHIP_FIELDS)
    membership.save()
    after = model_to_dict(membership, fields=MEMBERSHIP_FIELDS)
    audit_record(
        verb=AuditVerb.MEMBERSHIP_CHANGED if before else AuditVerb.MEMBERSHIP_ADDED,
        actor=actor,
        target=membership,
        request=request,
        payload={
            "network": membership.network.name,
            "partner": membership.partner.name,
            "changes": _changes(before, after),
        },
    )
    return membership


@transaction.atomic
def network_membership_delete(*, membership: NetworkMembership, actor, request=None) -> None:
    audit_record(
        verb=AuditVerb.MEMBERSHIP_REMOVED,
        actor=actor,
        target=membership,
        request=request,
        payload={
            "network": membership.network.name,
            "partner": membership.partner.name,
            "joined_on": membership.joined_on,
            "left_on": membership.left_on,
        },
    )
    membership.delete()


@transaction.atomic
def person_save(*, person, actor, request=None):
    """Save a person; a change to their access (address, active, staff, superuser) is audited."""
    before = _snapshot(person, ACCESS_FIELDS)
    person.save()
    changes = _changes(before, model_to_dict(person, fields=ACCESS_FIELDS)) if before else {}
    if "email" in changes:  # the trail keeps no address (it would outlive an erasure): only that it changed
        changes["email"] = "changed"
    if changes:
        audit_record(
            verb=AuditVerb.PERSON_ACCESS_CHANGED,
            actor=actor,
            target=person,
            request=request,
            payload={"person": person_ref(person), "changes": changes},
        )
    if "is_active" in changes and not person.is_active:
        sessions_end_for(person=person)
    return person
