"""Requests under the GDPR: a person's copy of their data (Art. 15) and erasures (Art. 17)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportState(models.TextChoices):
    PENDING = "pending", _("wird erstellt")
    READY = "ready", _("bereit zum Herunterladen")
    FAILED = "failed", _("fehlgeschlagen")


class DataExport(models.Model):
    """Everything stored about one person, as a JSON file built by the worker. Deleted after
    RETENTION_DATA_EXPORT_DAYS (privacy notice)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("Person")
    )
    state = models.CharField(_("Status"), max_length=20, choices=ExportState.choices, default=ExportState.PENDING)
    requested_at = models.DateTimeField(_("Angefordert am"), default=timezone.now)
    finished_at = models.DateTimeField(_("Fertig am"), null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("Datenauskunft")
        verbose_name_plural = _("Datenauskünfte")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person.audit_label()} {self.requested_at:%Y-%m-%d}"


class Erasure(models.Model):
    """The record that a person's data was erased: only the pseudonymous account id remains."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure", verbose_name=_("Person")
    )
    erased_at = models.DateTimeField(_("Gelöscht am"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Gelöscht von")
    )

    class Meta:
        verbose_name = _("Löschung (Art. 17 DSGVO)")
        verbose_name_plural = _("Löschungen (Art. 17 DSGVO)")

    def __str__(self) -> str:
        return f"{self.person.audit_label()} {self.erased_at:%Y-%m-%d}"
