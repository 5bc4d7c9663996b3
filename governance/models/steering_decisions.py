"""Decisions of the steering circle: ballots (written procedure) with their votes and delegations,
documents, resolutions with their per-year numbers and per-seat votes. See `governance.models.steering`
for the overview of all steering models.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models.partners import FocusArea
from governance.models.steering import (
    AgendaItem,
    Capacity,
    Meeting,
    RulesOfProcedure,
    SteeringCircle,
    SteeringSeat,
)
from governance.models.steering_requests import SteeringRequest
from kooperationsraum.uploads import validate_document


class BallotState(models.TextChoices):
    OPEN = "open", _("läuft")
    CLOSED = "closed", _("abgeschlossen")


class BallotOutcome(models.TextChoices):
    ADOPTED = "adopted", _("angenommen")
    REJECTED = "rejected", _("abgelehnt")
    REFERRED = "referred", _("wegen Widerspruchs in die nächste Sitzung verwiesen")
    NO_QUORUM = "no_quorum", _("nicht beschlussfähig")


class BallotQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=BallotState.OPEN)

    def due(self, now=None):
        return self.open().filter(deadline__lte=now or timezone.now())


class Ballot(models.Model):
    circle = models.ForeignKey(
        SteeringCircle, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("Lenkungskreis")
    )
    title = models.CharField(_("Titel"), max_length=250)
    motion = models.TextField(_("Beschlussvorschlag"))
    rules = models.ForeignKey(RulesOfProcedure, on_delete=models.PROTECT, related_name="ballots", editable=False)
    opened_at = models.DateTimeField(_("Eröffnet am"), default=timezone.now)
    deadline = models.DateTimeField(_("Frist"))
    state = models.CharField(
        _("Status"), max_length=20, choices=BallotState.choices, default=BallotState.OPEN, db_index=True
    )
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=BallotOutcome.choices, blank=True)
    is_public = models.BooleanField(_("Beschluss öffentlich"), default=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    request = models.ForeignKey(
        SteeringRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ballots",
        verbose_name=_("Antrag"),
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)
    reminded_3_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_1_at = models.DateTimeField(null=True, blank=True, editable=False)
    reported_in = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_ballots",
        verbose_name=_("Im Protokoll der Sitzung"),
    )

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("Umlaufverfahren")
        verbose_name_plural = _("Umlaufverfahren")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opened_at")),
                name="ballot_deadline_after_opening",
                violation_error_message=_("Die Frist muss nach der Eröffnung liegen."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == BallotState.OPEN


class VoteChoice(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nein")
    ABSTAIN = "abstain", _("Enthaltung")
    OBJECTION = "objection", _("Widerspruch")


class BallotVote(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    seat = models.ForeignKey(SteeringSeat, on_delete=models.PROTECT, related_name="ballot_votes")
    choice = models.CharField(_("Stimme"), max_length=20, choices=VoteChoice.choices)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(_("als"), max_length=20, choices=Capacity.choices)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stimme im Umlaufverfahren")
        verbose_name_plural = _("Stimmen im Umlaufverfahren")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "seat"],
                name="one_vote_per_seat_and_ballot",
                violation_error_message=_("Für diesen Sitz wurde bereits abgestimmt."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.ballot}: {self.seat}"


class VoteDelegation(models.Model):
    """A holder hands their vote to the seat's deputy for one meeting or one ballot."""

    seat = models.ForeignKey(SteeringSeat, on_delete=models.PROTECT, related_name="delegations")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="delegations")
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, null=True, blank=True, related_name="delegations")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stimmübertragung")
        verbose_name_plural = _("Stimmübertragungen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(meeting__isnull=False) & Q(ballot__isnull=True))
                | (Q(meeting__isnull=True) & Q(ballot__isnull=False)),
                name="delegation_for_one_meeting_or_ballot",
                violation_error_message=_(
                    "Eine Stimmübertragung gilt für genau eine Sitzung oder ein Umlaufverfahren."
                ),
            ),
            models.UniqueConstraint(fields=["seat", "meeting"], name="one_delegation_per_seat_and_meeting"),
            models.UniqueConstraint(fields=["seat", "ballot"], name="one_delegation_per_seat_and_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.holder} → {self.deputy}"


def steering_document_upload_to(instance: "SteeringDocument", filename: str) -> str:
    return f"steering/{timezone.now():%Y}/{uuid.uuid4().hex[:8]}-{filename}"


class SteeringDocumentQuerySet(models.QuerySet):
    def marked_public(self):
        """Documents marked public. The public sees one only where its agenda item or resolution is
        public as well (`selectors_register.public_documents`, or a prefetch under public items)."""
        return self.filter(is_public=True)


class SteeringDocument(models.Model):
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=steering_document_upload_to, validators=[validate_document])
    is_public = models.BooleanField(_("Öffentlich"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = SteeringDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzungsunterlage")
        verbose_name_plural = _("Sitzungsunterlagen")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=False) ^ Q(ballot__isnull=False),
                name="document_on_agenda_item_or_ballot",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ResolutionResult(models.TextChoices):
    ADOPTED = "adopted", _("angenommen")
    REJECTED = "rejected", _("abgelehnt")
    POSTPONED = "postponed", _("vertagt")


# Only these get a number (the issue: "adopted and rejected resolutions get a number per year").
NUMBERED_RESULTS = {ResolutionResult.ADOPTED, ResolutionResult.REJECTED}


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("intern")
    PUBLIC = "public", _("öffentlich")


class ResolutionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC).exclude(number="")

    def numbered(self):
        return self.exclude(number="")


class ResolutionCounter(models.Model):
    """The last number given per circle and year; its row is locked while a number is taken."""

    circle = models.ForeignKey(SteeringCircle, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["circle", "year"], name="one_counter_per_circle_and_year")]

    def __str__(self) -> str:
        return f"{self.circle.number_prefix}-{self.year}: {self.last}"


class Resolution(models.Model):
    circle = models.ForeignKey(SteeringCircle, on_delete=models.PROTECT, related_name="resolutions")
    number = models.CharField(_("Nummer"), max_length=30, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    number_seq = models.PositiveIntegerField(null=True, blank=True, editable=False)
    title = models.CharField(_("Titel"), max_length=250)
    text = models.TextField(_("Beschlusstext"))
    result = models.CharField(_("Ergebnis"), max_length=20, choices=ResolutionResult.choices)
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    decided_on = models.DateField(_("Beschlossen am"))
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="resolution"
    )
    ballot = models.OneToOneField(Ballot, on_delete=models.PROTECT, null=True, blank=True, related_name="resolution")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    request = models.ForeignKey(
        SteeringRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="resolutions"
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="resolutions", verbose_name=_("Arbeitsschwerpunkte")
    )
    effect = models.CharField(
        _("Folge"), max_length=300, blank=True, help_text=_("Was der Beschluss im Portal bewirkt hat.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["-decided_on", "-number_seq", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "number_year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="resolution_number_unique",
            ),
            models.CheckConstraint(
                condition=~(Q(agenda_item__isnull=False) & Q(ballot__isnull=False)),
                name="resolution_from_item_or_ballot",
            ),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}" if self.number else self.title

    @property
    def is_adopted(self) -> bool:
        return self.result == ResolutionResult.ADOPTED

    @property
    def way(self) -> str:
        return "ballot" if self.ballot_id else "meeting"


class ResolutionVote(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey(SteeringSeat, on_delete=models.PROTECT, related_name="resolution_votes")
    choice = models.CharField(_("Stimme"), max_length=20, choices=VoteChoice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resolution", "seat"], name="one_resolution_vote_per_seat")]

    def __str__(self) -> str:
        return f"{self.seat}: {self.get_choice_display()}"
