"""Reads of the steering circle that need a user: fetch and authorise in one call (Http404 where the
person may not see the object), with the joins the pages need so that query counts stay flat."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone

from governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotState,
    BallotVote,
    Meeting,
    MinutesState,
    RequestState,
    Resolution,
    Role,
    RoleAssignment,
    RulesOfProcedure,
    SteeringCircle,
    SteeringDocument,
    SteeringRequest,
    SteeringSeat,
    User,
)
from governance.permissions_steering import (
    is_circle_member,
    may_manage_steering,
    may_view_circle,
    steering_partner_ids,
)


def default_circle() -> SteeringCircle | None:
    return SteeringCircle.objects.order_by("pk").first()


def current_rules(circle: SteeringCircle, on: date | None = None) -> RulesOfProcedure | None:
    return (
        RulesOfProcedure.objects.filter(circle=circle, valid_from__lte=on or timezone.localdate())
        .order_by("-valid_from", "-id")
        .first()
    )


@dataclass
class SeatPeople:
    seat: SteeringSeat
    holders: list[RoleAssignment]
    deputies: list[RoleAssignment]

    @property
    def holder(self) -> User | None:
        return self.holders[0].person if self.holders else None

    @property
    def deputy(self) -> User | None:
        return self.deputies[0].person if self.deputies else None


def seat_people(seats, on: date | None = None) -> list[SeatPeople]:
    """Holder and deputy of each seat on a day, from the role records (two queries in all)."""
    seats = list(seats)
    assignments = (
        RoleAssignment.objects.current(on or timezone.localdate())
        .filter(partner_id__in=[s.partner_id for s in seats], role__in=[Role.STEERING_MEMBER, Role.STEERING_DEPUTY])
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("-valid_from")
    )
    by_partner: dict[tuple[int, str], list[RoleAssignment]] = {}
    for assignment in assignments:
        by_partner.setdefault((assignment.partner_id, assignment.role), []).append(assignment)
    return [
        SeatPeople(
            seat,
            by_partner.get((seat.partner_id, Role.STEERING_MEMBER), []),
            by_partner.get((seat.partner_id, Role.STEERING_DEPUTY), []),
        )
        for seat in seats
    ]


def active_seats(circle: SteeringCircle):
    return SteeringSeat.objects.filter(circle=circle, is_active=True).select_related("partner")


def circle_people(circle: SteeringCircle, on: date | None = None) -> list[User]:
    """Everyone who currently holds or deputises for a seat of the circle (notification recipients)."""
    partner_ids = active_seats(circle).values("partner_id")
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__in=RoleAssignment.objects.current(on or timezone.localdate()).filter(
                partner_id__in=partner_ids, role__in=[Role.STEERING_MEMBER, Role.STEERING_DEPUTY]
            ),
        ).distinct()
    )


def seat_list_for_user(*, user, circle: SteeringCircle) -> list[SeatPeople]:
    if not may_view_circle(user, circle):
        raise Http404
    return seat_people(active_seats(circle))


# --- meetings -------------------------------------------------------------------------------------


def _visible_circles(user):
    if may_manage_steering(user):
        return SteeringCircle.objects.all()
    return SteeringCircle.objects.filter(
        seats__partner_id__in=steering_partner_ids(user), seats__is_active=True
    ).distinct()


def meeting_list_for_user(*, user, upcoming: bool | None = None):
    meetings = (
        Meeting.objects.filter(circle__in=_visible_circles(user))
        .select_related("circle", "minutes")
        .annotate(item_count=Count("agenda_items", distinct=True))
        .order_by("-starts_at")
    )
    if upcoming is True:
        meetings = meetings.upcoming().order_by("starts_at")
    elif upcoming is False:
        meetings = meetings.past()
    return meetings


def meeting_get_for_user(*, user, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("circle", "chair")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("request", "subject_type", "resolution").prefetch_related(
                    "documents"
                ),
            ),
            Prefetch("attendances", queryset=Attendance.objects.select_related("seat__partner", "person")),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not may_view_circle(user, meeting.circle_id):
        raise Http404
    return meeting


def agenda_item_get_for_user(*, user, meeting: Meeting, pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=pk).select_related("meeting").first()
    if item is None:
        raise Http404
    return item


def document_get_for_user(*, user, pk: int) -> SteeringDocument:
    document = SteeringDocument.objects.select_related("agenda_item__meeting", "ballot").filter(pk=pk).first()
    if document is None:
        raise Http404
    circle_id = document.ballot.circle_id if document.ballot_id else document.agenda_item.meeting.circle_id
    if not may_view_circle(user, circle_id):
        raise Http404
    return document


# --- ballots --------------------------------------------------------------------------------------


def ballot_list_for_user(*, user, state: str | None = None):
    ballots = (
        Ballot.objects.filter(circle__in=_visible_circles(user))
        .select_related("circle", "resolution")
        .annotate(vote_count=Count("votes", distinct=True))
        .order_by("-opened_at")
    )
    return ballots.filter(state=state) if state else ballots


def ballot_get_for_user(*, user, pk: int) -> Ballot:
    ballot = (
        Ballot.objects.select_related("circle", "rules", "opened_by")
        .prefetch_related("documents", Prefetch("votes", queryset=BallotVote.objects.select_related("seat__partner")))
        .filter(pk=pk)
        .first()
    )
    if ballot is None or not may_view_circle(user, ballot.circle_id):
        raise Http404
    return ballot


def open_ballots_without_vote(*, user) -> list[Ballot]:
    """Open ballots where one of the person's seats has not voted yet."""
    partner_ids = steering_partner_ids(user)
    if not partner_ids:
        return []
    return list(
        Ballot.objects.filter(state=BallotState.OPEN, circle__seats__partner_id__in=partner_ids)
        .exclude(votes__seat__partner_id__in=partner_ids)
        .select_related("circle")
        .distinct()
        .order_by("deadline")
    )


# --- resolutions, minutes, requests ---------------------------------------------------------------


def resolution_list_for_user(*, user, year: int | None = None):
    resolutions = (
        Resolution.objects.filter(circle__in=_visible_circles(user))
        .select_related("circle", "agenda_item__meeting", "ballot", "subject_type")
        .order_by("-decided_on", "-number_seq", "-id")
    )
    return resolutions.filter(decided_on__year=year) if year else resolutions


def resolution_get_for_user(*, user, pk: int) -> Resolution:
    resolution = (
        Resolution.objects.select_related("circle", "agenda_item__meeting", "ballot", "request", "subject_type")
        .prefetch_related("votes__seat__partner", "focus_areas")
        .filter(pk=pk)
        .first()
    )
    if resolution is None or not may_view_circle(user, resolution.circle_id):
        raise Http404
    return resolution


def draft_minutes_for_user(*, user):
    """Circulated drafts of the person's circles, to read before the next meeting approves them."""
    return (
        Meeting.objects.filter(circle__in=_visible_circles(user), minutes__state=MinutesState.CIRCULATED)
        .select_related("minutes", "circle")
        .order_by("-starts_at")
    )


def request_list_for_user(*, user):
    """The secretariat's requests; a public one counts only once its e-mail address is confirmed."""
    if not may_manage_steering(user):
        raise Http404
    return (
        SteeringRequest.objects.exclude(state=RequestState.UNCONFIRMED)
        .select_related("circle", "network", "partner")
        .order_by("-filed_at")
    )


def request_get_for_user(*, user, pk: int) -> SteeringRequest:
    request = request_list_for_user(user=user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def member_home_for_user(*, user) -> dict:
    """What a member's page shows: upcoming meetings, open ballots to vote in, drafts, resolutions."""
    return {
        "meetings": list(
            meeting_list_for_user(user=user, upcoming=True).prefetch_related(
                Prefetch("agenda_items", queryset=AgendaItem.objects.prefetch_related("documents"))
            )[:10]
        ),
        "ballots_to_vote": open_ballots_without_vote(user=user),
        "draft_minutes": list(draft_minutes_for_user(user=user)[:10]),
        "resolutions": list(resolution_list_for_user(user=user).exclude(number="")[:10]),
        "is_member": bool(steering_partner_ids(user)),
    }


def is_member_of(user, circle) -> bool:
    return is_circle_member(user, circle)


def seats_without_vote(ballot: Ballot) -> list[SteeringSeat]:
    voted = ballot.votes.values("seat_id")
    return list(active_seats(ballot.circle).exclude(pk__in=voted))


def voted_seat_ids(ballot: Ballot) -> set[int]:
    return set(ballot.votes.values_list("seat_id", flat=True))


def attendance_by_seat(meeting: Meeting) -> dict[int, Attendance]:
    return {a.seat_id: a for a in meeting.attendances.all()}


def unreported_ballots(circle: SteeringCircle):
    return Ballot.objects.filter(circle=circle, state=BallotState.CLOSED, reported_in__isnull=True)


def reported_ballots(meeting: Meeting):
    return meeting.reported_ballots.select_related("resolution").order_by("closed_at")
