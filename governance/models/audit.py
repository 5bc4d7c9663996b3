"""The audit trail: append-only, each event chained to the one before.

Since chain version 2 every link is a keyed hash (HMAC-SHA256) whose key (`AUDIT_HMAC_KEY`) lives
in the environment, never in the database: whoever can write the table but does not hold the key
cannot re-chain after a change. Events written before the switch keep their plain SHA-256 links
(version 1) and are verified that way; the first version-2 event (`audit.chain_switched`, written by
migration 0008) is keyed and covers the hash of the last version-1 event, which seals them.

What the chain covers holds no personal data in version 2: the actor is a pseudonymous reference
("Person #17"), and the browser's address and user agent enter only as a keyed digest, so they
can be forgotten after their retention period (or on erasure) while the chain still verifies.
"""

import hashlib
import hmac
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class ChainVersion(models.IntegerChoices):
    SHA256 = 1, _("SHA-256 ohne Schlüssel (vor der Umstellung)")
    HMAC = 2, _("HMAC-SHA256 mit Schlüssel")


def person_ref(person) -> str:
    """The pseudonymous reference the audit trail uses for a person: stable, and meaningless
    once the person's account has been erased."""
    return f"Person #{person.pk}"


def audit_label(target) -> str:
    """What the trail calls an object: its own pseudonymous label where it names a person."""
    label = target.audit_label() if hasattr(target, "audit_label") else str(target)
    return label[:300]


def canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


@lru_cache(maxsize=8)
def _derive(key: str, purpose: str) -> bytes:
    return hmac.new(key.encode(), purpose.encode(), hashlib.sha256).digest()


def chain_key(purpose: str = "chain") -> bytes:
    """A key per purpose, derived from AUDIT_HMAC_KEY, so a checkpoint signature never doubles
    as a chain link."""
    return _derive(settings.AUDIT_HMAC_KEY, purpose)


def keyed_digest(content: dict, purpose: str = "chain") -> str:
    return hmac.new(chain_key(purpose), canonical(content), hashlib.sha256).hexdigest()


def client_digest(ip_address: str | None, user_agent: str) -> str:
    """Covers the address and browser in the chain without keeping them in it."""
    if not ip_address and not user_agent:
        return ""
    return keyed_digest({"ip_address": ip_address, "user_agent": user_agent}, purpose="client")


def v1_content(values: dict) -> dict:
    """What a version-1 hash covered (kept unchanged so old events still verify)."""
    return {
        "previous_hash": values["previous_hash"],
        "occurred_at": values["occurred_at"].isoformat(),
        "actor_id": values["actor_id"],
        "actor_label": values["actor_label"],
        "verb": values["verb"],
        "target_type_id": values["target_type_id"],
        "target_id": values["target_id"],
        "target_label": values["target_label"],
        "ip_address": values["ip_address"],
        "user_agent": values["user_agent"],
        "payload": values["payload"],
    }


def v2_content(values: dict) -> dict:
    return {
        "chain_version": 2,
        "sequence": values["sequence"],
        "previous_hash": values["previous_hash"],
        "occurred_at": values["occurred_at"].isoformat(),
        "actor_id": values["actor_id"],
        "actor_label": values["actor_label"],
        "verb": values["verb"],
        "target_type_id": values["target_type_id"],
        "target_id": values["target_id"],
        "target_label": values["target_label"],
        "client_digest": values["client_digest"],
        "payload": values["payload"],
    }


def link_hash(values: dict) -> str:
    """The hash an event with these field values must carry."""
    if values["chain_version"] == ChainVersion.SHA256:
        return hashlib.sha256(canonical(v1_content(values))).hexdigest()
    return keyed_digest(v2_content(values))


class AuditVerb(models.TextChoices):
    """The fixed list of governance actions that are recorded."""

    ROLE_GRANTED = "role.granted", _("Rolle vergeben")
    ROLE_CHANGED = "role.changed", _("Rolle geändert")
    MEMBERSHIP_ADDED = "membership.added", _("Mitgliedschaft eingetragen")
    MEMBERSHIP_CHANGED = "membership.changed", _("Mitgliedschaft geändert")
    MEMBERSHIP_REMOVED = "membership.removed", _("Mitgliedschaft gelöscht")
    ROLE_PROPOSED = "role.proposed", _("Rollenvergabe vorgeschlagen")
    ROLE_GRANT_CONFIRMED = "role.grant_confirmed", _("Rollenvergabe bestätigt")
    ROLE_GRANT_DECLINED = "role.grant_declined", _("Rollenvergabe abgelehnt")
    PERSON_ACCESS_CHANGED = "person.access_changed", _("Zugang einer Person geändert")
    PERSON_INVITED = "person.invited", _("Person eingeladen")
    PASSWORD_SET_BREAK_GLASS = "person.password_break_glass", _("Passwort im Notfallzugang gesetzt")
    PERSON_ERASED = "person.erased", _("Personendaten gelöscht (Art. 17 DSGVO)")
    PERSON_DATA_EXPORTED = "person.data_exported", _("Auskunft erteilt (Art. 15 DSGVO)")
    NOTIFICATION_RETRIED = "notification.retried", _("Benachrichtigung erneut versandt")
    AUDIT_EXPORTED = "audit.exported", _("Protokoll exportiert")
    AUDIT_CHAIN_SWITCHED = "audit.chain_switched", _("Protokollkette auf HMAC umgestellt")
    RETENTION_ENFORCED = "privacy.retention_enforced", _("Aufbewahrungsfristen durchgesetzt")
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
    LOGIN_SUCCEEDED = "auth.login", _("Anmeldung")
    LOGIN_FAILED = "auth.login_failed", _("Anmeldung fehlgeschlagen")
    LOGOUT = "auth.logout", _("Abmeldung")
    PASSWORD_CHANGED = "auth.password_changed", _("Passwort geändert")
    PASSWORD_RESET = "auth.password_reset", _("Passwort zurückgesetzt")
    MFA_VERIFIED = "mfa.verified", _("Zweiter Faktor bestätigt")
    MFA_ENROLLED = "mfa.enrolled", _("Zweiter Faktor eingerichtet")
    MFA_REMOVED = "mfa.removed", _("Zweiter Faktor entfernt")
    MFA_RECOVERY_CODE_USED = "mfa.recovery_code_used", _("Wiederherstellungscode verwendet")
    MFA_RECOVERY_CODES_RENEWED = "mfa.recovery_codes_renewed", _("Wiederherstellungscodes erneuert")
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
    STEERING_REQUEST_WITHDRAWN = "steering.request_withdrawn", _("Aufnahme- oder Themenantrag zurückgezogen")
    STEERING_REQUEST_PARTNER_ASSIGNED = "steering.request_partner_assigned", _("Antrag einem Partner zugeordnet")
    AGENDA_ITEM_DELETED = "meeting.agenda_item_deleted", _("Tagesordnungspunkt gelöscht")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")

    def forget_client_details(self) -> int:
        """Drop address and browser (retention period over, or the person erased). Only version-2
        events: their chain covers a digest of these, not the values. The database trigger
        allows exactly this one change."""
        keyed = self.filter(chain_version=ChainVersion.HMAC).exclude(ip_address__isnull=True, user_agent="")
        return super(AuditEventQuerySet, keyed).update(ip_address=None, user_agent="")


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(_("Laufende Nummer"), unique=True, editable=False)
    chain_version = models.PositiveSmallIntegerField(
        _("Kettenversion"), choices=ChainVersion.choices, default=ChainVersion.HMAC, editable=False
    )
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
    # Version 2: a pseudonymous reference ("Person #17"); the name is read from the account, so
    # erasing the account leaves the trail readable, verifiable and free of the person's data.
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
    client_digest = models.CharField(max_length=64, blank=True, editable=False)
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

    def values(self) -> dict:
        return {field: getattr(self, field) for field in CHAINED_FIELDS}

    def compute_hash(self) -> str:
        return link_hash(self.values())

    def client_details_intact(self) -> bool:
        """Version 2: address and browser, where still kept, are the ones the chain covers."""
        if self.chain_version == ChainVersion.SHA256 or (self.ip_address is None and not self.user_agent):
            return True
        return hmac.compare_digest(client_digest(self.ip_address, self.user_agent), self.client_digest)


CHAINED_FIELDS = [
    "chain_version",
    "sequence",
    "previous_hash",
    "occurred_at",
    "actor_id",
    "actor_label",
    "verb",
    "target_type_id",
    "target_id",
    "target_label",
    "ip_address",
    "user_agent",
    "client_digest",
    "payload",
]
