"""Meetings as an ICS calendar (RFC 5545, METHOD:PUBLISH) for subscriptions and downloads.

Each meeting keeps the UID and SEQUENCE of its e-mailed invitations
(`governance.services.steering.meetings.meeting_calendar`), so a calendar that has both shows one
event, and a cancelled meeting stays in the feed marked CANCELLED instead of silently vanishing.
"""

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vText

from governance.models import Meeting


def meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.uid}@kooperationsraum")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    if meeting.place or meeting.video_link:
        event["location"] = vText(meeting.place or meeting.video_link)
    if meeting.video_link:
        event.add("url", meeting.video_link)
    return event


def meetings_calendar(meetings: Iterable[Meeting], *, name: str = "Lenkungskreis") -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Kooperationsraum//Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return calendar.to_ical().decode()
