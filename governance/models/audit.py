"""The audit trail: append-only, and each event chained to the one before by a SHA-256 hash.

Altering or deleting a row through the database breaks the chain at that row, which
`manage.py audit_verify` reports. Through the application, rows can only be added.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditVerb(models.TextChoices):
    """The fixed list of governance actions that are recorded."""

    ROLE_GRANTED = "role.granted", _("Rolle vergeben")
    ROLE_CHANGED = "role.changed", _("Rolle geändert")
    MEMBERSHIP_ADDED = "membership.added", _("Mitgliedschaft eingetragen")
    MEMBERSHIP_CHANGED = "membership.changed", _("Mitgliedschaft geändert")
    MEMBERSHIP_REMOVED = "membership.removed", _("Mitgliedschaft gelöscht")
    PERSON_ACCESS_CHANGED = "person.access_changed", _("Zugang einer Person geändert")
    NOTIFICATION_RETRIED = "notification.retried", _("Benachrichtigung erneut versandt")
    AUDIT_EXPORTED = "audit.exported", _("Protokoll exportiert")
    SPONSORSHIP_REQUESTED = "sponsorship.requested", _("Patenschaft angefragt")
    SPONSORSHIP_APPROVED = "sponsorship.approved", _("Patenschaft übernommen")
    SPONSORSHIP_DECLINED = "sponsorship.declined", _("Patenschaft abgelehnt")
    SPONSORSHIP_WITHDRAWN = "sponsorship.withdrawn", _("Patenschaftsanfrage zurückgezogen")
    SPONSORSHIP_ENDED = "sponsorship.ended", _("Patenschaft beendet")
    SPONSORSHIP_DELEGATED = "sponsorship.delegated", _("Entscheidung über Patenschaft übertragen")
    PROJECT_CREATED = "project.created", _("Projekt angelegt")
    PROJECT_CHANGED = "project.changed", _("Projekt geändert")
    PROJECT_PHASE_CHANGED = "project.phase_changed", _("Projektphase geändert")
    PROJECT_TEAM_CHANGED = "project.team_changed", _("Projektteam geändert")
    MILESTONE_SAVED = "project.milestone_saved", _("Meilenstein gepflegt")
    STATUS_REPORT_FILED = "project.status_report_filed", _("Statusbericht erstellt")
    CONTRIBUTION_PROPOSED = "contribution.proposed", _("Beitrag vorgeschlagen")
    CONTRIBUTION_CONFIRMED = "contribution.confirmed", _("Beitrag bestätigt")
    PROJECTS_IMPORTED = "project.imported", _("Projekte importiert")
    SOLUTION_CREATED = "solution.created", _("Lösung angelegt")
    SOLUTION_CHANGED = "solution.changed", _("Lösung geändert")
    SOLUTION_PUBLISHED = "solution.published", _("Lösung veröffentlicht")
    SOLUTION_UNPUBLISHED = "solution.unpublished", _("Lösung zurückgezogen")
    ADOPTION_CHANGED = "adoption.changed", _("Nachnutzung geändert")
    RESOLUTION_ADOPTED = "resolution.adopted", _("Beschluss gefasst")
    VOTE_CAST = "ballot.vote_cast", _("Stimme abgegeben")
    SEAT_CHANGED = "steering.seat_changed", _("Sitz im Lenkungskreis geändert")
    RULES_CHANGED = "steering.rules_changed", _("Geschäftsordnung geändert")
    VOTE_DELEGATED = "steering.vote_delegated", _("Stimme übertragen")
    MEETING_SAVED = "meeting.saved", _("Sitzung gepflegt")
    MEETING_INVITED = "meeting.invited", _("Zur Sitzung eingeladen")
    MEETING_CANCELLED = "meeting.cancelled", _("Sitzung abgesagt")
    AGENDA_CHANGED = "meeting.agenda_changed", _("Tagesordnung geändert")
    ATTENDANCE_RECORDED = "meeting.attendance_recorded", _("Anwesenheit erfasst")
    RESOLUTION_RECORDED = "resolution.recorded", _("Beschluss erfasst (abgelehnt oder vertagt)")
    MINUTES_CHANGED = "minutes.changed", _("Protokoll bearbeitet")
    MINUTES_CIRCULATED = "minutes.circulated", _("Protokollentwurf versandt")
    MINUTES_APPROVED = "minutes.approved", _("Protokoll genehmigt")
    BALLOT_OPENED = "ballot.opened", _("Umlaufverfahren eröffnet")
    BALLOT_CLOSED = "ballot.closed", _("Umlaufverfahren abgeschlossen")
    STEERING_REQUEST_FILED = "steering.request_filed", _("Aufnahme- oder Themenantrag eingereicht")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Person"),
        help_text=_("Leer, wenn das System gehandelt hat."),
    )
    # A snapshot, so the trail still reads correctly after a person's name or address changes.
    actor_label = models.CharField(_("Handelnde Stelle"), max_length=254)
    verb = models.CharField(_("Vorgang"), max_length=40, choices=AuditVerb.choices, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Objektart")
    )
    target_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(_("Objekt"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    user_agent = models.CharField(_("Browser"), max_length=300, blank=True)
    payload = models.JSONField(_("Änderung"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    previous_hash = models.CharField(max_length=64, unique=True, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_verb_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")

    def content(self) -> dict:
        """Everything the hash covers, in a stable form."""
        return {
            "previous_hash": self.previous_hash,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "verb": self.verb,
            "target_type_id": self.target_type_id,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "ip_address": self.ip_address,
            "user_agent": self.user_agent,
            "payload": self.payload,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(self.content(), sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()
