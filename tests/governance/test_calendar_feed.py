"""A member's personal calendar feed: one secret, revocable address per person with every invited
meeting of their circle; it stops working when revoked, replaced or when the person leaves."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import CalendarFeed, RoleAssignment
from governance.services.calendar_feeds import calendar_feed_create
from tests.factories import UserFactory
from tests.governance.register_data import build_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return build_register()


def feed_url(token: str) -> str:
    return reverse("register:calendar-feed", args=[token])


def unfolded(response) -> str:
    return response.content.decode().replace("\r\n ", "")


def test_member_subscribes_and_sees_every_invited_meeting_with_stable_uids(client, register):
    token = calendar_feed_create(person=register.member)
    response = client.get(feed_url(token))
    body = unfolded(response)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    for meeting in (register.past, register.upcoming, register.cancelled):
        assert f"UID:meeting-{meeting.uid}@kooperationsraum" in body
    assert f"meeting-{register.planned.uid}" not in body  # not announced yet
    assert "STATUS:CANCELLED" in body
    assert CalendarFeed.objects.get(person=register.member).last_used_at is not None


def test_only_a_hash_of_the_token_is_stored(register):
    token = calendar_feed_create(person=register.member)
    assert not CalendarFeed.objects.filter(token_hash=token).exists()


def test_a_new_address_ends_the_old_one_and_revoking_ends_both(client, register):
    first = calendar_feed_create(person=register.member)
    second = calendar_feed_create(person=register.member)
    assert client.get(feed_url(first)).status_code == 404
    assert client.get(feed_url(second)).status_code == 200
    client.force_login(register.member)
    client.post(reverse("register:calendar-feed-manage"), {"action": "revoke"})
    assert client.get(feed_url(second)).status_code == 404


def test_the_address_does_not_outlive_the_role(client, register):
    token = calendar_feed_create(person=register.member)
    yesterday = timezone.localdate() - timedelta(days=1)
    RoleAssignment.objects.filter(person=register.member).update(valid_from=yesterday, valid_until=yesterday)
    assert client.get(feed_url(token)).status_code == 404


def test_manage_page_shows_the_address_once(client, register):
    client.force_login(register.member)
    page = reverse("register:calendar-feed-manage")
    assert "Sie haben noch keine Kalenderadresse." in client.get(page).content.decode()
    shown = client.post(page, {"action": "create"}, follow=True).content.decode()
    assert "Ihre Kalenderadresse:" in shown and "/kalender/" in shown
    again = client.get(page).content.decode()
    assert "Ihre Kalenderadresse:" not in again and "Sie haben eine aktive Kalenderadresse" in again


def test_manage_page_anonymous_goes_to_login_and_outsider_is_refused(client, register):
    page = reverse("register:calendar-feed-manage")
    response = client.get(page)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(UserFactory())
    assert client.get(page).status_code == 403
    assert client.post(page, {"action": "create"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_unknown_token_is_not_found(client, register):
    assert client.get(feed_url("erfunden")).status_code == 404
