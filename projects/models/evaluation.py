"""The Reallabor evaluation: what a project set out to show in its pilot, and what it showed.

Every project in or past the pilot phase keeps one record; its team maintains it (the same right
as for status reports). The public project page and the annual report read only what is marked
public, and never the internal notes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.project import Phase, Project

# The phases in which a project has a pilot behind or around it (Erprobung and later).
EVALUATED_PHASES = [Phase.PILOT, Phase.IMPLEMENTATION, Phase.TRANSFER, Phase.COMPLETED]


class EvaluationResult(models.TextChoices):
    OPEN = "open", _("noch offen")
    CONFIRMED = "confirmed", _("Hypothese bestätigt")
    PARTLY = "partly", _("teilweise bestätigt")
    REFUTED = "refuted", _("nicht bestätigt")


class ProjectEvaluationQuerySet(models.QuerySet):
    def public(self):
        """Shown to the public: marked public, on a public project."""
        return self.filter(is_public=True, project__is_public=True)


class ProjectEvaluation(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation")
    hypothesis = models.TextField(_("Hypothese"), help_text=_("Was die Erprobung zeigen soll."))
    pilot_sites = models.TextField(
        _("Erprobungsorte"), blank=True, help_text=_("Verwaltungen und Orte der Erprobung, eine je Zeile.")
    )
    runtime_start = models.DateField(_("Erprobung von"), null=True, blank=True)
    runtime_end = models.DateField(_("Erprobung bis"), null=True, blank=True)
    experimentation_clause = models.CharField(
        _("Genutzte Experimentierklausel"),
        max_length=300,
        blank=True,
        help_text=_("Rechtsgrundlage, falls eine Experimentierklausel genutzt wurde; sonst leer."),
    )
    result = models.CharField(
        _("Ergebnis"), max_length=20, choices=EvaluationResult.choices, default=EvaluationResult.OPEN
    )
    result_summary = models.TextField(_("Ergebnis in Worten"), blank=True)
    lessons_learned = models.TextField(_("Was wir gelernt haben"), blank=True)
    what_failed = models.TextField(_("Was nicht funktioniert hat"), blank=True)
    internal_notes = models.TextField(_("Interne Notizen"), blank=True, help_text=_("Erscheinen nie öffentlich."))
    is_public = models.BooleanField(
        _("Öffentlich"),
        default=False,
        help_text=_("Auf der öffentlichen Projektseite und im Erfahrungsbericht zeigen."),
    )
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    objects = ProjectEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Evaluation im Reallabor")
        verbose_name_plural = _("Evaluationen im Reallabor")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(runtime_start__isnull=True)
                | models.Q(runtime_end__isnull=True)
                | models.Q(runtime_end__gte=models.F("runtime_start")),
                name="evaluation_runtime_ends_after_start",
                violation_error_message=_("Die Erprobung kann nicht vor ihrem Beginn enden."),
            ),
        ]

    def __str__(self) -> str:
        return _("Evaluation %(project)s") % {"project": self.project.acronym}

    @property
    def pilot_site_list(self) -> list[str]:
        return [line.strip() for line in self.pilot_sites.splitlines() if line.strip()]


class EvaluationIndicator(models.Model):
    """One success indicator: what was to be reached, and what was measured."""

    evaluation = models.ForeignKey(ProjectEvaluation, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("Erfolgsindikator"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    target_value = models.DecimalField(_("Zielwert"), max_digits=12, decimal_places=2)
    measured_value = models.DecimalField(_("Gemessener Wert"), max_digits=12, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Erfolgsindikator")
        verbose_name_plural = _("Erfolgsindikatoren")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_reached(self) -> bool | None:
        """None while nothing was measured; otherwise whether the target was reached."""
        return None if self.measured_value is None else self.measured_value >= self.target_value
