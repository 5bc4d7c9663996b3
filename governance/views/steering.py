"""The steering circle's workspace: the members' page, seats, rules, resolutions, requests,
documents, delegation. Meetings and ballots have their own modules."""

from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.forms_steering import DelegationForm, RulesForm, SeatForm, SteeringRequestForm
from governance.models import Ballot, Meeting, RulesOfProcedure, SteeringRequest
from governance.permissions_steering import member_seats
from governance.selectors_steering import (
    current_rules,
    document_get_for_user,
    member_home_for_user,
    request_list_for_user,
    resolution_get_for_user,
    resolution_list_for_user,
    seat_list_for_user,
)
from governance.services.steering import requests as steering_requests
from governance.services.steering import seats
from governance.steering_effects import effect_for
from governance.views.steering_base import SteeringFormView, SteeringView

RESOLUTION_PAGE_SIZE = 100


class SteeringHomeView(SteeringView):
    """The members' page: upcoming meetings, ballots to vote in, draft minutes, resolutions."""

    def get(self, request):
        return self.render("governance/steering/home.html", **member_home_for_user(user=request.user))


class SeatListView(SteeringView):
    def get(self, request):
        return self.render(
            "governance/steering/seat_list.html", rows=seat_list_for_user(user=request.user, circle=self.circle)
        )


class SeatCreateView(SteeringFormView):
    secretariat_only = True
    heading = _("Sitz anlegen oder ändern")
    intro = _(
        "Wer den Sitz innehat und vertritt, ergibt sich aus den Rollen der Personen "
        "(Mitglied und Stellvertretung im Lenkungskreis)."
    )
    submit_label = _("Speichern")
    success_message = _("Der Sitz ist gespeichert.")

    def make_form(self, data=None, files=None):
        return SeatForm(data)

    def perform(self, form):
        data = form.cleaned_data
        seats.seat_save(
            circle=self.circle,
            partner=data["partner"],
            position=data["position"],
            is_active=data["is_active"],
            actor=self.request.user,
            request=self.request,
        )

    def success_url(self):
        return reverse("governance:steering-seat-list")


class RulesView(SteeringFormView):
    secretariat_only = True
    template_name = "governance/steering/rules.html"
    heading = _("Geschäftsordnung")
    intro = _("Eine neue Fassung gilt ab ihrem Datum; laufende Umlaufverfahren behalten ihre Fassung.")
    submit_label = _("Neue Fassung speichern")
    success_message = _("Die neue Fassung der Geschäftsordnung ist gespeichert.")

    def make_form(self, data=None, files=None):
        current = current_rules(self.circle)
        initial = {"valid_from": timezone.localdate()}
        if current is not None:
            initial |= {f: getattr(current, f) for f in RulesForm.Meta.fields if f != "valid_from"}
        return RulesForm(data, instance=RulesOfProcedure(circle=self.circle), initial=initial)

    def perform(self, form):
        seats.rules_save(rules=form.instance, actor=self.request.user, request=self.request)

    def context(self):
        return {
            "versions": list(RulesOfProcedure.objects.filter(circle=self.circle)),
            "current": current_rules(self.circle),
        }

    def success_url(self):
        return reverse("governance:steering-rules")


class ResolutionListView(SteeringView):
    def get(self, request):
        year = request.GET.get("jahr")
        year = int(year) if year and year.isdigit() else None
        rows = list(resolution_list_for_user(user=request.user, year=year)[:RESOLUTION_PAGE_SIZE])
        return self.render("governance/steering/resolution_list.html", resolutions=rows, year=year)


class ResolutionDetailView(SteeringView):
    def get(self, request, pk):
        resolution = resolution_get_for_user(user=request.user, pk=pk)
        subject = resolution.subject
        effect = effect_for(subject)
        return self.render(
            "governance/steering/resolution_detail.html",
            resolution=resolution,
            subject=subject,
            subject_url=effect.url(subject) if effect else "",
            votes=list(resolution.votes.all()),
        )


class RequestListView(SteeringView):
    secretariat_only = True

    def get(self, request):
        return self.render(
            "governance/steering/request_list.html", requests=list(request_list_for_user(user=request.user)[:200])
        )


class RequestCreateView(SteeringFormView):
    secretariat_only = True
    heading = _("Aufnahme- oder Themenantrag erfassen")
    intro = _("Der Antrag kommt danach auf eine Tagesordnung oder in ein Umlaufverfahren.")
    submit_label = _("Antrag erfassen")
    success_message = _("Der Antrag ist erfasst.")

    def make_form(self, data=None, files=None):
        return SteeringRequestForm(data, instance=SteeringRequest(circle=self.circle))

    def perform(self, form):
        steering_requests.steering_request_file(
            steering_request=form.instance, actor=self.request.user, request=self.request
        )

    def success_url(self):
        return reverse("governance:steering-request-list")


class DocumentDownloadView(SteeringView):
    def get(self, request, pk):
        document = document_get_for_user(user=request.user, pk=pk)
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
        )


class DelegationView(SteeringFormView):
    heading = _("Stimme übertragen")
    intro = _("Sie übertragen Ihre Stimme für genau eine Sitzung oder ein Umlaufverfahren an Ihre Stellvertretung.")
    submit_label = _("Stimme übertragen")
    success_message = _("Ihre Stimme ist übertragen.")

    def make_form(self, data=None, files=None):
        now = timezone.now()
        return DelegationForm(
            data,
            seats=member_seats(self.request.user, self.circle).select_related("partner"),
            meetings=list(Meeting.objects.upcoming(now).filter(circle=self.circle).order_by("starts_at")[:20]),
            ballots=list(Ballot.objects.open().filter(circle=self.circle).order_by("deadline")[:20]),
        )

    def perform(self, form):
        seats.vote_delegate(
            seat=form.cleaned_data["seat"], actor=self.request.user, request=self.request, **form.occasion_kwargs()
        )

    def success_url(self):
        return reverse("governance:steering-home")
