"""The steering circle's part of the reports: extension points, one function per section.

The steering circle (meetings, resolutions, written procedures, minutes) is built in
`governance` on another branch. Each function below returns an empty result until then, and
each template renders its section with an empty state, so the reports already have the shape
they will keep. Every function takes the report's period and returns plain rows.
"""

from reports.periods import Period


def resolutions_of_period(period: Period) -> list:
    """Resolutions taken in the period (monthly pack): number, title, date, how taken."""
    # wired to the steering circle at merge
    return []


def open_written_procedures(period: Period) -> list:
    """Written procedures still open at the period's end (monthly pack): title, deadline, votes."""
    # wired to the steering circle at merge
    return []


def written_procedures_closing(period: Period) -> list:
    """Written procedures whose deadline falls in the period (weekly brief: this week)."""
    # wired to the steering circle at merge
    return []


def public_resolutions_of_year(period: Period) -> list:
    """Public resolutions of the year (annual report): number, title, date."""
    # wired to the steering circle at merge
    return []


def approved_minutes(meeting_id: int):
    """The approved minutes of one meeting, or None (minutes PDF, kind `minutes`)."""
    # wired to the steering circle at merge
    return None


def membership_requests_waiting(period: Period) -> list:
    """Requests to join a network that wait for a decision (weekly brief). The portal has no
    such request yet: memberships are entered by the secretariat directly."""
    # wired at merge if a membership request model arrives
    return []
