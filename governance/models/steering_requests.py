"""Membership and theme requests to the steering circle: filed by the secretariat or, through the
public form with e-mail confirmation, by an administration; decided by a resolution."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models.partners import FocusArea, Network, NetworkMembership, Partner
from governance.models.steering import SteeringCircle


class RequestKind(models.TextChoices):
    MEMBERSHIP = "membership", _("Aufnahme in einen Verbund")
    FOCUS_AREA = "focus_area", _("Neuer Arbeitsschwerpunkt")


class RequestState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-Mail noch nicht bestätigt")
    FILED = "filed", _("eingegangen")
    ADOPTED = "adopted", _("angenommen")
    REJECTED = "rejected", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class SteeringRequest(models.Model):
    """A request to join a network or to add a focus area, decided by the circle."""

    circle = models.ForeignKey(SteeringCircle, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(_("Art"), max_length=20, choices=RequestKind.choices)
    state = models.CharField(
        _("Status"), max_length=20, choices=RequestState.choices, default=RequestState.FILED, db_index=True
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Verbund")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Partner")
    )
    applicant = models.CharField(
        _("Antragstellende Verwaltung"), max_length=200, blank=True, help_text=_("Wenn noch kein Partner.")
    )
    focus_area_name = models.CharField(_("Name des Arbeitsschwerpunkts"), max_length=200, blank=True)
    description = models.TextField(_("Begründung"))
    contact_name = models.CharField(
        _("Ansprechperson"), max_length=120, blank=True, help_text=_("Nur bei Anträgen über das öffentliche Formular.")
    )
    contact_email = models.EmailField(_("Funktionspostfach für Rückfragen"), blank=True)
    consent = models.BooleanField(_("Einwilligung in die Verarbeitung"), default=False, editable=False)
    join_on = models.DateField(_("Beitritt zum"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)
    # Set by the e-mail link of a public request (kooperationsraum/public_requests.py).
    confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True, editable=False)
    created_membership = models.ForeignKey(
        NetworkMembership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_focus_area = models.ForeignKey(
        FocusArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("Aufnahme- oder Themenantrag")
        verbose_name_plural = _("Aufnahme- und Themenanträge")
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        if self.kind == RequestKind.FOCUS_AREA:
            return _("Arbeitsschwerpunkt „%(name)s“") % {"name": self.focus_area_name}
        return _("Aufnahme von %(who)s in %(network)s") % {
            "who": self.partner or self.applicant,
            "network": self.network,
        }

    @property
    def is_public(self) -> bool:
        """Filed by an administration through the public form, not by the secretariat."""
        return self.filed_by_id is None

    def withdrawal_refusal(self) -> str | None:
        """Why the secretariat cannot withdraw this request now, or None (page and service ask this)."""
        if self.state == RequestState.WITHDRAWN:
            return _("Der Antrag ist bereits zurückgezogen.")
        if self.state in (RequestState.ADOPTED, RequestState.REJECTED):
            return _("Über diesen Antrag ist bereits entschieden; er kann nicht mehr zurückgezogen werden.")
        if self.state == RequestState.UNCONFIRMED:
            return _("Dieser Antrag ist noch nicht eingegangen: Die E-Mail-Adresse ist nicht bestätigt.")
        return None

    @property
    def is_withdrawable(self) -> bool:
        return self.withdrawal_refusal() is None

    @property
    def needs_partner(self) -> bool:
        """An open membership request from the public form, not yet linked to a partner record."""
        return self.kind == RequestKind.MEMBERSHIP and self.state == RequestState.FILED and self.partner_id is None
