"""Projects: phases as an explicit state machine, partners with their roles, the team."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from governance.models import FocusArea, Partner, end_not_before_start
from kooperationsraum.uploads import validate_document


class Phase(models.TextChoices):
    """The gate model: each open phase leads to the next one, or the project is stopped."""

    IDEA = "idea", _("Idee")
    CONCEPT = "concept", _("Konzept")
    PILOT = "pilot", _("Erprobung")
    IMPLEMENTATION = "implementation", _("Umsetzung und Verstetigung")
    TRANSFER = "transfer", _("Transfer")
    COMPLETED = "completed", _("Abgeschlossen")
    STOPPED = "stopped", _("Gestoppt")


PHASE_ORDER = [Phase.IDEA, Phase.CONCEPT, Phase.PILOT, Phase.IMPLEMENTATION, Phase.TRANSFER, Phase.COMPLETED]
CLOSED_PHASES = {Phase.COMPLETED, Phase.STOPPED}
PHASE_TRANSITIONS: dict[str, set[str]] = {
    phase: ({PHASE_ORDER[i + 1], Phase.STOPPED} if phase not in CLOSED_PHASES else set())
    for i, phase in enumerate(PHASE_ORDER[:-1])
} | {Phase.COMPLETED: set(), Phase.STOPPED: set()}


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def open(self):
        return self.exclude(phase__in=CLOSED_PHASES)


class Project(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    acronym = models.CharField(_("Kürzel"), max_length=30)
    slug = models.SlugField(
        _("Kurzadresse"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("Diese Kurzadresse ist bereits vergeben.")},
    )
    summary = models.TextField(_("Öffentliche Kurzbeschreibung"), max_length=600)
    description = models.TextField(_("Beschreibung (Markdown)"), blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="projects", verbose_name=_("Arbeitsschwerpunkte")
    )
    lead_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("Federführender Partner")
    )
    partners = models.ManyToManyField(
        Partner, through="Participation", related_name="projects", verbose_name=_("Beteiligte Partner")
    )
    phase = models.CharField(_("Phase"), max_length=20, choices=Phase.choices, default=Phase.IDEA, db_index=True)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    planned_end_date = models.DateField(_("Geplantes Ende"), null=True, blank=True)
    is_public = models.BooleanField(
        _("Öffentlich"), default=False, help_text=_("Öffentliche Projekte erscheinen auf der Transferplattform.")
    )
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["title"]
        permissions = [
            ("edit_progress", _("Meilensteine und Statusberichte pflegen")),
        ]
        # The portfolio's default order: its page of ids comes from this index (projects/views/workspace.py).
        indexes = [models.Index(fields=["title", "id"], name="project_title_id")]
        constraints = [
            models.UniqueConstraint(
                Lower("acronym"),
                name="project_acronym_unique",
                violation_error_message=_("Dieses Kürzel ist bereits vergeben."),
            ),
            end_not_before_start(
                "start_date",
                "planned_end_date",
                "project_ends_after_start",
                _("Das geplante Ende kann nicht vor dem Beginn liegen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acronym}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project-detail", args=[self.slug])

    def can_transition_to(self, phase: str) -> bool:
        return phase in PHASE_TRANSITIONS.get(self.phase, set())

    @property
    def is_closed(self) -> bool:
        return self.phase in CLOSED_PHASES


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Federführung")
    PARTNER = "partner", _("Projektpartner")
    PILOT = "pilot", _("Erprobung im Reallabor")
    ASSOCIATED = "associated", _("Assoziiert")


class Participation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="participations", verbose_name=_("Partner")
    )
    role = models.CharField(
        _("Rolle im Projekt"), max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.PARTNER
    )

    class Meta:
        verbose_name = _("Beteiligung")
        verbose_name_plural = _("Beteiligungen")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "partner"],
                name="one_participation_per_partner",
                violation_error_message=_("Dieser Partner ist bereits beteiligt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_role_display()})"

    @property
    def is_removable(self) -> bool:
        """The lead partner always participates (`project_participation_remove` refuses it)."""
        return self.partner_id != self.project.lead_partner_id


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Projektleitung")
    CONTACT = "contact", _("Ansprechperson eines Partners")


class TeamMember(models.Model):
    """A person working on the project; the service grants their object permissions."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_teams", verbose_name=_("Person")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("Projektteam")
        verbose_name_plural = _("Projektteam")
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="one_team_role_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class LinkKind(models.TextChoices):
    REPOSITORY = "repository", _("Quellcode")
    WEBSITE = "website", _("Website")
    DOCUMENTATION = "documentation", _("Dokumentation")
    OTHER = "other", _("Sonstiges")


class ProjectLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("Art"), max_length=20, choices=LinkKind.choices, default=LinkKind.WEBSITE)
    label = models.CharField(_("Bezeichnung"), max_length=120)
    url = models.URLField(_("Adresse"))

    class Meta:
        verbose_name = _("Link")
        verbose_name_plural = _("Links")

    def __str__(self) -> str:
        return self.label


def document_upload_to(instance: "ProjectDocument", filename: str) -> str:
    return f"projects/{instance.project_id}/{filename}"


class ProjectDocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents the public may download: marked public, of a public project."""
        return self.filter(is_public=True, project__is_public=True)


class ProjectDocument(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=document_upload_to, validators=[validate_document])
    is_public = models.BooleanField(_("Öffentlich"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = ProjectDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


# Direct foreign-key permission tables (django-guardian): faster than the generic ones, and the
# grants go with the project when it is deleted.
class ProjectUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Project, on_delete=models.CASCADE)


class ProjectGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Project, on_delete=models.CASCADE)
