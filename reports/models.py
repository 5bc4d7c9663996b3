"""Report runs: one row per kind and period, claimed under a lock, produced and sent once."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", _("Wochenbericht der Geschäftsstelle")
    MONTHLY = "monthly", _("Monatlicher Statusbericht für den Lenkungskreis")
    ANNUAL = "annual", _("Erfahrungsbericht")
    MINUTES = "minutes", _("Protokoll einer Sitzung")


class RunState(models.TextChoices):
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("wird erstellt")
    DONE = "done", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


class Trigger(models.TextChoices):
    SCHEDULE = "schedule", _("Zeitplan")
    WORKSPACE = "workspace", _("Arbeitsbereich")
    COMMAND = "command", _("Kommandozeile")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"


CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def period_label(kind: str, key: str) -> str:
    """How people name a period: "KW 48/2026" for the week key 2026-W48, "11/2026" for 2026-11."""
    if kind == ReportKind.WEEKLY and "-W" in key:
        return _("KW %(week)s/%(year)s") % {"week": key[-2:], "year": key[:4]}
    if kind == ReportKind.MONTHLY and len(key) == 7:
        return f"{key[5:]}/{key[:4]}"
    return key


class ReportRun(models.Model):
    kind = models.CharField(_("Berichtsart"), max_length=20, choices=ReportKind.choices)
    period = models.CharField(_("Zeitraum"), max_length=12)
    state = models.CharField(_("Stand"), max_length=20, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    trigger = models.CharField(_("Anlass"), max_length=20, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="addressed_reports", verbose_name=_("Empfänger")
    )
    summary = models.JSONField(_("Kennzahlen"), default=dict, blank=True)
    body_html = models.TextField(_("Inhalt (HTML)"), blank=True, editable=False)
    error = models.TextField(_("Fehler"), blank=True)
    created_at = models.DateTimeField(_("Angefordert"), default=timezone.now)
    claimed_at = models.DateTimeField(_("Begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Fertig"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Versandt"), null=True, blank=True)
    published_at = models.DateTimeField(_("Veröffentlicht"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        ordering = ["-created_at", "-id"]
        constraints = [
            # The idempotency of every run rests on this: one report per kind and period.
            models.UniqueConstraint(fields=["kind", "period"], name="one_report_per_kind_and_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("reports:run-detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return period_label(self.kind, self.period)

    @property
    def is_active(self) -> bool:
        return self.state in (RunState.QUEUED, RunState.RUNNING)

    def notification_attachments(self) -> list[tuple[str, bytes, str]]:
        """What the outbox attaches to the e-mail announcing this report (see notification_email)."""
        attachments = []
        for report_file in self.files.all():
            with report_file.file.open("rb") as handle:
                attachments.append((report_file.filename, handle.read(), CONTENT_TYPES[report_file.format]))
        return attachments


def report_upload_to(instance: "ReportFile", filename: str) -> str:
    return f"reports/{instance.run.kind}/{instance.run.period}/{filename}"


class ReportFile(models.Model):
    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("Format"), max_length=10, choices=FileFormat.choices)
    file = models.FileField(_("Datei"), upload_to=report_upload_to)
    size = models.PositiveIntegerField(_("Größe (Bytes)"), default=0)

    class Meta:
        verbose_name = _("Berichtsdatei")
        verbose_name_plural = _("Berichtsdateien")
        ordering = ["format"]
        constraints = [models.UniqueConstraint(fields=["run", "format"], name="one_file_per_format")]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
