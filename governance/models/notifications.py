"""The notification outbox: a message is a row first, written with the change that causes it,
and only then delivered by the Celery worker.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    MEETING_INVITATION = "meeting_invitation", _("Einladung zu einer Sitzung")
    MINUTES_DRAFT = "minutes_draft", _("Protokollentwurf einer Sitzung")
    BALLOT_OPENED = "ballot_opened", _("Neues Umlaufverfahren")
    BALLOT_REMINDER = "ballot_reminder", _("Erinnerung an ein offenes Umlaufverfahren")
    BALLOT_RESULT = "ballot_result", _("Ergebnis eines Umlaufverfahrens")
    SPONSORSHIP_REQUEST = "sponsorship_request", _("Anfrage einer CIO-Patenschaft")
    SPONSORSHIP_DECISION = "sponsorship_decision", _("Entscheidung über eine CIO-Patenschaft")
    SPONSORSHIP_REMINDER = "sponsorship_reminder", _("Erinnerung an eine offene Patenschaftsanfrage")
    REUSE_INQUIRY = "reuse_inquiry", _("Anfrage zur Nachnutzung")
    STEERING_REQUEST = "steering_request", _("Aufnahme- oder Themenantrag")
    REPORT = "report", _("Bericht")
    ACCOUNT = "account", _("Ihr Zugang und Ihre Rollen")


class NotificationState(models.TextChoices):
    PENDING = "pending", _("wartet auf Versand")
    SENDING = "sending", _("wird versandt")
    SENT = "sent", _("versandt")
    FAILED = "failed", _("fehlgeschlagen")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("sofort")
    DAILY_DIGEST = "daily_digest", _("einmal täglich gesammelt")


class NotificationQuerySet(models.QuerySet):
    def for_recipient(self, person):
        return self.filter(recipient=person)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def due(self, *, now=None, stale_after: timedelta):
        """What the sweep hands (back) to the worker: pending ones whose enqueue is older than
        `stale_after` (or never happened), and ones stuck in sending after their claim expired."""
        now = now or timezone.now()
        lease = timedelta(seconds=settings.NOTIFICATION_CLAIM_LEASE)
        pending = (
            Q(state=NotificationState.PENDING, delivery=Delivery.IMMEDIATE)
            & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=now - stale_after))
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        )
        abandoned = Q(state=NotificationState.SENDING, claimed_at__lte=now - lease)
        return self.filter(pending | abandoned)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("Empfänger"),
    )
    kind = models.CharField(_("Art"), max_length=40, choices=NotificationKind.choices)
    subject_de = models.CharField(_("Betreff (deutsch)"), max_length=200)
    subject_en = models.CharField(_("Betreff (englisch)"), max_length=200)
    body_de = models.TextField(_("Text (deutsch)"))
    body_en = models.TextField(_("Text (englisch)"))
    link = models.CharField(
        _("Link im Portal"), max_length=300, blank=True, help_text=_("Pfad, z. B. /arbeitsbereich/…")
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    calendar = models.TextField(_("Kalendereintrag (ICS)"), blank=True)
    delivery = models.CharField(_("Zustellung"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    state = models.CharField(
        _("Status"), max_length=20, choices=NotificationState.choices, default=NotificationState.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    created_at = models.DateTimeField(_("Erstellt"), default=timezone.now, db_index=True)
    enqueued_at = models.DateTimeField(_("Zuletzt eingereiht"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("Versand begonnen"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Versandt"), null=True, blank=True)
    read_at = models.DateTimeField(_("Gelesen"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject_de

    def subject_in(self, language: str) -> str:
        return self.subject_en if language == "en" else self.subject_de

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_de

    @property
    def message_id(self) -> str:
        """Stable across retries, so mail servers can drop a duplicate of the same notification."""
        return f"<notification-{self.pk}@kooperationsraum>"


class NotificationPreference(models.Model):
    """How one person wants one kind of notification: at once, or in a daily digest."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("Art"), max_length=40, choices=NotificationKind.choices)
    delivery = models.CharField(_("Zustellung"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()}: {self.get_delivery_display()}"
