"""The notification outbox with eager Celery and an in-memory mail backend."""

import smtplib
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar
from kombu.exceptions import OperationalError

from governance.models import Delivery, Notification, NotificationKind, NotificationPreference, NotificationState
from governance.services.calendar import calendar_invitation
from governance.services.notifications import notification_create, notification_enqueue, notification_sweep
from governance.tasks import send_daily_digests, send_notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TEXT = {
    "subject": {"de": "Neue Anfrage", "en": "New request"},
    "body": {"de": "Bitte entscheiden Sie.", "en": "Please decide."},
}


class FailingBackend(EmailBackend):
    """Raises the error the test puts in `error`, else behaves like locmem."""

    error: Exception | None = None

    def send_messages(self, messages):
        if FailingBackend.error is not None:
            raise FailingBackend.error
        return super().send_messages(messages)


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "tests.governance.test_outbox.FailingBackend"
    yield FailingBackend
    FailingBackend.error = None


def create(recipient, **extra) -> Notification:
    return notification_create(
        recipient=recipient, kind=NotificationKind.MEETING_INVITATION, link="/benachrichtigungen/", **TEXT, **extra
    )


def test_committed_notification_is_sent_once_in_the_recipients_language(django_capture_on_commit_callbacks):
    german, english = UserFactory(), UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        first, second = create(german), create(english)
    assert [m.subject for m in mail.outbox] == ["Neue Anfrage", "New request"]
    message = mail.outbox[0]
    assert message.to == [german.email]
    assert "Bitte entscheiden Sie." in message.body
    assert "http://127.0.0.1:8000/benachrichtigungen/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="de">' in html
    assert '<html lang="en">' in mail.outbox[1].alternatives[0][0]
    assert message.extra_headers["Message-ID"] == f"<notification-{first.pk}@kooperationsraum>"
    for notification in (first, second):
        notification.refresh_from_db()
        assert (notification.state, notification.attempts) == (NotificationState.SENT, 1)


def test_rolled_back_change_leaves_no_notification_and_no_mail(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError), transaction.atomic():
        create(person)
        raise ValueError("the change that caused it failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_nothing_is_enqueued_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = create(UserFactory())
    # The commit also renews the pages' versions (kooperationsraum/versions.py): one enqueue among them.
    enqueues = [callback for callback in callbacks if getattr(callback, "func", None) is notification_enqueue]
    assert mail.outbox == [] and len(enqueues) == 1
    assert Notification.objects.get(pk=notification.pk).state == NotificationState.PENDING


def test_redelivered_task_does_not_send_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = create(UserFactory())
    assert send_notification.delay(notification.pk).get() == "skipped"
    assert len(mail.outbox) == 1


def test_claimed_notification_is_left_alone_until_its_lease_expires(settings):
    notification = create(UserFactory())
    Notification.objects.filter(pk=notification.pk).update(state=NotificationState.SENDING, claimed_at=timezone.now())
    assert send_notification.delay(notification.pk).get() == "skipped"
    assert not Notification.objects.due(stale_after=timedelta(0)).exists()
    expired = timezone.now() - timedelta(seconds=settings.NOTIFICATION_CLAIM_LEASE + 1)
    Notification.objects.filter(pk=notification.pk).update(claimed_at=expired)
    assert list(Notification.objects.due(stale_after=timedelta(0))) == [notification]
    assert send_notification.delay(notification.pk).get() == "sent"
    assert len(mail.outbox) == 1


def test_broker_down_leaves_the_row_pending_and_the_sweep_delivers(django_capture_on_commit_callbacks, settings):
    settings.NOTIFICATION_SWEEP_AFTER = 0
    broken = mock.patch.object(send_notification, "apply_async", side_effect=OperationalError("down"))
    with broken, django_capture_on_commit_callbacks(execute=True):
        notification = create(UserFactory())  # the request goes on: no exception reaches it
    notification.refresh_from_db()
    assert (notification.state, notification.enqueued_at) == (NotificationState.PENDING, None)
    assert mail.outbox == []
    assert notification_sweep() == 1
    assert len(mail.outbox) == 1
    assert notification_sweep() == 0


def test_permanent_refusal_fails_at_once_with_the_reason(failing_mail):
    person = UserFactory(email="gibt-es-nicht@example.org")
    failing_mail.error = smtplib.SMTPRecipientsRefused({person.email: (550, b"5.1.1 Mailbox unavailable")})
    notification = create(person)
    assert send_notification.delay(notification.pk).get() == "failed"
    notification.refresh_from_db()
    assert notification.state == NotificationState.FAILED
    assert notification.attempts == 1
    assert "550" in notification.last_error


def test_transient_failure_is_retried_later_then_fails_after_the_last_attempt(failing_mail, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    failing_mail.error = smtplib.SMTPServerDisconnected("connection lost")
    notification = create(UserFactory())
    assert send_notification.delay(notification.pk).get() == "retry scheduled"
    notification.refresh_from_db()
    assert notification.state == NotificationState.PENDING
    assert notification.next_attempt_at > timezone.now()
    assert "connection lost" in notification.last_error
    for _ in range(2):
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)
        send_notification.delay(notification.pk).get()
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (NotificationState.FAILED, 3)


def test_backoff_grows_exponentially(settings):
    from governance.services.notifications import retry_delay

    settings.NOTIFICATION_RETRY_BASE = 30
    delays = [retry_delay(attempt) for attempt in (1, 2, 3, 4)]
    assert 24 <= delays[0] <= 36 and 192 <= delays[3] <= 288
    assert delays == sorted(delays)


def test_daily_digest_collects_instead_of_sending_at_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    NotificationPreference.objects.create(
        person=person, kind=NotificationKind.MEETING_INVITATION, delivery=Delivery.DAILY_DIGEST
    )
    with django_capture_on_commit_callbacks(execute=True):
        create(person)
        create(person)
        create(UserFactory())  # someone else, immediate
    assert len(mail.outbox) == 1
    assert send_daily_digests.delay().get() == 2
    digest = mail.outbox[1]
    assert digest.to == [person.email]
    assert digest.subject == "Ihre Benachrichtigungen aus dem Kooperationsraum (2)"
    assert digest.body.count("Neue Anfrage") == 2
    assert send_daily_digests.delay().get() == 0
    assert len(mail.outbox) == 2


def test_calendar_invitation_travels_as_an_ics_attachment(django_capture_on_commit_callbacks):
    berlin = ZoneInfo("Europe/Berlin")
    ics = calendar_invitation(
        uid="sitzung-2026-12",
        summary="Lenkungskreis Dezember",
        location="Mannheim",
        start=datetime(2026, 12, 10, 10, tzinfo=berlin),
        end=datetime(2026, 12, 10, 12, tzinfo=berlin),
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification_create(recipient=UserFactory(), kind=NotificationKind.MEETING_INVITATION, calendar=ics, **TEXT)
    filename, content, mimetype = mail.outbox[0].attachments[0]
    assert (filename, mimetype) == ("einladung.ics", "text/calendar; method=REQUEST")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Lenkungskreis Dezember"
    assert event.decoded("dtstart") == datetime(2026, 12, 10, 10, tzinfo=berlin)


def test_after_a_broker_failure_further_enqueues_do_not_wait_on_it(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(send_notification, "apply_async", side_effect=OperationalError("down")) as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _ in range(5):
            create(UserFactory())
    assert publish.call_count == 1  # one failed try, then the pause
    assert Notification.objects.filter(state=NotificationState.PENDING, enqueued_at=None).count() == 5
