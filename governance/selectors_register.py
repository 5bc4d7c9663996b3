"""Reads for the public side of the steering circle: the register of resolutions, the meeting
calendar, OParl and the members' calendar feed.

Everything public leaves through here, and nothing else does: public resolutions only (numbered,
visibility public, and never from an internal agenda item), meetings only once invited, public
agenda items and public documents only, and no person at all (rule 6: seats are shown by partner).
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from governance.models import (
    AgendaItem,
    CalendarFeed,
    FocusArea,
    Meeting,
    MeetingState,
    Resolution,
    SteeringCircle,
    SteeringDocument,
    Visibility,
    token_digest,
)
from governance.permissions_steering import may_use_steering_workspace
from governance.selectors_steering import meeting_list_for_user


def public_resolutions() -> QuerySet[Resolution]:
    return (
        Resolution.objects.public()
        .exclude(agenda_item__is_public=False)
        .exclude(agenda_item__meeting__state=MeetingState.PLANNED)
    )


def resolution_list_public(*, filters: dict | None = None) -> QuerySet[Resolution]:
    """The register, newest first, with what its page shows; `filters`: q, year, focus_area."""
    resolutions = public_resolutions()
    filters = filters or {}
    if q := filters.get("q"):
        resolutions = resolutions.filter(Q(number__icontains=q) | Q(title__icontains=q) | Q(text__icontains=q))
    if year := filters.get("year"):
        resolutions = resolutions.filter(number_year=year)
    if area := filters.get("focus_area"):
        resolutions = resolutions.filter(focus_areas=area)
    return (
        resolutions.select_related("circle", "agenda_item__meeting", "ballot")
        .prefetch_related("focus_areas", "subject")
        .order_by("-decided_on", "-number_year", "-number_seq", "-pk")
    )


def resolution_get_public(*, number: str) -> Resolution:
    resolution = resolution_list_public().filter(number=number).first()
    if resolution is None:
        raise Http404
    return resolution


def resolution_years() -> list[int]:
    return list(public_resolutions().order_by("-number_year").values_list("number_year", flat=True).distinct())


def resolution_focus_areas() -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(resolutions__in=public_resolutions()).distinct().order_by("name")


def public_meetings() -> QuerySet[Meeting]:
    """Meetings the circle has invited to, cancelled ones included (a calendar shows the cancellation)."""
    return Meeting.objects.filter(invited_at__isnull=False).exclude(state=MeetingState.PLANNED)


def public_agenda_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(is_public=True, meeting__in=public_meetings())


def public_documents() -> QuerySet[SteeringDocument]:
    return SteeringDocument.objects.marked_public().filter(
        Q(agenda_item__in=public_agenda_items()) | Q(ballot__resolution__in=public_resolutions())
    )


def _with_public_agenda(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    items = (
        AgendaItem.objects.filter(is_public=True)
        .select_related("resolution")
        .prefetch_related(Prefetch("documents", queryset=SteeringDocument.objects.marked_public()))
        .order_by("number")
    )
    return meetings.select_related("circle").prefetch_related(
        Prefetch("agenda_items", queryset=items, to_attr="public_items")
    )


def meetings_public_with_agenda() -> QuerySet[Meeting]:
    return _with_public_agenda(public_meetings())


def meeting_list_public(*, upcoming: bool, now=None) -> QuerySet[Meeting]:
    """Upcoming meetings (cancelled ones too, marked: a visitor may have noted the date) or past ones."""
    meetings = meetings_public_with_agenda()
    if upcoming:
        return meetings.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")
    return meetings.past(now).order_by("-starts_at", "-pk")


def meeting_list_upcoming_public(*, limit: int = 3, now=None) -> list[Meeting]:
    """The next few public meetings for the start page, soonest first: invited, not cancelled, not over.
    One query, whatever the size of the calendar."""
    meetings = public_meetings().upcoming(now).order_by("starts_at", "pk")
    return list(meetings[:limit])


def meeting_get_public(*, pk: int) -> Meeting:
    meeting = meetings_public_with_agenda().filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def document_get_public(*, pk: int) -> SteeringDocument:
    document = public_documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def public_resolution_for(item: AgendaItem) -> Resolution | None:
    """The agenda item's resolution if it is public (the prefetched one: no query)."""
    resolution = getattr(item, "resolution", None)
    if resolution is None or not resolution.number or resolution.visibility != Visibility.PUBLIC:
        return None
    return resolution


def circles() -> QuerySet[SteeringCircle]:
    return SteeringCircle.objects.order_by("pk")


def calendar_feed_meetings(*, token: str) -> tuple:
    """(person, meetings) behind a feed token; a revoked or unknown token, or a person who no longer
    sits in the circle, is a 404 (the address alone must not outlive the role)."""
    feed = CalendarFeed.objects.active().select_related("person").filter(token_hash=token_digest(token)).first()
    if feed is None or not feed.person.is_active or not may_use_steering_workspace(feed.person):
        raise Http404
    meetings = meeting_list_for_user(user=feed.person).filter(invited_at__isnull=False)
    return feed, meetings.exclude(state=MeetingState.PLANNED).order_by("starts_at", "pk")
