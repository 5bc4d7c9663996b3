"""The work on a project: milestones, status reports and partners' contributions."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Partner, end_not_before_start
from projects.models.project import Project


class MilestoneQuerySet(models.QuerySet):
    def overdue(self, on: date | None = None):
        return self.filter(done_on__isnull=True, due_on__lt=on or timezone.localdate())

    def overdue_as_of(self, day: date):
        """Overdue as things stood on `day`: due before it and not done by then (history for reports).
        From today on that is `overdue()`, as only what is done now is known."""
        if day >= timezone.localdate():
            return self.overdue(day)
        return self.filter(due_on__lt=day).filter(Q(done_on__isnull=True) | Q(done_on__gte=day))

    def overdue_count_per_project(self, on: date | None = None) -> Coalesce:
        """How many of an outer project's milestones are overdue, for `Project` annotations.

        A subquery, not a join: filters on focus areas or participations must not multiply it."""
        overdue = self.overdue(on).filter(project=OuterRef("pk")).order_by().values("project").annotate(n=Count("pk"))
        return Coalesce(Subquery(overdue.values("n")[:1]), 0)


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Meilenstein"), max_length=200)
    due_on = models.DateField(_("Fällig am"))
    done_on = models.DateField(_("Erreicht am"), null=True, blank=True)
    responsible_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("Verantwortlicher Partner"),
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: date | None = None) -> bool:
        return self.done_on is None and self.due_on < (on or timezone.localdate())


class TrafficLight(models.TextChoices):
    GREEN = "green", _("im Plan")
    YELLOW = "yellow", _("gefährdet")
    RED = "red", _("kritisch")


# Worst first: one red light makes the report red, else one yellow makes it yellow.
LIGHTS_WORST_FIRST = (TrafficLight.RED, TrafficLight.YELLOW)
LIGHT_FIELDS = ("schedule", "budget", "scope")


class StatusReportQuerySet(models.QuerySet):
    def with_worst_light(self):
        """Annotate `light`: the worst of the three lights, computed in the database."""
        return self.annotate(
            light=Case(
                *[
                    When(Q(schedule=light) | Q(budget=light) | Q(scope=light), then=Value(light))
                    for light in LIGHTS_WORST_FIRST
                ],
                default=Value(TrafficLight.GREEN),
                output_field=models.CharField(),
            )
        )

    def latest_light_per_project(self) -> Subquery:
        """The worst light of an outer project's latest report (None without a report)."""
        latest = self.filter(project=OuterRef("pk")).order_by("-period_end", "-id").with_worst_light()
        return Subquery(latest.values("light")[:1])


class StatusReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_reports")
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    schedule = models.CharField(_("Zeitplan"), max_length=10, choices=TrafficLight.choices)
    budget = models.CharField(_("Budget"), max_length=10, choices=TrafficLight.choices)
    scope = models.CharField(_("Umfang"), max_length=10, choices=TrafficLight.choices)
    text = models.TextField(_("Bericht (Markdown)"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("Verfasst von")
    )
    created_at = models.DateTimeField(_("Erstellt"), default=timezone.now)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Statusbericht")
        verbose_name_plural = _("Statusberichte")
        ordering = ["-period_end", "-id"]
        get_latest_by = "period_end"
        constraints = [
            end_not_before_start(
                "period_start",
                "period_end",
                "report_period_ends_after_start",
                _("Der Berichtszeitraum kann nicht vor seinem Beginn enden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.acronym} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    @property
    def worst_light(self) -> str:
        lights = {getattr(self, name) for name in LIGHT_FIELDS}
        for light in LIGHTS_WORST_FIRST:
            if light in lights:
                return light
        return TrafficLight.GREEN


class ContributionKind(models.TextChoices):
    PERSON_DAYS = "person_days", _("Personentage")
    EUROS = "euros", _("Euro")
    SERVICE = "service", _("Leistung")


class ContributionState(models.TextChoices):
    PROPOSED = "proposed", _("vorgeschlagen")
    CONFIRMED = "confirmed", _("bestätigt")


class ContributionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=ContributionState.CONFIRMED)


class Contribution(models.Model):
    """What one partner commits to a project. It binds only that partner, and only once one of
    that partner's own representatives has confirmed it (rule 4 of the brief)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("Partner")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=ContributionKind.choices)
    amount = models.DecimalField(
        _("Umfang"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Personentage oder Euro; bei Leistungen leer."),
    )
    description = models.CharField(_("Beschreibung"), max_length=300)
    state = models.CharField(
        _("Status"), max_length=20, choices=ContributionState.choices, default=ContributionState.PROPOSED
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["partner__name", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ContributionKind.SERVICE) | Q(amount__isnull=False, amount__gt=0),
                name="contribution_amount_for_days_and_euros",
                violation_error_message=_("Personentage und Euro brauchen einen Umfang größer als null."),
            ),
            models.CheckConstraint(
                condition=Q(state=ContributionState.PROPOSED) | Q(confirmed_at__isnull=False),
                name="confirmed_contribution_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.description}"

    @property
    def is_confirmed(self) -> bool:
        """Binding for its partner (rule 4 of the brief)."""
        return self.state == ContributionState.CONFIRMED
