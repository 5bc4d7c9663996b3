"""The notification centre: own notifications, reading, settings, the header count; failed
notifications and their resending for the secretariat."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from governance.context_processors import notifications as notification_context
from governance.models import (
    AuditEvent,
    AuditVerb,
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationState,
)
from governance.services.notifications import (
    notification_create,
    notification_mark_failed,
    notification_mark_read,
)
from tests.conftest import assert_login_redirect
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("governance:notification-list")
MARK_ALL = reverse("governance:notification-mark-all-read")
PREFERENCES = reverse("governance:notification-preferences")
FAILED = reverse("governance:notification-failed")


def detail(notification) -> str:
    return reverse("governance:notification-detail", args=[notification.pk])


def retry(notification) -> str:
    return reverse("governance:notification-retry", args=[notification.pk])


def notify(recipient, subject="Sitzung am 3. März", *, kind=NotificationKind.MEETING_INVITATION, link=""):
    """Created through the service, as the portal does; delivery is left out (no on-commit run)."""
    with transaction.atomic():
        return notification_create(
            recipient=recipient,
            kind=kind,
            subject={"de": subject, "en": f"EN: {subject}"},
            body={"de": f"Text zu {subject}", "en": f"Text about {subject}"},
            link=link,
        )


def failed(recipient, subject="Einladung") -> Notification:
    notification = notify(recipient, subject)
    notification_mark_failed(notification, reason="550 5.1.1 mailbox unavailable")
    notification.refresh_from_db()
    return notification


# --- the list -----------------------------------------------------------------------------------


def test_list_anonymous_goes_to_login(client):
    assert_login_redirect(client.get(LIST))


def test_list_shows_only_own_notifications_newest_first(person_client, person):
    older = notify(person, "Ältere Nachricht")
    newer = notify(person, "Neuere Nachricht")
    notify(UserFactory(), "Fremde Nachricht")
    response = person_client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert [row.notification for row in response.context["rows"]] == [newer, older]
    assert "Fremde Nachricht" not in page
    assert page.index("Neuere Nachricht") < page.index("Ältere Nachricht")


def test_unread_ones_are_marked_in_words(person_client, person):
    read = notify(person, "Schon gelesen")
    notify(person, "Noch offen")
    notification_mark_read(notification=read)
    page = person_client.get(LIST).content.decode()
    assert '<tr class="is-unread">' in page
    assert page.count('<span class="badge">ungelesen</span>') == 1
    assert ">gelesen</span>" in page
    assert "Sie haben 1 ungelesene Benachrichtigung." in page


def test_list_empty_state(person_client):
    page = person_client.get(LIST).content.decode()
    assert "Sie haben noch keine Benachrichtigungen." in page
    assert "Alle als gelesen markieren" not in page


def test_list_pages_of_twenty_five(person_client, person):
    for number in range(26):
        notify(person, f"Nachricht {number}")
    assert len(person_client.get(LIST).context["rows"]) == 25
    second = person_client.get(LIST, {"page": 2})
    assert [row.subject for row in second.context["rows"]] == ["Nachricht 0"]
    assert person_client.get(LIST, {"page": "zwei"}).context["page_obj"].number == 1
    assert person_client.get(LIST, {"page": 99}).context["page_obj"].number == 2


def test_list_subjects_follow_the_interface_language(person_client, person):
    notify(person, "Sitzung")
    person_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = person_client.get(LIST).content.decode()
    assert "EN: Sitzung" in page


def test_secretariat_finds_the_failed_list_from_the_centre(secretariat_client):
    assert f'href="{FAILED}"' in secretariat_client.get(LIST).content.decode()


def test_others_do_not_see_the_failed_list_link(person_client):
    assert f'href="{FAILED}"' not in person_client.get(LIST).content.decode()


# --- marking all read ---------------------------------------------------------------------------


def test_mark_all_read(person_client, person):
    mine = [notify(person), notify(person)]
    other = notify(UserFactory())
    response = person_client.post(MARK_ALL, {"next": f"{LIST}?page=1"}, follow=True)
    assert response.redirect_chain == [(f"{LIST}?page=1", 302)]
    assert "Alle Benachrichtigungen sind als gelesen markiert." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_mark_all_read_refuses_a_foreign_next(person_client, person):
    notify(person)
    response = person_client.post(MARK_ALL, {"next": "https://evil.example.com/"})
    assert response["Location"] == LIST


def test_mark_all_read_is_post_only(person_client, person):
    notification = notify(person)
    assert person_client.get(MARK_ALL).status_code == 405
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_mark_all_read_anonymous_goes_to_login(client, person):
    notification = notify(person)
    assert_login_redirect(client.post(MARK_ALL))
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_mark_all_read_needs_the_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    notification = notify(person)
    assert client.post(MARK_ALL).status_code == 403
    assert Notification.objects.get(pk=notification.pk).read_at is None


# --- one notification ---------------------------------------------------------------------------


def test_detail_anonymous_goes_to_login(client, person):
    assert_login_redirect(client.get(detail(notify(person))))


def test_detail_shows_it_and_marks_it_read(person_client, person):
    notification = notify(person, "Einladung", link="/arbeitsbereich/sitzungen/7/")
    response = person_client.get(detail(notification))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "<h1>Einladung</h1>" in page
    assert "Text zu Einladung" in page
    assert 'href="/arbeitsbereich/sitzungen/7/"' in page
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_detail_in_english(person_client, person):
    notification = notify(person, "Einladung")
    person_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = person_client.get(detail(notification)).content.decode()
    assert "EN: Einladung" in page
    assert "Text about Einladung" in page


def test_detail_offers_no_link_out_of_the_portal(person_client, person):
    notification = notify(person, "Einladung", link="//evil.example.com/")
    page = person_client.get(detail(notification)).content.decode()
    assert "evil.example.com" not in page


def test_detail_of_someone_elses_notification_is_not_found(person_client):
    other = notify(UserFactory(), "Vertraulich")
    assert person_client.get(detail(other)).status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_detail_not_found_even_for_the_secretariat(secretariat_client, person):
    assert secretariat_client.get(detail(notify(person))).status_code == 404


def test_detail_of_a_missing_notification_is_not_found(person_client):
    assert person_client.get(reverse("governance:notification-detail", args=[987654])).status_code == 404


# --- preferences --------------------------------------------------------------------------------


def test_preferences_anonymous_goes_to_login(client):
    assert_login_redirect(client.get(PREFERENCES))
    assert_login_redirect(client.post(PREFERENCES, {}))


def test_preferences_default_to_immediate(person_client):
    response = person_client.get(PREFERENCES)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert page.count(" checked>") == len(NotificationKind.values)
    form = response.context["form"]
    assert {name: form[name].value() for name in form.fields} == dict.fromkeys(
        NotificationKind.values, Delivery.IMMEDIATE
    )
    assert "<legend>Einladung zu einer Sitzung:</legend>" in page  # each group labelled


def test_preferences_saved_and_used(person_client, person):
    data = dict.fromkeys(NotificationKind.values, Delivery.IMMEDIATE)
    data[NotificationKind.REUSE_INQUIRY] = Delivery.DAILY_DIGEST
    response = person_client.post(PREFERENCES, data, follow=True)
    assert response.redirect_chain == [(PREFERENCES, 302)]
    assert "Ihre Einstellungen für Benachrichtigungen sind gespeichert." in response.content.decode()
    assert NotificationPreference.objects.get(person=person, kind=NotificationKind.REUSE_INQUIRY).delivery == (
        Delivery.DAILY_DIGEST
    )
    assert response.context["form"][NotificationKind.REUSE_INQUIRY].value() == Delivery.DAILY_DIGEST
    assert notify(person, kind=NotificationKind.REUSE_INQUIRY).delivery == Delivery.DAILY_DIGEST
    assert notify(person, kind=NotificationKind.MEETING_INVITATION).delivery == Delivery.IMMEDIATE


def test_preferences_refuse_invalid_input(person_client, person):
    data = dict.fromkeys(NotificationKind.values, Delivery.IMMEDIATE)
    data[NotificationKind.REUSE_INQUIRY] = "weekly"
    del data[NotificationKind.MEETING_INVITATION]
    response = person_client.post(PREFERENCES, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Bitte wählen Sie „sofort“ oder „einmal täglich gesammelt“." in page
    assert "Bitte wählen Sie, wie Sie diese Benachrichtigungen erhalten." in page
    assert not NotificationPreference.objects.filter(person=person).exists()


def test_preferences_are_ones_own(person_client, person):
    other = UserFactory()
    data = dict.fromkeys(NotificationKind.values, Delivery.DAILY_DIGEST)
    person_client.post(PREFERENCES, data)
    assert NotificationPreference.objects.filter(person=person).count() == len(NotificationKind.values)
    assert not NotificationPreference.objects.filter(person=other).exists()


# --- header count -------------------------------------------------------------------------------


def test_header_shows_the_unread_count_to_the_owner(person_client, person):
    for _ in range(3):
        notify(person)
    notify(UserFactory())
    page = person_client.get("/").content.decode()
    assert (
        '<span class="visually-hidden">(</span><span class="badge">3</span>'
        '<span class="visually-hidden"> ungelesen)</span>'
    ) in page
    assert f'<a href="{LIST}">Benachrichtigungen' in page


def test_header_without_unread_shows_the_link_without_badge(person_client, person):
    notification_mark_read(notification=notify(person))
    page = person_client.get("/").content.decode()
    assert f'<a href="{LIST}">Benachrichtigungen</a>' in page
    assert 'class="badge"' not in page


def test_header_has_no_count_for_anonymous(client):
    page = client.get("/").content.decode()
    assert "ungelesen" not in page
    assert LIST not in page


def test_context_processor_costs_no_query_for_anonymous(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert notification_context(request) == {}


def test_context_processor_costs_one_count_query(person, django_assert_num_queries):
    notify(person)
    request = RequestFactory().get("/")
    request.user = person
    with django_assert_num_queries(1):
        context = notification_context(request)
    assert context["notification_unread_count"] == 1


# --- failed notifications (secretariat) ---------------------------------------------------------


def test_failed_list_anonymous_goes_to_login(client):
    assert_login_redirect(client.get(FAILED))


@pytest.mark.parametrize("role", ["outsider", "cio_bw", "steering_member"])
def test_failed_list_refused_without_secretariat_role(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(FAILED).status_code == 403


def test_failed_list_for_the_secretariat(secretariat_client, person):
    broken = failed(person, "Einladung zur Sitzung")
    notify(person, "Wartet noch")
    response = secretariat_client.get(FAILED)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert [row.notification for row in response.context["rows"]] == [broken]
    assert person.email in page
    assert "Einladung zur Sitzung" in page
    assert "550 5.1.1 mailbox unavailable" in page
    assert "Wartet noch" not in page
    assert f'action="{retry(broken)}"' in page
    assert "Erneut senden" in page


def test_failed_list_empty_state(secretariat_client):
    page = secretariat_client.get(FAILED).content.decode()
    assert "Zurzeit gibt es keine fehlgeschlagenen Benachrichtigungen." in page


def test_retry_anonymous_goes_to_login(client, person):
    broken = failed(person)
    assert_login_redirect(client.post(retry(broken)))
    assert Notification.objects.get(pk=broken.pk).state == NotificationState.FAILED


@pytest.mark.parametrize("role", ["outsider", "cio_bw"])
def test_retry_refused_without_secretariat_role(client, request, role, person):
    client.force_login(request.getfixturevalue(role))
    broken = failed(person)
    assert client.post(retry(broken)).status_code == 403
    assert Notification.objects.get(pk=broken.pk).state == NotificationState.FAILED
    assert not AuditEvent.objects.exists()


def test_retry_of_a_missing_notification_is_not_found(secretariat_client):
    response = secretariat_client.post(reverse("governance:notification-retry", args=[987654]))
    assert response.status_code == 404


def test_retry_is_post_only(secretariat_client, person):
    broken = failed(person)
    assert secretariat_client.get(retry(broken)).status_code == 405
    assert Notification.objects.get(pk=broken.pk).state == NotificationState.FAILED


def test_retry_puts_it_back_to_pending_and_records_it(
    secretariat_client, secretariat, person, django_capture_on_commit_callbacks
):
    broken = failed(person)
    # Capture without running: the state right after the retry, before the worker takes it.
    with django_capture_on_commit_callbacks() as callbacks:
        response = secretariat_client.post(retry(broken), follow=True)
    assert response.redirect_chain == [(FAILED, 302)]
    assert f"Die Benachrichtigung an {person.email} wird erneut gesendet." in response.content.decode()
    broken.refresh_from_db()
    assert broken.state == NotificationState.PENDING
    assert broken.attempts == 0
    assert len(callbacks) == 1
    event = AuditEvent.objects.get()
    assert event.verb == AuditVerb.NOTIFICATION_RETRIED
    assert event.actor == secretariat
    assert event.target_id == str(broken.pk)
    assert event.ip_address == "127.0.0.1"


def test_retry_sends_the_email_after_commit(secretariat_client, person, django_capture_on_commit_callbacks):
    broken = failed(person, "Einladung zur Sitzung")
    mail.outbox.clear()
    # Celery runs eagerly in tests with the locmem backend: the enqueue after commit sends at once.
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(retry(broken))
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == "Einladung zur Sitzung"
    broken.refresh_from_db()
    assert broken.state == NotificationState.SENT
    assert AuditEvent.objects.filter(verb=AuditVerb.NOTIFICATION_RETRIED).count() == 1


@pytest.mark.parametrize("state", ["pending", "sent"])
def test_retry_of_a_notification_that_did_not_fail_is_refused(
    secretariat_client, person, django_capture_on_commit_callbacks, state
):
    notification = notify(person)
    if state == "sent":
        Notification.objects.filter(pk=notification.pk).update(state=NotificationState.SENT)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = secretariat_client.post(retry(notification), follow=True)
    assert response.redirect_chain == [(FAILED, 302)]
    assert (
        "Diese Benachrichtigung ist nicht fehlgeschlagen und wird daher nicht erneut gesendet."
        in response.content.decode()
    )
    assert Notification.objects.get(pk=notification.pk).state == state
    assert not callbacks
    assert not AuditEvent.objects.exists()
