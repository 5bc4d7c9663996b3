"""The transfer platform: solutions offered for reuse, who reuses them, and public reuse requests."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import FocusArea, Partner
from projects.models import Project


class Licence(models.TextChoices):
    """SPDX identifiers; for data, the Datenlizenz Deutschland."""

    EUPL_12 = "EUPL-1.2", "EUPL-1.2"
    AGPL_3 = "AGPL-3.0-or-later", "AGPL-3.0-or-later"
    GPL_3 = "GPL-3.0-or-later", "GPL-3.0-or-later"
    LGPL_3 = "LGPL-3.0-or-later", "LGPL-3.0-or-later"
    MPL_2 = "MPL-2.0", "MPL-2.0"
    APACHE_2 = "Apache-2.0", "Apache-2.0"
    MIT = "MIT", "MIT"
    CC_BY_4 = "CC-BY-4.0", "CC-BY-4.0"
    DL_DE_BY_2 = "dl-de-by-2.0", "Datenlizenz Deutschland – Namensnennung – 2.0"
    DL_DE_ZERO_2 = "dl-de-zero-2.0", "Datenlizenz Deutschland – Zero – 2.0"
    PROPRIETARY = "proprietary", _("proprietär (Nutzungsvereinbarung)")


OPEN_SOURCE_LICENCES = {
    Licence.EUPL_12,
    Licence.AGPL_3,
    Licence.GPL_3,
    Licence.LGPL_3,
    Licence.MPL_2,
    Licence.APACHE_2,
    Licence.MIT,
}
DATA_LICENCES = {Licence.DL_DE_BY_2, Licence.DL_DE_ZERO_2, Licence.CC_BY_4}


class LicenceType(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open Source")
    OPEN_DATA = "open_data", _("offene Datenlizenz")
    PROPRIETARY = "proprietary", _("proprietär")


def licence_type(licence: str) -> str:
    if licence in OPEN_SOURCE_LICENCES:
        return LicenceType.OPEN_SOURCE
    if licence in DATA_LICENCES:
        return LicenceType.OPEN_DATA
    return LicenceType.PROPRIETARY


class BaseComponent(models.TextChoices):
    """National base components a solution may need."""

    FIT_CONNECT = "fit_connect", "FIT-Connect"
    DEUTSCHLAND_ID = "deutschland_id", _("DeutschlandID / Organisationskonto")
    BEHOERDENNUMMER_115 = "115", _("Behördennummer 115")
    EPAYMENT = "epayment", "ePayment"
    P23R = "p23r", "P23R"


class SolutionState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")
    UNPUBLISHED = "unpublished", _("zurückgezogen")


RESERVED_SLUGS = {"feed", "nachnutzung", "export"}


class SolutionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=SolutionState.PUBLISHED)


@dataclass(frozen=True)
class ReadinessCheck:
    label: str
    ok: bool
    applies: bool = True


@dataclass(frozen=True)
class Readiness:
    """The checklist of `Solution.readiness()` and what follows from it."""

    checks: list[ReadinessCheck]

    @property
    def applicable(self) -> list[ReadinessCheck]:
        return [check for check in self.checks if check.applies]

    @property
    def passed(self) -> int:
        return sum(check.ok for check in self.applicable)

    @property
    def missing(self) -> list[str]:
        return [str(check.label) for check in self.applicable if not check.ok]

    @property
    def ready(self) -> bool:
        return not self.missing


class Solution(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzadresse"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("Diese Kurzadresse ist bereits vergeben.")},
    )
    short_description = models.CharField(_("Kurzbeschreibung"), max_length=300)
    problem = models.TextField(_("Welches Problem sie löst (Markdown)"))
    target_group = models.CharField(_("Zielgruppe"), max_length=300)
    how_it_works = models.TextField(_("Wie sie funktioniert (Markdown)"), blank=True)
    prerequisites = models.TextField(_("Voraussetzungen (Markdown)"), blank=True)
    licence = models.CharField(_("Lizenz (SPDX)"), max_length=30, choices=Licence.choices)
    is_software = models.BooleanField(_("Software"), default=True)
    source_code_url = models.URLField(_("Quellcode"), blank=True)
    documentation_url = models.URLField(_("Dokumentation"), blank=True)
    publiccode_yml = models.TextField(
        _("publiccode.yml"), blank=True, help_text=_("Inhalt der publiccode.yml der Software.")
    )
    operating_model = models.TextField(_("Betriebsmodell"), blank=True)
    base_components = models.JSONField(_("Benötigte Basiskomponenten"), default=list, blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="solutions", verbose_name=_("Arbeitsschwerpunkte")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="solutions",
        verbose_name=_("Herkunftsprojekt"),
    )
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="solutions", verbose_name=_("Beteiligte Partner")
    )
    contact_label = models.CharField(
        _("Kontaktstelle"), max_length=200, blank=True, help_text=_("Funktionale Stelle, keine Person.")
    )
    contact_email = models.EmailField(_("Funktionspostfach"), blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zuständige Person (intern)"),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=SolutionState.choices, default=SolutionState.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("Veröffentlicht am"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("Zuletzt geprüft am"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Weighted German full-text vector, kept current by the service (PostgreSQL only).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = SolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Lösung")
        verbose_name_plural = _("Lösungen")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["state", "-published_at", "-id"], name="solution_catalogue_order"),
            # The catalogue's default order: a page's ids come from this index (transfer/paging.py).
            models.Index(fields=["title", "id"], name="solution_published_title", condition=Q(state="published")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transfer:solution-detail", args=[self.slug])

    def clean(self) -> None:
        # These words are addresses of their own under /loesungen/.
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Diese Kurzadresse ist reserviert.")})

    @property
    def licence_type(self) -> str:
        return licence_type(self.licence)

    @property
    def is_open_source(self) -> bool:
        return self.licence in OPEN_SOURCE_LICENCES

    @property
    def is_published(self) -> bool:
        return self.state == SolutionState.PUBLISHED

    @property
    def public_project(self) -> Project | None:
        """The project behind the solution, if the public may know it: an internal project's
        existence is itself confidential."""
        return self.project if self.project is not None and self.project.is_public else None

    def readiness(self) -> Readiness:
        """What transfer readiness rests on, computed from the data (DESIGN.md, domain facts).
        Reads `services` through `.all()`, so a prefetched list costs no query."""
        has_services = self.pk is not None and bool(self.services.all())
        return Readiness(
            [
                ReadinessCheck(_("Lizenz angegeben (SPDX oder Datenlizenz Deutschland)"), bool(self.licence)),
                ReadinessCheck(
                    _("Dokumentation verlinkt oder Funktionsweise beschrieben"),
                    bool(self.documentation_url or self.how_it_works.strip()),
                ),
                ReadinessCheck(
                    _("publiccode.yml hinterlegt"), bool(self.publiccode_yml.strip()), applies=self.is_software
                ),
                ReadinessCheck(_("Reifegrad mindestens einer OZG-Leistung angegeben"), has_services),
                ReadinessCheck(_("Betriebsmodell beschrieben"), bool(self.operating_model.strip())),
                ReadinessCheck(
                    _("Funktionale Kontaktstelle mit Postfach angegeben"),
                    bool(self.contact_label and self.contact_email),
                ),
            ]
        )


class OzgThemenfeld(models.TextChoices):
    """The 14 OZG subject areas (Themenfelder)."""

    ARBEIT_RUHESTAND = "arbeit", _("Arbeit & Ruhestand")
    BAUEN_WOHNEN = "bauen", _("Bauen & Wohnen")
    BILDUNG = "bildung", _("Bildung")
    ENGAGEMENT_HOBBY = "engagement", _("Engagement & Hobby")
    FAMILIE_KIND = "familie", _("Familie & Kind")
    FORSCHUNG_FOERDERUNG = "forschung", _("Forschung & Förderung")
    GESUNDHEIT = "gesundheit", _("Gesundheit")
    MOBILITAET_REISEN = "mobilitaet", _("Mobilität & Reisen")
    RECHT_ORDNUNG = "recht", _("Recht & Ordnung")
    STEUERN_ZOLL = "steuern", _("Steuern & Zoll")
    UMWELT = "umwelt", _("Umwelt")
    UNTERNEHMENSFUEHRUNG = "unternehmen", _("Unternehmensführung & -entwicklung")
    EIN_AUSWANDERUNG = "einwanderung", _("Ein- & Auswanderung")
    QUERSCHNITT = "querschnitt", _("Querschnittsleistungen")


class MaturityModel(models.TextChoices):
    V1 = "1.x", _("Reifegradmodell 1.x (Stufen 0–4)")
    V2 = "2.0", _("Reifegradmodell 2.0 (Stufen 0–7)")


MATURITY_MAX = {MaturityModel.V1: 4, MaturityModel.V2: 7}
# Model 1.x: level 3 (online service) is the first OZG-compliant one.
OZG_COMPLIANT_FROM = {MaturityModel.V1: 3}


class ServiceCoverage(models.Model):
    """One OZG service (LeiKa key) a solution covers, with its maturity under a stated model."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="services")
    leika_key = models.CharField(
        _("LeiKa-Schlüssel"), max_length=14, help_text=_("14-stelliger Schlüssel des Leistungskatalogs.")
    )
    name = models.CharField(_("Leistung"), max_length=200)
    themenfeld = models.CharField(_("OZG-Themenfeld"), max_length=20, choices=OzgThemenfeld.choices)
    maturity_model = models.CharField(_("Reifegradmodell"), max_length=5, choices=MaturityModel.choices)
    maturity_level = models.PositiveSmallIntegerField(_("Reifegrad"))

    class Meta:
        verbose_name = _("Abgedeckte OZG-Leistung")
        verbose_name_plural = _("Abgedeckte OZG-Leistungen")
        ordering = ["leika_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maturity_model=MaturityModel.V1, maturity_level__lte=4)
                | Q(maturity_model=MaturityModel.V2, maturity_level__lte=7),
                name="maturity_level_within_model",
                violation_error_message=_("Der Reifegrad liegt außerhalb der Stufen des gewählten Modells."),
            ),
            models.UniqueConstraint(fields=["solution", "leika_key"], name="one_coverage_per_service"),
        ]

    def __str__(self) -> str:
        return f"{self.leika_key} {self.name}"

    @property
    def is_ozg_compliant(self) -> bool | None:
        """Only model 1.x defines it (from level 3); for 2.0 the claim is not made here."""
        threshold = OZG_COMPLIANT_FROM.get(self.maturity_model)
        return None if threshold is None else self.maturity_level >= threshold


def screenshot_upload_to(instance, filename: str) -> str:
    return f"solutions/{instance.solution_id}/{filename}"


class SolutionDocument(models.Model):
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=screenshot_upload_to)
    alt_text = models.CharField(
        _("Alternativtext"), max_length=300, blank=True, help_text=_("Pflicht für Bilder: was darauf zu sehen ist.")
    )
    is_image = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Dokument oder Bildschirmfoto")
        verbose_name_plural = _("Dokumente und Bildschirmfotos")

    def __str__(self) -> str:
        return self.title


class AdoptionStage(models.TextChoices):
    INTEREST = "interest", _("Interesse")
    EVALUATION = "evaluation", _("Prüfung")
    PILOT = "pilot", _("Pilotbetrieb")
    PRODUCTION = "production", _("Produktivbetrieb")
    ENDED = "ended", _("beendet")


class Adoption(models.Model):
    """One organisation reusing a solution (Einer für Alle: no cost sharing is implied)."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="adoptions")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="adoptions", verbose_name=_("Partner")
    )
    organisation = models.CharField(_("Verwaltung"), max_length=200, help_text=_("Name der nachnutzenden Verwaltung."))
    stage = models.CharField(
        _("Stand"), max_length=20, choices=AdoptionStage.choices, default=AdoptionStage.INTEREST, db_index=True
    )
    stage_since = models.DateField(_("Stand seit"), default=timezone.localdate)
    contact = models.CharField(_("Kontakt (funktional)"), max_length=200, blank=True)
    evidence = models.CharField(
        _("Nachweis"),
        max_length=300,
        blank=True,
        help_text=_("z. B. Link auf einen Beschluss oder eine Pressemitteilung"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Nachnutzung")
        verbose_name_plural = _("Nachnutzungen")
        ordering = ["organisation"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.solution}"


class InquiryState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-Mail nicht bestätigt")
    CONFIRMED = "confirmed", _("bestätigt")
    ADOPTED = "adopted", _("in Nachnutzung übernommen")
    CLOSED = "closed", _("erledigt")


# The workspace shows only what counts: a request is real once its address is confirmed.
LISTED_INQUIRY_STATES = [InquiryState.CONFIRMED, InquiryState.ADOPTED, InquiryState.CLOSED]


class Inquiry(models.Model):
    """A public request to reuse a solution; it counts only once its e-mail address is confirmed."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="inquiries")
    administration = models.CharField(_("Verwaltung"), max_length=200)
    contact_name = models.CharField(_("Ansprechperson"), max_length=120)
    contact_email = models.EmailField(_("E-Mail-Adresse"))
    message = models.TextField(_("Nachricht"), max_length=3000)
    consent = models.BooleanField(_("Einwilligung in die Verarbeitung"))
    state = models.CharField(
        _("Status"), max_length=20, choices=InquiryState.choices, default=InquiryState.UNCONFIRMED, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    adoption = models.OneToOneField(Adoption, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiry")

    class Meta:
        verbose_name = _("Anfrage zur Nachnutzung")
        verbose_name_plural = _("Anfragen zur Nachnutzung")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True),
                name="inquiry_needs_consent",
                violation_error_message=_("Ohne Einwilligung können wir die Anfrage nicht bearbeiten."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.administration} → {self.solution}"

    @property
    def is_confirmed(self) -> bool:
        return self.state == InquiryState.CONFIRMED
