"""Small steps on requests and agendas. Taking things back: the secretariat withdraws an
undecided membership or theme request and deletes an agenda item of a meeting that has not begun.
Each page asks first (a confirmation page, then a POST); the pages offer the action only where the
model says it is possible, and the service checks the same again under a row lock. And linking a
public membership request to its partner record, which adopting it needs."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models import Partner
from governance.selectors_steering import agenda_item_get_for_user, request_get_for_user
from governance.services.steering import meetings
from governance.services.steering import requests as steering_requests
from governance.views.steering_base import SteeringFormView
from governance.views.steering_meetings import MeetingMixin


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (für das Protokoll)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: Die Verwaltung hat den Antrag am 12.03. per E-Mail zurückgenommen."),
    )


class AssignPartnerForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.order_by("name"),
        help_text=_("Ist die Verwaltung noch kein Partner, legen Sie sie zuerst unter Verwaltung → Partner an."),
        error_messages={"required": _("Bitte wählen Sie den Partner.")},
    )


class ConfirmForm(forms.Form):
    """Nothing to enter: the button is the decision."""


class RequestWithdrawView(SteeringFormView):
    secretariat_only = True
    heading = _("Antrag zurückziehen")
    submit_label = _("Antrag zurückziehen")
    success_message = _("Der Antrag ist zurückgezogen.")

    def prepare(self, request, **kwargs):
        self.steering_request = request_get_for_user(user=request.user, pk=kwargs["pk"])

    @property
    def intro(self):
        return _("%(request)s. Ein zurückgezogener Antrag kann nicht mehr beschlossen werden.") % {
            "request": self.steering_request
        }

    def make_form(self, data=None, files=None):
        return WithdrawForm(data)

    def perform(self, form):
        steering_requests.steering_request_withdraw(
            steering_request=self.steering_request,
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
            request=self.request,
        )

    def success_url(self):
        return reverse("governance:steering-request-list")


class RequestAssignPartnerView(SteeringFormView):
    """Not a removal, but the same small step on a request: link it to the partner record."""

    secretariat_only = True
    heading = _("Antrag einem Partner zuordnen")
    submit_label = _("Zuordnen")
    success_message = _("Der Antrag ist dem Partner zugeordnet.")

    def prepare(self, request, **kwargs):
        self.steering_request = request_get_for_user(user=request.user, pk=kwargs["pk"])

    @property
    def intro(self):
        return _("%(request)s. Antragstellende Verwaltung laut Formular: %(applicant)s.") % {
            "request": self.steering_request,
            "applicant": self.steering_request.applicant or "–",
        }

    def make_form(self, data=None, files=None):
        match = Partner.objects.filter(name__iexact=self.steering_request.applicant.strip()).first()
        return AssignPartnerForm(data, initial={"partner": match.pk if match else None})

    def perform(self, form):
        steering_requests.steering_request_assign_partner(
            steering_request=self.steering_request,
            partner=form.cleaned_data["partner"],
            actor=self.request.user,
            request=self.request,
        )

    def success_url(self):
        return reverse("governance:steering-request-list")


class AgendaItemDeleteView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Tagesordnungspunkt löschen")
    submit_label = _("Endgültig löschen")
    success_message = _("Der Tagesordnungspunkt ist gelöscht.")

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        self.item = agenda_item_get_for_user(user=request.user, meeting=self.meeting, pk=kwargs["item"])

    @property
    def intro(self):
        return _("%(item)s wird mit seinen Unterlagen aus der Tagesordnung entfernt. Die Nummer bleibt frei.") % {
            "item": self.item
        }

    def make_form(self, data=None, files=None):
        return ConfirmForm(data)

    def perform(self, form):
        meetings.agenda_item_delete(item=self.item, actor=self.request.user, request=self.request)
