"""The start page's next public dates: the steering circle's upcoming invited meetings, never a
planned (internal), cancelled or past one, in a fixed number of queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import selectors_register
from governance.models import Meeting
from tests.governance.register_data import SECRETS, build_register

pytestmark = pytest.mark.django_db
HOME = "/"


@pytest.fixture
def register():
    return build_register()


def body_of(client, **extra) -> str:
    response = client.get(HOME, **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_upcoming_public_meeting_is_on_the_start_page_with_its_links(client, register):
    body = body_of(client)
    assert "Nächste öffentliche Sitzungen des Lenkungskreises" in body
    assert "13. Sitzung des Lenkungskreises" in body
    assert reverse("register:meeting-detail", args=[register.upcoming.pk]) in body
    assert reverse("register:meeting-ics", args=[register.upcoming.pk]) in body
    assert reverse("register:meeting-list") in body
    assert "Mannheim" in body


def test_planned_cancelled_and_past_meetings_are_not_on_the_start_page(client, register):
    body = body_of(client)
    for title in ("Geplante Klausur", "Abgesagte Sondersitzung", "12. Sitzung des Lenkungskreises"):
        assert title not in body
    assert not [secret for secret in SECRETS if secret in body]


def test_time_is_shown_in_berlin_time(client, register):
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2099, 1, 15, 9, 30, tzinfo=berlin)  # 08:30 UTC
    Meeting.objects.filter(pk=register.upcoming.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    body = body_of(client)
    assert "15. Januar 2099 09:30" in body
    assert 'datetime="2099-01-15T09:30:00+01:00"' in body


def test_video_conference_is_named_but_its_link_is_not_shown(client, register):
    Meeting.objects.filter(pk=register.upcoming.pk).update(place="", video_link="https://video.example.org/geheim")
    body = body_of(client)
    assert "Videokonferenz" in body
    assert "video.example.org" not in body


def test_empty_state_when_no_public_meeting_is_announced(client, db):
    body = body_of(client)
    assert "Zurzeit ist keine öffentliche Sitzung des Lenkungskreises angekündigt." in body
    assert reverse("register:meeting-list") in body


def test_start_page_dates_in_english(client, register):
    client.cookies["django_language"] = "en"
    body = body_of(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "Next public meetings of the steering circle" in body
    assert "Add to your own calendar (ICS)" in body
    assert 'lang="de"' in body  # the entered meeting title keeps its language


def test_empty_state_in_english(client, db):
    client.cookies["django_language"] = "en"
    body = body_of(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "No public meeting of the steering circle has been announced at the moment." in body


def test_selector_takes_the_soonest_few_in_one_query(register):
    for days in range(1, 8):
        Meeting.objects.create(
            circle=register.circle,
            title=f"Zusatztermin {days}",
            starts_at=register.upcoming.starts_at + timedelta(days=days),
            ends_at=register.upcoming.ends_at + timedelta(days=days),
            place="Wiesbaden",
            state=register.upcoming.state,
            invited_at=register.upcoming.invited_at,
        )
    with CaptureQueriesContext(connection) as captured:
        meetings = selectors_register.meeting_list_upcoming_public(limit=3)
    assert len(captured) == 1
    assert [m.title for m in meetings] == ["13. Sitzung des Lenkungskreises", "Zusatztermin 1", "Zusatztermin 2"]


def test_start_page_query_count_does_not_grow_with_the_calendar(client, register):
    client.get(HOME)  # the catalogue's parts of the page are now cached; meetings are not part of them
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for days in range(1, 20):
        Meeting.objects.create(
            circle=register.circle,
            title=f"Zusatztermin {days}",
            starts_at=register.upcoming.starts_at + timedelta(days=days),
            ends_at=register.upcoming.ends_at + timedelta(days=days),
            place="Wiesbaden",
            state=register.upcoming.state,
            invited_at=register.upcoming.invited_at,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(HOME)
    assert len(many) == len(few)
