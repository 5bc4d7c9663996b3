"""Changes to roles, memberships and people's access: each one writes an audit event."""

from django.db import transaction
from django.forms.models import model_to_dict

from governance.models import AuditVerb, NetworkMembership, RoleAssignment, person_ref
from governance.services.audit import audit_record

ROLE_FIELDS = ["person", "partner", "role", "valid_from", "valid_until"]
MEMBERSHIP_FIELDS = ["network", "partner", "joined_on", "left_on"]
ACCESS_FIELDS = ["is_active", "is_staff", "is_superuser"]


def _changes(before: dict, after: dict) -> dict:
    return {field: [before.get(field), value] for field, value in after.items() if before.get(field) != value}


def _snapshot(instance, fields: list[str]) -> dict:
    if instance.pk is None:
        return {}
    stored = type(instance).objects.filter(pk=instance.pk).first()
    return model_to_dict(stored, fields=fields) if stored else {}


@transaction.atomic
def role_assignment_save(*, assignment: RoleAssignment, actor, request=None) -> RoleAssignment:
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
        },
    )
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
    """Save a person; a change to their access (active, staff, superuser) is audited."""
    before = _snapshot(person, ACCESS_FIELDS)
    person.save()
    changes = _changes(before, model_to_dict(person, fields=ACCESS_FIELDS)) if before else {}
    if changes:
        audit_record(
            verb=AuditVerb.PERSON_ACCESS_CHANGED,
            actor=actor,
            target=person,
            request=request,
            payload={"person": person_ref(person), "changes": changes},
        )
    return person
