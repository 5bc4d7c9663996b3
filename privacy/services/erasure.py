"""Art. 17 GDPR: the secretariat erases a person where no retention duty applies.

The account row stays, stripped to its id, because governance records (sponsorship decisions,
status reports, the audit trail) point at it; those records keep the pseudonym "Person #<id>" and
the link from it to a name is gone. Audit events never need rewriting: since chain version 2 they
hold only the pseudonym (`person_ref`), and their address and browser are dropped here, which the
chain allows (it covers them as a keyed digest). Events written before the switch to version 2
keep what they were written with: rewriting them would break the evidence the trail exists for
(Art. 17(3)(b) and (e) GDPR); README and privacy notice say so.
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.models import UserObjectPermission

from governance.models import AuditEvent, AuditVerb, RequestState, RoleAssignment, SteeringRequest
from governance.permissions import is_secretariat
from governance.services.audit import audit_record
from privacy.models import DataExport, Erasure
from privacy.services.exports import data_export_delete
from projects.models import Sponsorship, SponsorshipRound, TeamMember
from transfer.models import Inquiry, Solution
from transfer.services import search_vector_refresh

# Governance decisions are kept with the name of who took them for this long (documentation duty
# of the cooperation; privacy notice). Until then erasure is refused, and the person is told why.
DECISION_RETENTION = timedelta(days=365 * 10)


def erased_email(person) -> str:
    return f"geloescht-{person.pk}@invalid.invalid"


def erasure_blockers(person, *, now=None) -> list[str]:
    """Why this person cannot be erased now (empty: no retention duty applies)."""
    now = now or timezone.now()
    blockers = []
    if hasattr(person, "erasure"):
        blockers.append(_("Die Daten dieser Person sind bereits gelöscht."))
    if person.is_superuser:
        blockers.append(_("Ein Zugang mit allen Rechten wird nicht gelöscht, sondern zuerst herabgestuft."))
    if RoleAssignment.objects.current().filter(person=person).exists():
        blockers.append(_("Die Person hat eine laufende Rolle; beenden Sie diese zuerst."))
    since = now - DECISION_RETENTION
    decided = (
        Sponsorship.objects.filter(
            Q(decided_by=person, decided_at__gte=since) | Q(requested_by=person, requested_at__gte=since)
        ).exists()
        or SponsorshipRound.objects.filter(
            Q(decided_by=person, decided_at__gte=since) | Q(submitted_by=person, submitted_at__gte=since)
        ).exists()
    )
    if decided:
        blockers.append(
            _(
                "Die Person hat in den letzten zehn Jahren Patenschaften angefragt oder entschieden "
                "(Aufbewahrungspflicht)."
            )
        )
    return blockers


def _end_sessions(person) -> int:
    """Database sessions carry the user's id only inside their encoded data."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def person_erase(*, person, actor, request=None) -> Erasure:
    """Remove every trace of the person that no retention duty requires; keep the pseudonym."""
    if not is_secretariat(actor):
        raise PermissionDenied(_("Personendaten löscht die Geschäftsstelle."))
    if actor.pk == person.pk:
        raise PermissionDenied(
            _("Niemand löscht die eigenen Daten selbst; bitte wenden Sie sich an die Geschäftsstelle.")
        )
    person = type(person).objects.select_for_update().get(pk=person.pk)
    blockers = erasure_blockers(person)
    if blockers:
        raise ValidationError(blockers)
    old_email = person.email
    counts = {
        "notifications": person.notifications.all().delete()[0],
        "preferences": person.notification_preferences.all().delete()[0],
        "project_teams": TeamMember.objects.filter(person=person).delete()[0],
        "object_permissions": UserObjectPermission.objects.filter(user=person).delete()[0],
        "failed_logins": AccessAttempt.objects.filter(username__iexact=old_email).delete()[0]
        + AccessFailureLog.objects.filter(username__iexact=old_email).delete()[0],
        "sessions": _end_sessions(person),
        "audit_client_details": AuditEvent.objects.filter(actor=person).forget_client_details(),
    }
    for export in DataExport.objects.filter(person=person):
        data_export_delete(export)
    # Reuse requests sent from the person's address: unconfirmed ones go, the rest lose the name.
    inquiries = Inquiry.objects.filter(contact_email__iexact=old_email)
    counts["inquiries"] = inquiries.filter(adoption__isnull=True).delete()[0]
    inquiries.update(contact_name="", contact_email=erased_email(person), message="")
    # Membership and theme requests: unconfirmed ones go; filed ones stay as the circle's record
    # (the administration's name and the justification), without the person's name and address.
    steering_requests = SteeringRequest.objects.filter(contact_email__iexact=old_email)
    counts["steering_requests"] = steering_requests.filter(state=RequestState.UNCONFIRMED).delete()[0]
    steering_requests.update(contact_name="", contact_email="")
    solutions = list(Solution.objects.filter(contact_person=person).values_list("pk", flat=True))
    Solution.objects.filter(pk__in=solutions).update(contact_person=None)
    transaction.on_commit(lambda: search_vector_refresh(solution_ids=solutions))
    counts["solutions"] = len(solutions)

    person.email = erased_email(person)
    person.first_name = person.last_name = ""
    person.public_consent = False
    person.is_active = person.is_staff = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    erasure = Erasure.objects.create(person=person, erased_by=actor)
    audit_record(verb=AuditVerb.PERSON_ERASED, actor=actor, target=person, request=request, payload=counts)
    return erasure
