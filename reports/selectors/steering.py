"""The steering circle's part of the reports, one function per section. Each takes the report's
period and returns plain German lines, with a fixed number of queries whatever the circle's size.
The annual report is public: it reads through `governance.selectors_register`, which lets only
public resolutions out."""

from django.db.models import Count, Q
from django.utils import formats

from governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotState,
    Minutes,
    MinutesState,
    RequestState,
    Resolution,
    SteeringRequest,
    SteeringSeat,
)
from governance.selectors_register import public_resolutions
from reports.periods import Period


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _resolution_line(resolution: Resolution) -> str:
    way = "Umlaufverfahren" if resolution.ballot_id else "Sitzung"
    return (
        f"{resolution.number}: {resolution.title} ({resolution.get_result_display()}, "
        f"{_day(resolution.decided_on)}, {way})"
    )


def resolutions_of_period(period: Period) -> list[str]:
    """Numbered resolutions decided in the period (monthly pack, addressed to the members)."""
    resolutions = Resolution.objects.numbered().filter(decided_on__gte=period.start, decided_on__lt=period.end)
    return [_resolution_line(r) for r in resolutions.order_by("number_year", "number_seq")]


def _ballot_lines(ballots) -> list[str]:
    ballots = ballots.select_related("circle").annotate(voted=Count("votes", distinct=True))
    seats = {}
    lines = []
    for ballot in ballots.order_by("deadline", "pk"):
        if ballot.circle_id not in seats:
            seats[ballot.circle_id] = ballot.circle.seats.filter(is_active=True).count()
        lines.append(
            f"{ballot.title}: Frist {_day(ballot.deadline)}, "
            f"{ballot.voted} von {seats[ballot.circle_id]} Sitzen haben abgestimmt"
        )
    return lines


def open_written_procedures(period: Period) -> list[str]:
    """Written procedures still open at the period's end (monthly pack)."""
    open_then = Ballot.objects.filter(opened_at__lt=period.end_at).filter(
        Q(state=BallotState.OPEN) | Q(closed_at__gte=period.end_at)
    )
    return _ballot_lines(open_then)


def written_procedures_closing(period: Period) -> list[str]:
    """Open written procedures whose deadline falls in the period (weekly brief: this week)."""
    return _ballot_lines(Ballot.objects.open().filter(deadline__gte=period.start_at, deadline__lt=period.end_at))


def public_resolutions_of_year(period: Period) -> list[str]:
    """Public resolutions of the year (annual report, public)."""
    resolutions = public_resolutions().filter(decided_on__gte=period.start, decided_on__lt=period.end)
    return [_resolution_line(r) for r in resolutions.order_by("number_year", "number_seq")]


def approved_minutes(meeting_id: int) -> dict | None:
    """The approved minutes of one meeting, everything the PDF shows, or None while they are not
    approved. A fixed number of queries: meeting, seats, attendance, agenda items with their
    resolutions, written procedures reported to the meeting (with theirs)."""
    minutes = (
        Minutes.objects.select_related("meeting__circle", "meeting__chair", "approved_in")
        .filter(meeting_id=meeting_id, state=MinutesState.APPROVED)
        .first()
    )
    if minutes is None:
        return None
    meeting = minutes.meeting
    present = {
        a.seat_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("person", "seat__partner")
    }
    seats = list(SteeringSeat.objects.filter(circle=meeting.circle, is_active=True).select_related("partner"))
    # A seat recorded in the meeting and given up since still belongs to the record of that day.
    seats += [a.seat for seat_id, a in present.items() if seat_id not in {s.pk for s in seats}]
    attendance = [{"seat": seat, "attendance": present.get(seat.pk)} for seat in seats]
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("resolution").order_by("number", "pk"))
    ballots = list(Ballot.objects.filter(reported_in=meeting).select_related("resolution").order_by("closed_at", "pk"))
    return {
        "minutes": minutes,
        "meeting": meeting,
        "attendance": attendance,
        "present": len(present),
        "items": items,
        "ballots": ballots,
    }


def membership_requests_waiting(period: Period) -> list[str]:
    """Requests to join a network or add a focus area that wait for the circle (weekly brief)."""
    waiting = SteeringRequest.objects.filter(state=RequestState.FILED, filed_at__lt=period.end_at)
    return [f"{request} (eingegangen am {_day(request.filed_at)})" for request in waiting.order_by("filed_at")]
