"""Partners, networks, agreements, focus areas and people's roles.

Dated things (memberships, roles) share one rule: a period starts on `valid_from`/`joined_on`, ends
on its last day (inclusive) or never, and the same thing may not overlap itself.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from kooperationsraum.uploads import validate_document


class State(models.TextChoices):
    """The sixteen Länder, by their ISO 3166-2:DE codes."""

    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Two inclusive date periods overlap; an open end (None) runs forever."""
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def active_on(start_field: str, end_field: str, on: date) -> Q:
    return Q(**{f"{start_field}__lte": on}) & (Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": on}))


def end_not_before_start(start_field: str, end_field: str, name: str, message) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": F(start_field)}),
        name=name,
        violation_error_message=message,
    )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who logs in. People log in with their e-mail address."""

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    preferred_language = models.CharField(_("Sprache"), max_length=5, choices=settings.LANGUAGES, default="de")
    public_consent = models.BooleanField(
        _("Name darf öffentlich genannt werden"),
        default=False,
        help_text=_("Nur mit dokumentierter Einwilligung der Person."),
    )
    # Raised to end all of a person's sessions at once, whatever the session store (see
    # governance/services/sessions.py): it is part of the hash every session is checked against.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def audit_label(self) -> str:
        """The audit trail names a person by reference only (erasure must not rewrite it)."""
        return f"Person #{self.pk}"

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()

    def _get_session_auth_hash(self, secret=None) -> str:
        # Generation 0 keeps Django's own hash, so sessions from before this field stay valid.
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "governance.User.session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class PartnerKind(models.TextChoices):
    LAND = "land", _("Land")
    METROPOLITAN_REGION = "metropolitan_region", _("Metropolregion")
    DISTRICT = "district", _("Kreis")
    CITY = "city", _("Stadt")
    MUNICIPALITY = "municipality", _("Gemeinde")
    FEDERAL = "federal", _("Bund")
    IT_PROVIDER = "it_provider", _("Öffentlicher IT-Dienstleister")


# Kinds that lie inside one Land and so must name it.
LOCAL_KINDS = [PartnerKind.DISTRICT, PartnerKind.CITY, PartnerKind.MUNICIPALITY]


class Partner(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=30, choices=PartnerKind.choices)
    state = models.CharField(
        _("Land"),
        max_length=2,
        choices=State.choices,
        blank=True,
        help_text=_("Für Länder das Land selbst, für Kreise, Städte und Gemeinden ihr Land."),
    )
    website = models.URLField(_("Website"), blank=True)
    contact_email = models.EmailField(
        _("Funktionspostfach"), blank=True, help_text=_("Öffentlicher, nicht persönlicher Kontakt.")
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Partner")
        verbose_name_plural = _("Partner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="partner_name_unique",
                violation_error_message=_("Einen Partner mit diesem Namen gibt es bereits."),
            ),
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(kind=PartnerKind.LAND),
                name="one_partner_per_land",
                violation_error_message=_("Dieses Land ist bereits als Partner angelegt."),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[PartnerKind.LAND, *LOCAL_KINDS]) | ~Q(state=""),
                name="partner_state_required",
                violation_error_message=_("Länder, Kreise, Städte und Gemeinden brauchen die Angabe ihres Landes."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=PartnerKind.FEDERAL) | Q(state=""),
                name="federal_partner_has_no_state",
                violation_error_message=_("Der Bund gehört zu keinem Land."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    """A network of partners, e.g. the Kooperationsraum or the Erprobungsraum Rheinland."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=80, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    founded_on = models.DateField(_("Gegründet am"), null=True, blank=True)
    members = models.ManyToManyField(Partner, through="NetworkMembership", related_name="networks")

    class Meta:
        verbose_name = _("Verbund")
        verbose_name_plural = _("Verbünde")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkMembershipQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        return self.filter(active_on("joined_on", "left_on", on or timezone.localdate()))


class NetworkMembership(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Verbund")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Partner")
    )
    joined_on = models.DateField(_("Beigetreten am"))
    left_on = models.DateField(_("Ausgetreten am"), null=True, blank=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["network", "partner__name", "joined_on"]
        constraints = [
            end_not_before_start(
                "joined_on",
                "left_on",
                "membership_left_after_joined",
                _("Der Austritt kann nicht vor dem Beitritt liegen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.network}"

    def clean(self) -> None:
        if not (self.network_id and self.partner_id and self.joined_on):
            return
        others = NetworkMembership.objects.filter(network_id=self.network_id, partner_id=self.partner_id).exclude(
            pk=self.pk
        )
        if any(periods_overlap(self.joined_on, self.left_on, o.joined_on, o.left_on) for o in others):
            raise ValidationError(
                _("%(partner)s ist in diesem Zeitraum bereits Mitglied von %(network)s."),
                params={"partner": self.partner, "network": self.network},
                code="membership_overlap",
            )


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("Kooperationsvereinbarung")
    LETTER_OF_INTENT = "letter_of_intent", _("Absichtserklärung (Letter of Intent)")


def agreement_upload_to(instance: "Agreement", filename: str) -> str:
    return f"agreements/{timezone.now():%Y}/{filename}"


class Agreement(models.Model):
    kind = models.CharField(_("Art"), max_length=30, choices=AgreementKind.choices)
    title = models.CharField(_("Titel"), max_length=250)
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("Verbund"),
    )
    parties = models.ManyToManyField(Partner, related_name="agreements", verbose_name=_("Parteien"))
    signed_on = models.DateField(_("Unterzeichnet am"), null=True, blank=True)
    signed_at = models.CharField(_("Unterzeichnet in"), max_length=100, blank=True)
    valid_from = models.DateField(_("Gültig ab"))
    valid_until = models.DateField(
        _("Gültig bis"), null=True, blank=True, help_text=_("Leer lassen, wenn unbefristet.")
    )
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    document = models.FileField(
        _("Unterzeichnetes Dokument"),
        upload_to=agreement_upload_to,
        blank=True,
        validators=[validate_document],
    )

    class Meta:
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")
        ordering = ["-valid_from"]
        constraints = [
            end_not_before_start(
                "valid_from",
                "valid_until",
                "agreement_ends_after_start",
                _("Das Ende der Laufzeit kann nicht vor ihrem Beginn liegen."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_document_url(self) -> str:
        return reverse("governance:agreement-document", args=[self.pk]) if self.document else ""


class FocusArea(models.Model):
    """A theme of work; the secretariat adds new ones as the cooperation grows."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=80, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focus_areas",
        verbose_name=_("Verbund"),
        help_text=_("Leer lassen für Themen des ganzen Kooperationsraums."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Arbeitsschwerpunkt")
        verbose_name_plural = _("Arbeitsschwerpunkte")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Geschäftsstelle")
    CIO = "cio", _("CIO")
    CIO_DEPUTY = "cio_deputy", _("Stellvertretung CIO")
    STEERING_MEMBER = "steering_member", _("Mitglied im Lenkungskreis")
    STEERING_DEPUTY = "steering_deputy", _("Stellvertretung im Lenkungskreis")
    PROJECT_CONTACT = "project_contact", _("Projektkontakt")


# Only a Land has a CIO (Rule 1 of the brief: the CIO of the sponsoring Land decides).
LAND_ONLY_ROLES = {Role.CIO, Role.CIO_DEPUTY}


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        return self.filter(active_on("valid_from", "valid_until", on or timezone.localdate()))


class RoleAssignment(models.Model):
    """One person holding one role for one partner, from a day until a day (or open-ended)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("Person"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("Partner")
    )
    role = models.CharField(_("Rolle"), max_length=30, choices=Role.choices)
    valid_from = models.DateField(_("Gültig ab"), default=timezone.localdate)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rolle")
        verbose_name_plural = _("Rollen")
        ordering = ["partner__name", "role", "-valid_from"]
        constraints = [
            end_not_before_start(
                "valid_from",
                "valid_until",
                "role_ends_after_start",
                _("Das Ende der Gültigkeit kann nicht vor ihrem Beginn liegen."),
            )
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.partner})"

    def audit_label(self) -> str:
        return f"{self.person.audit_label()} – {self.get_role_display()} ({self.partner})"

    def clean(self) -> None:
        if self.role in LAND_ONLY_ROLES and self.partner_id and self.partner.kind != PartnerKind.LAND:
            message = ValidationError(
                _("Die Rolle „%(role)s“ gibt es nur für ein Land."),
                params={"role": self.get_role_display()},
            )
            raise ValidationError({"partner": message})
        if not (self.person_id and self.partner_id and self.valid_from):
            return
        same = RoleAssignment.objects.filter(
            person_id=self.person_id, partner_id=self.partner_id, role=self.role
        ).exclude(pk=self.pk)
        if any(periods_overlap(self.valid_from, self.valid_until, o.valid_from, o.valid_until) for o in same):
            raise ValidationError(
                _("Diese Person hat diese Rolle für diesen Partner in diesem Zeitraum bereits."),
                code="role_overlap",
            )
