"""Calendar invitations (ICS) to attach to notifications, e.g. for steering circle meetings."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


def calendar_invitation(
    *,
    uid: str,
    summary: str,
    start: datetime,
    end: datetime,
    location: str = "",
    description: str = "",
    organizer_email: str = "",
    sequence: int = 0,
    method: str = "REQUEST",
) -> str:
    """One VEVENT as an iTIP REQUEST; a stable `uid` with a higher `sequence` updates it, and
    `method="CANCEL"` (with a higher `sequence` too) removes it from the recipient's calendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kooperationsraum//Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{uid}@kooperationsraum")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("sequence", sequence)
    if method == "CANCEL":
        event.add("status", "CANCELLED")
    if location:
        event["location"] = vText(location)
    if description:
        event.add("description", description)
    organizer = vCalAddress(f"mailto:{organizer_email or settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    event["organizer"] = organizer
    calendar.add_component(event)
    return calendar.to_ical().decode()
