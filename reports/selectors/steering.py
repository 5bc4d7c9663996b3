"""The steering circle's part of the reports, one function per section. Each takes the report's
period and returns plain German lines, with a fixed number of queries whatever the circle's size.
The annual report is public: it reads through `governance.selectors_register`, which lets only
public resolutions out."""

from django.db.models import Count, Q
from django.utils import formats

from governance.models import Ballot, BallotState, RequestState, Resolution, SteeringRequest
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


def approved_minutes(meeting_id: int):
    """The approved minutes of one meeting, or None (minutes PDF, kind `minutes`: not built yet)."""
    return None


def membership_requests_waiting(period: Period) -> list[str]:
    """Requests to join a network or add a focus area that wait for the circle (weekly brief)."""
    waiting = SteeringRequest.objects.filter(state=RequestState.FILED, filed_at__lt=period.end_at)
    return [f"{request} (eingegangen am {_day(request.filed_at)})" for request in waiting.order_by("filed_at")]
