"""Minutes: written per agenda item, circulated as a draft, approved by a later meeting, then locked."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import AuditVerb, Meeting, Minutes, MinutesState, NotificationKind
from governance.selectors_steering import circle_people
from governance.services.audit import audit_record
from governance.services.steering.common import notify, require_secretariat
from governance.services.steering.meetings import meeting_url

LOCKED = _("Das Protokoll ist genehmigt und kann nicht mehr geändert werden.")


def _locked_minutes(meeting: Meeting) -> Minutes:
    Minutes.objects.get_or_create(meeting=meeting)
    return Minutes.objects.select_for_update().select_related("meeting").get(meeting=meeting)


@transaction.atomic
def minutes_save(*, meeting: Meeting, notes: str, summaries: Mapping[int, str], actor, request=None) -> Minutes:
    """Save the general notes and each agenda item's discussion summary."""
    require_secretariat(actor)
    if meeting.is_cancelled or not meeting.has_started:
        raise ValidationError(_("Das Protokoll wird ab Beginn der Sitzung geschrieben."))
    minutes = _locked_minutes(meeting)
    if minutes.is_locked:
        raise ValidationError(str(LOCKED))
    minutes.notes = notes
    minutes.save(update_fields=["notes"])
    items = {item.pk: item for item in meeting.agenda_items.all()}
    for item_id, summary in summaries.items():
        item = items.get(int(item_id))
        if item is None:
            raise ValidationError(_("Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung."))
        if item.discussion_summary != summary:
            item.discussion_summary = summary
            item.save(update_fields=["discussion_summary"])
    audit_record(verb=AuditVerb.MINUTES_CHANGED, actor=actor, target=minutes, request=request)
    return minutes


@transaction.atomic
def minutes_circulate(*, meeting: Meeting, actor, request=None) -> Minutes:
    """Send the draft to the members and deputies to read before the next meeting."""
    require_secretariat(actor)
    minutes = _locked_minutes(meeting)
    if minutes.is_locked:
        raise ValidationError(str(LOCKED))
    if not meeting.has_started:
        raise ValidationError(_("Das Protokoll wird ab Beginn der Sitzung geschrieben."))
    minutes.state, minutes.circulated_at = MinutesState.CIRCULATED, timezone.now()
    minutes.save(update_fields=["state", "circulated_at"])
    audit_record(verb=AuditVerb.MINUTES_CIRCULATED, actor=actor, target=minutes, request=request)
    notify(
        circle_people(meeting.circle),
        kind=NotificationKind.MINUTES_DRAFT,
        subject=lambda: _("Protokollentwurf: %(title)s") % {"title": meeting.title},
        body=lambda: (
            _("Der Entwurf des Protokolls der Sitzung „%(title)s“ liegt im Portal zum Lesen bereit.")
            % {"title": meeting.title}
        ),
        link=meeting_url(meeting),
        target=meeting,
    )
    return minutes


@transaction.atomic
def minutes_approve(*, meeting: Meeting, approved_in: Meeting, actor, request=None) -> Minutes:
    """A later meeting of the same circle approves the circulated draft; it is locked from then on."""
    require_secretariat(actor)
    minutes = _locked_minutes(meeting)
    if minutes.is_locked:
        raise ValidationError(_("Das Protokoll ist bereits genehmigt."))
    if minutes.state != MinutesState.CIRCULATED:
        raise ValidationError(_("Genehmigt wird nur ein Entwurf, der den Mitgliedern zugegangen ist."))
    if (
        approved_in.circle_id != meeting.circle_id
        or approved_in.starts_at <= meeting.starts_at
        or approved_in.is_cancelled
        or not approved_in.has_started
    ):
        raise ValidationError(_("Das Protokoll genehmigt eine spätere, bereits begonnene Sitzung desselben Gremiums."))
    minutes.state, minutes.approved_at, minutes.approved_in = MinutesState.APPROVED, timezone.now(), approved_in
    minutes.save(update_fields=["state", "approved_at", "approved_in"])
    audit_record(
        verb=AuditVerb.MINUTES_APPROVED,
        actor=actor,
        target=minutes,
        request=request,
        payload={"approved_in": approved_in.pk},
    )
    return minutes
