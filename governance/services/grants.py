"""Four eyes on CIO, CIO-deputy and steering roles: propose, then a second person confirms.

The admin and any page call these services; nothing else creates such a role. The steering
circle, once it exists, confirms through `role_grant_confirm_by_resolution`.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    FOUR_EYES_ROLES,
    AuditVerb,
    NotificationKind,
    Partner,
    PartnerKind,
    Role,
    RoleAssignment,
    RoleGrant,
    RoleGrantState,
    User,
    person_ref,
)
from governance.permissions import is_secretariat
from governance.selectors import role_holders, secretariat_people
from governance.services.audit import audit_record
from governance.services.notifications import in_both_languages, notification_create
from governance.services.roles import role_assignment_save


def _names(grant: RoleGrant) -> dict[str, str]:
    return {"person": str(grant.person), "role": grant.get_role_display(), "partner": grant.partner.name}


def _notify(recipients, grant: RoleGrant, subject, body) -> None:
    texts = {"subject": in_both_languages(subject), "body": in_both_languages(body)}
    for person in {p.pk: p for p in recipients}.values():
        notification_create(recipient=person, kind=NotificationKind.ACCOUNT, target=grant, **texts)


def _audit(verb: str, grant: RoleGrant, actor, request, **payload) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        target=grant,
        request=request,
        payload={
            "person": person_ref(grant.person),
            "partner": grant.partner.name,
            "role": grant.role,
            "valid_from": grant.valid_from,
            "valid_until": grant.valid_until,
            "proposed_by": person_ref(grant.proposed_by),
            **payload,
        },
    )


def role_grant_validate(*, grant: RoleGrant, actor) -> None:
    """Everything a proposal must satisfy; the admin form shows these messages, the service enforces them."""
    if grant.person_id == getattr(actor, "pk", None):
        raise ValidationError(_("Niemand kann sich selbst eine Rolle geben oder verlängern."))
    if grant.role not in FOUR_EYES_ROLES:
        raise ValidationError({"role": _("Diese Rolle vergibt die Geschäftsstelle direkt, ohne Vorschlag.")})
    existing = grant.assignment
    if existing is not None and (existing.person_id, existing.partner_id, existing.role) != (
        grant.person_id,
        grant.partner_id,
        grant.role,
    ):
        raise ValidationError(
            {"assignment": _("Verlängert werden kann nur diese Rolle derselben Person für denselben Partner.")}
        )
    grant.full_clean()
    # The role as it would be: its own checks (Land only, no overlap) run now, not at confirmation.
    grant.as_assignment().full_clean()


@transaction.atomic
def role_grant_propose(
    *,
    person: User,
    partner: Partner,
    role: str,
    valid_from: date,
    valid_until: date | None = None,
    assignment: RoleAssignment | None = None,
    actor,
    request=None,
) -> RoleGrant:
    """A secretariat member proposes granting (or, with `assignment`, extending) a role."""
    if not is_secretariat(actor):
        raise PermissionDenied(_("Rollenvergaben schlägt die Geschäftsstelle vor."))
    grant = RoleGrant(
        person=person,
        partner=partner,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
        assignment=assignment,
        proposed_by=actor,
    )
    role_grant_validate(grant=grant, actor=actor)
    grant.save()
    _audit(AuditVerb.ROLE_PROPOSED, grant, actor, request)
    _notify(
        [p for p in secretariat_people() if p.pk not in (actor.pk, person.pk)],
        grant,
        lambda: _("Bitte bestätigen: %(role)s für %(person)s") % _names(grant),
        lambda: (
            _(
                "Vorgeschlagen ist, %(person)s die Rolle „%(role)s“ für %(partner)s zu geben. Die Rolle gilt "
                "erst, wenn eine zweite Person der Geschäftsstelle sie bestätigt."
            )
            % _names(grant)
        ),
    )
    return grant


def _locked(grant: RoleGrant) -> RoleGrant:
    grant = RoleGrant.objects.select_for_update().select_related("person", "partner", "proposed_by").get(pk=grant.pk)
    if grant.state != RoleGrantState.PENDING:
        raise ValidationError(
            _("Über diesen Vorschlag ist bereits entschieden (%(state)s).") % {"state": grant.get_state_display()}
        )
    return grant


def _refuse_second_person(grant: RoleGrant, actor) -> None:
    if not is_secretariat(actor):
        raise PermissionDenied(_("Rollenvergaben bestätigt die Geschäftsstelle."))
    if actor.pk == grant.proposed_by_id:
        raise PermissionDenied(_("Bestätigen oder ablehnen muss eine zweite Person, nicht wer vorgeschlagen hat."))
    if actor.pk == grant.person_id:
        raise PermissionDenied(_("Niemand kann über die eigene Rolle entscheiden."))


def _take_effect(grant: RoleGrant, actor, request, **payload) -> RoleAssignment:
    assignment = grant.as_assignment()
    assignment.full_clean()
    role_assignment_save(assignment=assignment, actor=actor, request=request, confirmed_grant=grant)
    grant.assignment = assignment
    grant.state = RoleGrantState.CONFIRMED
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.save(update_fields=["assignment", "state", "decided_by", "decided_at", "resolution"])
    _audit(AuditVerb.ROLE_GRANT_CONFIRMED, grant, actor, request, assignment=assignment.pk, **payload)
    # The person concerned and the Land's CIO are told (the CIO learns who acts for the Land).
    cios = role_holders([Role.CIO], grant.partner) if grant.partner.kind == PartnerKind.LAND else []
    _notify(
        [grant.person, *cios],
        grant,
        lambda: _("Rolle vergeben: %(role)s für %(partner)s") % _names(grant),
        lambda: (
            _("%(person)s hat jetzt die Rolle „%(role)s“ für %(partner)s, gültig ab %(start)s%(end)s.")
            % {
                **_names(grant),
                "start": grant.valid_from.strftime("%d.%m.%Y"),
                "end": _(" bis %(date)s") % {"date": grant.valid_until.strftime("%d.%m.%Y")}
                if grant.valid_until
                else "",
            }
        ),
    )
    return assignment


@transaction.atomic
def role_grant_confirm(*, grant: RoleGrant, actor, request=None) -> RoleAssignment:
    """A second secretariat member confirms: only now does the role take effect."""
    grant = _locked(grant)
    _refuse_second_person(grant, actor)
    return _take_effect(grant, actor, request)


@transaction.atomic
def role_grant_confirm_by_resolution(*, grant: RoleGrant, resolution: str, request=None) -> RoleAssignment:
    """Hook for the steering circle: a resolution (its number, e.g. "LK-2026-07") is the second
    pair of eyes. The steering code calls this once the resolution is adopted; the actor is the system."""
    if not resolution.strip():
        raise ValidationError(_("Bitte geben Sie die Nummer des Beschlusses an."))
    grant = _locked(grant)
    grant.resolution = resolution.strip()
    return _take_effect(grant, None, request, resolution=grant.resolution)


@transaction.atomic
def role_grant_decline(*, grant: RoleGrant, actor, reason: str = "", request=None) -> RoleGrant:
    grant = _locked(grant)
    _refuse_second_person(grant, actor)
    grant.state = RoleGrantState.DECLINED
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.reason = reason.strip()
    grant.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    _audit(AuditVerb.ROLE_GRANT_DECLINED, grant, actor, request, reason=grant.reason)
    _notify(
        [grant.proposed_by],
        grant,
        lambda: _("Rollenvergabe abgelehnt: %(role)s für %(person)s") % _names(grant),
        lambda: (
            _("Der Vorschlag, %(person)s die Rolle „%(role)s“ für %(partner)s zu geben, ist abgelehnt.") % _names(grant)
        ),
    )
    return grant
