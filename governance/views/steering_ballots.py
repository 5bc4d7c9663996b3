"""Written procedures: list, open, the ballot page with the vote form, documents."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.forms_steering import BallotForm, DocumentForm, VoteForm
from governance.models import BallotState, SteeringSeat
from governance.permissions_steering import member_seats
from governance.selectors_steering import (
    active_seats,
    ballot_get_for_user,
    ballot_list_for_user,
    current_rules,
    seat_people,
)
from governance.services.steering import ballots, meetings
from governance.views.steering_base import SteeringFormView, SteeringView

BALLOT_PAGE_SIZE = 100


def votable_seats(user, ballot):
    """The person's seats in the ballot's circle that may still vote, each checked by the service's rule."""
    voted = {vote.seat_id for vote in ballot.votes.all()}
    allowed = []
    for seat in member_seats(user, ballot.circle).select_related("partner"):
        if seat.pk in voted:
            continue
        try:
            ballots.voting_capacity(user, seat, ballot)
        except PermissionDenied:
            continue
        allowed.append(seat.pk)
    return SteeringSeat.objects.filter(pk__in=allowed).select_related("partner")


class BallotListView(SteeringView):
    def get(self, request):
        rows = list(ballot_list_for_user(user=request.user)[:BALLOT_PAGE_SIZE])
        return self.render("governance/steering/ballot_list.html", ballots=rows)


class BallotMixin:
    def prepare(self, request, **kwargs):
        self.ballot = ballot_get_for_user(user=request.user, pk=kwargs["pk"])

    def success_url(self):
        return reverse("governance:steering-ballot-detail", args=[self.ballot.pk])


class BallotDetailView(BallotMixin, SteeringFormView):
    """The ballot: who has voted (not how, until it closes) and, for a voter, the vote form."""

    template_name = "governance/steering/ballot_detail.html"
    submit_label = _("Stimme abgeben")
    success_message = _("Ihre Stimme ist gespeichert.")

    @property
    def heading(self):
        return self.ballot.title

    def make_form(self, data=None, files=None):
        # Every seat the person sits on, so that the service, not the choice list, says why a
        # vote for a seat that has voted or belongs to another body is refused.
        return VoteForm(data, seats=member_seats(self.request.user).select_related("partner"))

    def perform(self, form):
        ballots.ballot_vote(
            ballot=self.ballot,
            seat=form.cleaned_data["seat"],
            choice=form.cleaned_data["choice"],
            actor=self.request.user,
            request=self.request,
        )

    def cancel_url(self):
        return reverse("governance:steering-ballot-list")

    def context(self):
        ballot = self.ballot
        votes = {vote.seat_id: vote for vote in ballot.votes.all()}
        rows = [(row.seat, votes.get(row.seat.pk)) for row in seat_people(active_seats(ballot.circle))]
        return {
            "ballot": ballot,
            "rows": rows,
            "show_choices": ballot.state == BallotState.CLOSED,
            "resolution": getattr(ballot, "resolution", None),
            "may_vote": ballot.is_open and votable_seats(self.request.user, ballot).exists(),
        }


class BallotCreateView(SteeringFormView):
    secretariat_only = True
    heading = _("Umlaufverfahren eröffnen")
    submit_label = _("Eröffnen und Mitglieder benachrichtigen")
    success_message = _("Das Umlaufverfahren ist eröffnet.")
    multipart = True

    def make_form(self, data=None, files=None):
        rules = current_rules(self.circle)
        return BallotForm(data, files, default_days=rules.default_deadline_days if rules else 14)

    def perform(self, form):
        data = form.cleaned_data
        self.ballot = ballots.ballot_open(
            circle=self.circle,
            title=data["title"],
            motion=data["motion"],
            deadline=data["deadline"],
            is_public=data["is_public"],
            subject=data["subject"],
            steering_request=data["steering_request"],
            documents=[(data["document_title"] or data["document"].name, data["document"])] if data["document"] else [],
            actor=self.request.user,
            request=self.request,
        )

    def success_url(self):
        return reverse("governance:steering-ballot-detail", args=[self.ballot.pk])

    def cancel_url(self):
        return reverse("governance:steering-ballot-list")


class BallotDocumentView(BallotMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Unterlage hinzufügen")
    submit_label = _("Hochladen")
    success_message = _("Die Unterlage ist hinzugefügt.")
    multipart = True

    def make_form(self, data=None, files=None):
        return DocumentForm(data, files)

    def perform(self, form):
        meetings.document_add(
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            is_public=form.cleaned_data["is_public"],
            ballot=self.ballot,
            actor=self.request.user,
        )
