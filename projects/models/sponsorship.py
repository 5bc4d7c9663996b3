"""CIO sponsorships (CIO-Patenschaften): a Land's CIO takes responsibility for a project.

A sponsorship is one request thread between a project and a Land. Each submission is a round;
a declined request can be revised and submitted again, and every round stays on record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from governance.models import Partner, PartnerKind, end_not_before_start
from kooperationsraum.uploads import validate_document
from projects.models.project import Project


class SponsorshipState(models.TextChoices):
    REQUESTED = "requested", _("angefragt")
    APPROVED = "approved", _("übernommen")
    DECLINED = "declined", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    ENDED = "ended", _("beendet")


SPONSORSHIP_TRANSITIONS: dict[str, set[str]] = {
    SponsorshipState.REQUESTED: {SponsorshipState.APPROVED, SponsorshipState.DECLINED, SponsorshipState.WITHDRAWN},
    # Revised after a decline, the request goes to the CIO again as a new round.
    SponsorshipState.DECLINED: {SponsorshipState.REQUESTED},
    SponsorshipState.APPROVED: {SponsorshipState.ENDED},
    SponsorshipState.WITHDRAWN: set(),
    SponsorshipState.ENDED: set(),
}
# A project may have at most one of these per Land at a time.
OPEN_STATES = [SponsorshipState.REQUESTED, SponsorshipState.APPROVED]


class SponsorshipScope(models.TextChoices):
    CONCEPT = "concept", _("Konzeption")
    EXECUTION = "execution", _("Umsetzung")
    BOTH = "both", _("Konzeption und Umsetzung")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Projekt abgeschlossen")
    HANDED_OVER = "handed_over", _("an ein anderes Land übergeben")


class SponsorshipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=SponsorshipState.APPROVED)

    def pending(self):
        return self.filter(state=SponsorshipState.REQUESTED)


class Sponsorship(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="sponsorships", verbose_name=_("Projekt")
    )
    land = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="sponsorships",
        limit_choices_to={"kind": PartnerKind.LAND},
        verbose_name=_("Land"),
    )
    scope = models.CharField(_("Umfang"), max_length=20, choices=SponsorshipScope.choices)
    term_start = models.DateField(_("Laufzeit von"))
    term_end = models.DateField(
        _("Laufzeit bis"), null=True, blank=True, help_text=_("Leer lassen, wenn bis zum Projektende.")
    )
    justification = models.TextField(_("Begründung"))
    state = models.CharField(
        _("Status"), max_length=20, choices=SponsorshipState.choices, default=SponsorshipState.REQUESTED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Angefragt von")
    )
    requested_at = models.DateTimeField(_("Angefragt am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Entschieden von"),
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    decision_reason = models.TextField(_("Begründung der Entscheidung"), blank=True)
    ended_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)
    end_reason = models.CharField(_("Grund des Endes"), max_length=20, choices=EndReason.choices, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SponsorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("CIO-Patenschaft")
        verbose_name_plural = _("CIO-Patenschaften")
        ordering = ["-requested_at", "-id"]
        permissions = [("decide_sponsorship", _("über eine Patenschaftsanfrage entscheiden (Delegation)"))]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "land"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_sponsorship_per_project_and_land",
                violation_error_message=_(
                    "Für dieses Projekt und dieses Land gibt es bereits eine offene "
                    "Anfrage oder eine laufende Patenschaft."
                ),
            ),
            end_not_before_start(
                "term_start",
                "term_end",
                "sponsorship_term_ends_after_start",
                _("Die Laufzeit kann nicht enden, bevor sie beginnt."),
            ),
        ]

    def __str__(self) -> str:
        return _("CIO-Patenschaft %(land)s für %(project)s") % {"land": self.land, "project": self.project.acronym}

    def get_absolute_url(self) -> str:
        return reverse("projects:sponsorship-detail", args=[self.pk])

    def can_transition_to(self, state: str) -> bool:
        return state in SPONSORSHIP_TRANSITIONS.get(self.state, set())

    @property
    def is_requested(self) -> bool:
        """Open for a decision (the CIO's inbox, the decision form)."""
        return self.state == SponsorshipState.REQUESTED

    @property
    def is_ended(self) -> bool:
        return self.state == SponsorshipState.ENDED


class RoundOutcome(models.TextChoices):
    APPROVED = "approved", _("übernommen")
    DECLINED = "declined", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class SponsorshipRound(models.Model):
    """One submission of the request, as the CIO saw it, and what became of it."""

    sponsorship = models.ForeignKey(Sponsorship, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("Runde"))
    scope = models.CharField(_("Umfang"), max_length=20, choices=SponsorshipScope.choices)
    term_start = models.DateField(_("Laufzeit von"))
    term_end = models.DateField(_("Laufzeit bis"), null=True, blank=True)
    justification = models.TextField(_("Begründung"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=RoundOutcome.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("Begründung der Entscheidung"), blank=True)

    class Meta:
        verbose_name = _("Anfragerunde")
        verbose_name_plural = _("Anfragerunden")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["sponsorship", "number"], name="one_round_number")]

    def __str__(self) -> str:
        return f"{self.sponsorship} · {self.number}"


def attachment_upload_to(instance: "SponsorshipAttachment", filename: str) -> str:
    return f"sponsorships/{instance.sponsorship_id}/{filename}"


class SponsorshipAttachment(models.Model):
    sponsorship = models.ForeignKey(Sponsorship, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=attachment_upload_to, validators=[validate_document])
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")

    def __str__(self) -> str:
        return self.title


class SponsorshipUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Sponsorship, on_delete=models.CASCADE)


class SponsorshipGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Sponsorship, on_delete=models.CASCADE)
