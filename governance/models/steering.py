"""The steering circle (Lenkungskreis): seats, meetings, agendas, minutes, resolutions, ballots.

This module holds the circle, its rules, seats, meetings, agenda, attendance, minutes and requests;
`governance.models.steering_decisions` holds ballots, votes, delegations, documents and resolutions.

Models, in short (all in `governance`, which must not import `projects`):

- `SteeringCircle`: the body that decides (OParl Body/Organization); `number_prefix` "LK" makes
  resolution numbers like LK-2026-07.
- `RulesOfProcedure`: the circle's rules as data, versioned by `valid_from` (a ballot keeps the
  version it was opened under): majority (`Majority`) of a base (`MajorityBase`), how silence counts
  (`Silence`), whether an objection refers the matter to the next meeting, quorum in percent of seats,
  minimum and default ballot deadline in days.
- `SteeringSeat`: one per member partner and circle. Holder and deputy are NOT stored here: they are
  the partner's current `RoleAssignment`s with `Role.STEERING_MEMBER` / `Role.STEERING_DEPUTY` (one
  source of truth; see `governance.selectors_steering.seat_people`).
- `VoteDelegation`: a holder hands their vote to the seat's deputy for exactly one meeting or one
  ballot.
- `Meeting` (state planned → invited → cancelled; `sequence` counts ICS updates, `uid` is stable),
  `AgendaItem` (numbered per meeting, kind information/discussion/decision, `is_public`, optional
  linked subject through a generic relation, e.g. a project gate or a sponsorship, or a
  `SteeringRequest`; `discussion_summary` is its part of the minutes), `SteeringDocument` (file
  on an agenda item or a ballot), `MeetingResponse` (a person confirms or declines),
  `Attendance` (the secretariat records who represented a seat: holder or deputy).
- `Minutes`: one per meeting, draft → circulated → approved (by a later meeting, `approved_in`);
  approved minutes are locked.
- `Ballot` (Umlaufverfahren): motion, deadline, rules version, state open → closed, `outcome` of
  the count; `BallotVote` is one vote per seat (yes/no/abstain/objection) with who cast it and in
  which capacity. `reported_in` is the meeting whose minutes list the result.
- `Resolution` (Beschluss): from an agenda item or a ballot, text, result
  adopted/rejected/postponed, `visibility` internal/public, `number` (LK-YYYY-NN, only for adopted and
  rejected, gap-free per circle and year through `ResolutionCounter`), optional subject (generic
  relation: a later app's object, e.g. `projects.Project` for a phase gate or `projects.Sponsorship`
  to confirm it; what adopting does is registered by that app in `governance.steering_effects`),
  optional `request`; `ResolutionVote` holds the votes per seat of a meeting resolution.
- `SteeringRequest`: a request to join a network (partner + network) or to add a focus area; an
  adopted resolution creates the `NetworkMembership` or the `FocusArea`.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models.partners import Network, Partner


class SteeringCircle(models.Model):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=80, unique=True)
    number_prefix = models.CharField(_("Kürzel für Beschlussnummern"), max_length=10, default="LK")
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="steering_circles"
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Lenkungskreis")
        verbose_name_plural = _("Lenkungskreise")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Majority(models.TextChoices):
    SIMPLE = "simple", _("einfache Mehrheit (mehr Ja- als Nein-Stimmen)")
    ABSOLUTE = "absolute", _("absolute Mehrheit (mehr als die Hälfte)")
    TWO_THIRDS = "two_thirds", _("Zwei-Drittel-Mehrheit")
    UNANIMITY = "unanimity", _("Einstimmigkeit")


class MajorityBase(models.TextChoices):
    CAST = "cast", _("der abgegebenen Stimmen")
    ALL_SEATS = "all_seats", _("aller Sitze")


class Silence(models.TextChoices):
    ABSTENTION = "abstention", _("Schweigen gilt als Enthaltung")
    CONSENT = "consent", _("Schweigen gilt als Zustimmung")
    IGNORED = "ignored", _("Schweigen zählt nicht")


class RulesOfProcedure(models.Model):
    """One version of a circle's rules of procedure; the newest with `valid_from` ≤ today applies."""

    circle = models.ForeignKey(SteeringCircle, on_delete=models.CASCADE, related_name="rules")
    valid_from = models.DateField(_("Gültig ab"), default=timezone.localdate)
    majority = models.CharField(_("Mehrheit"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE)
    majority_base = models.CharField(
        _("Bezugsgröße"), max_length=20, choices=MajorityBase.choices, default=MajorityBase.CAST
    )
    silence = models.CharField(
        _("Schweigen im Umlaufverfahren"), max_length=20, choices=Silence.choices, default=Silence.IGNORED
    )
    objection_refers = models.BooleanField(_("Widerspruch verweist in die nächste Sitzung"), default=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("Beschlussfähigkeit (Prozent der Sitze)"),
        default=51,
        help_text=_("Anteil der Sitze, die vertreten sein oder abstimmen müssen."),
    )
    min_deadline_days = models.PositiveSmallIntegerField(_("Mindestfrist (Tage)"), default=3)
    default_deadline_days = models.PositiveSmallIntegerField(_("Regelfrist (Tage)"), default=14)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Geschäftsordnung")
        verbose_name_plural = _("Geschäftsordnungen")
        ordering = ["circle", "-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100),
                name="rules_quorum_at_most_100",
                violation_error_message=_("Die Beschlussfähigkeit kann höchstens 100 Prozent betragen."),
            ),
            models.CheckConstraint(
                condition=Q(default_deadline_days__gte=models.F("min_deadline_days")),
                name="rules_default_deadline_not_below_minimum",
                violation_error_message=_("Die Regelfrist darf nicht kürzer als die Mindestfrist sein."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.circle} ({self.valid_from:%d.%m.%Y})"

    def quorum_seats(self, seats: int) -> int:
        """How many of `seats` must take part: the quorum percentage, rounded up."""
        return -(-seats * self.quorum_percent // 100)


class SteeringSeat(models.Model):
    circle = models.ForeignKey(
        SteeringCircle, on_delete=models.PROTECT, related_name="seats", verbose_name=_("Lenkungskreis")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="steering_seats", verbose_name=_("Partner")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Sitz im Lenkungskreis")
        verbose_name_plural = _("Sitze im Lenkungskreis")
        ordering = ["circle", "position", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "partner"],
                name="one_seat_per_partner_and_circle",
                violation_error_message=_("Dieser Partner hat in diesem Lenkungskreis bereits einen Sitz."),
            )
        ]

    def __str__(self) -> str:
        return str(self.partner)


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("in Planung")
    INVITED = "invited", _("eingeladen")
    CANCELLED = "cancelled", _("abgesagt")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).exclude(state=MeetingState.CANCELLED)

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Meeting(models.Model):
    circle = models.ForeignKey(
        SteeringCircle, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("Lenkungskreis")
    )
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    video_link = models.URLField(_("Link zur Videokonferenz"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Sitzungsleitung"),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED, db_index=True
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invited_at = models.DateTimeField(_("Eingeladen am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Das Ende der Sitzung muss nach ihrem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_link=""),
                name="meeting_has_place_or_link",
                violation_error_message=_("Bitte geben Sie einen Ort oder einen Link zur Videokonferenz an."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    @property
    def is_cancelled(self) -> bool:
        return self.state == MeetingState.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Aussprache")
    DECISION = "decision", _("Beschluss")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=250)
    presenter = models.CharField(
        _("Vortragende Stelle"), max_length=200, blank=True, help_text=_("Z. B. Partner oder Geschäftsstelle.")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.INFORMATION)
    description = models.TextField(_("Erläuterung"), blank=True)
    is_public = models.BooleanField(_("Öffentlich"), default=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    request = models.ForeignKey(
        "governance.SteeringRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("Antrag"),
    )
    discussion_summary = models.TextField(_("Ergebnis der Aussprache (Protokoll)"), blank=True)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique",
                violation_error_message=_("Diese Nummer ist in der Tagesordnung bereits vergeben."),
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"TOP {self.number}: {self.title}"

    def deletion_refusal(self) -> str | None:
        """Why this item cannot be deleted now, or None (page and service ask this). Once the
        meeting has begun, the item belongs to what happened: it is dealt with in the minutes."""
        if hasattr(self, "resolution"):
            return _("Zu diesem Tagesordnungspunkt ist bereits ein Beschluss erfasst; er kann nicht gelöscht werden.")
        if self.meeting.is_cancelled:
            return _("Die Sitzung ist abgesagt; ihre Tagesordnung wird nicht mehr geändert.")
        if self.meeting.has_started:
            return _(
                "Die Sitzung hat bereits begonnen; ihre Tagesordnungspunkte werden nicht mehr gelöscht, "
                "sondern im Protokoll behandelt."
            )
        return None

    @property
    def is_deletable(self) -> bool:
        return self.deletion_refusal() is None


class Capacity(models.TextChoices):
    HOLDER = "holder", _("Mitglied")
    DEPUTY = "deputy", _("Stellvertretung")


class ResponseChoice(models.TextChoices):
    CONFIRMED = "confirmed", _("nimmt teil")
    DECLINED = "declined", _("sagt ab")


class MeetingResponse(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    response = models.CharField(_("Rückmeldung"), max_length=20, choices=ResponseChoice.choices)
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_response_per_person")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_response_display()}"


class Attendance(models.Model):
    """Who represented a seat in a meeting, as the secretariat recorded it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    seat = models.ForeignKey(SteeringSeat, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(_("als"), max_length=20, choices=Capacity.choices)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="one_attendance_per_seat")]

    def __str__(self) -> str:
        return f"{self.seat}: {self.person} ({self.get_capacity_display()})"


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    CIRCULATED = "circulated", _("Entwurf versandt")
    APPROVED = "approved", _("genehmigt")


class Minutes(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    state = models.CharField(_("Status"), max_length=20, choices=MinutesState.choices, default=MinutesState.DRAFT)
    notes = models.TextField(_("Allgemeine Hinweise"), blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_in = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("Genehmigt in der Sitzung"),
    )

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self) -> str:
        return _("Protokoll: %(meeting)s") % {"meeting": self.meeting}

    @property
    def is_locked(self) -> bool:
        return self.state == MinutesState.APPROVED
