"""The notification outbox against real PostgreSQL, Redis, SMTP and Celery worker processes.

What a person would notice is what is asserted: e-mails arriving (once, not twice, not never) and
the state of the rows the secretariat sees.
"""

import time
from datetime import timedelta

import pytest
from django.db import transaction

from governance.models import Notification, NotificationKind, NotificationState
from governance.services.notifications import notification_create, notification_sweep
from tests.backing_services.conftest import CLAIM_LEASE, SITE_URL, SWEEP_AFTER, VISIBILITY_TIMEOUT, wait_for
from tests.factories import UserFactory

pytestmark = pytest.mark.backing_services

SUBJECT = {
    "de": "Einladung zur Sitzung des Lenkungskreises im März",
    "en": "Invitation to the steering circle meeting in March",
}
BODY = {"de": "Die nächste Sitzung findet am 12. März statt.", "en": "The next meeting takes place on 12 March."}
LINK = "/arbeitsbereich/sitzungen/42/"


@pytest.fixture
def outbox(services_db, smtp_sink, redis_server, celery_publisher, celery_worker):
    """Everything a delivery needs; the tests start their workers themselves."""
    return smtp_sink, redis_server, celery_worker


def notify(person, **overrides) -> Notification:
    return notification_create(
        recipient=person,
        kind=NotificationKind.MEETING_INVITATION,
        subject=overrides.get("subject", SUBJECT),
        body=overrides.get("body", BODY),
        link=overrides.get("link", LINK),
    )


def row(notification: Notification) -> Notification:
    return Notification.objects.get(pk=notification.pk)


def is_due(notification: Notification) -> bool:
    """Would the sweep hand it to a worker now?"""
    return Notification.objects.due(stale_after=timedelta(seconds=SWEEP_AFTER)).filter(pk=notification.pk).exists()


def wait_for_state(notification: Notification, state: str, timeout: float = 30) -> Notification:
    return wait_for(
        lambda: (r := row(notification)).state == state and r,
        timeout,
        message=f"notification {notification.pk} to become {state}",
    )


def wait_for_broker_idle(redis_server, timeout: float = 15) -> None:
    """Nothing queued and nothing handed out but unacknowledged: no redelivery can follow."""
    wait_for(
        lambda: redis_server.queued() == 0 and not redis_server.unacked(),
        timeout,
        message="the broker to hold no queued or unacknowledged message",
    )


def test_committed_notification_is_delivered_exactly_once(outbox):
    sink, redis_server, start_worker = outbox
    start_worker()
    german = UserFactory()
    english = UserFactory(preferred_language="en")
    rolled_back = UserFactory()

    with transaction.atomic():
        to_german = notify(german)
        to_english = notify(english)
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(rolled_back)
        raise RuntimeError("the change that would have caused it fails")

    for person, notification, language in ((german, to_german, "de"), (english, to_english, "en")):
        wait_for(lambda email=person.email: sink.messages_to(email), 30, message=f"mail to {person.email}")
        sent = wait_for_state(notification, NotificationState.SENT, 10)
        assert sent.attempts == 1
        assert sent.sent_at is not None and sent.last_error == ""

        [received] = sink.messages_to(person.email)
        message = received.message
        assert message["To"] == person.email
        assert message["Subject"] == SUBJECT[language]
        assert message["Message-ID"] == f"<notification-{notification.pk}@kooperationsraum>"
        assert message.get_content_type() == "multipart/alternative"
        plain = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert BODY[language] in plain
        assert f"{SITE_URL}{LINK}" in plain
        assert f'href="{SITE_URL}{LINK}"' in html
        assert f'<html lang="{language}">' in html

    # Acknowledged, so nothing can come back; and nothing does, even after the visibility timeout.
    wait_for_broker_idle(redis_server)
    time.sleep(VISIBILITY_TIMEOUT + 1)
    assert len(sink.messages_to(german.email)) == 1
    assert len(sink.messages_to(english.email)) == 1
    assert sink.messages_to(rolled_back.email) == []
    assert not Notification.objects.filter(recipient=rolled_back).exists()
    assert len(sink.messages) == 2


def test_worker_killed_mid_delivery_sends_exactly_one_email(outbox):
    sink, redis_server, start_worker = outbox
    first = start_worker("killed")
    person = UserFactory()
    hold = sink.hold(person.email)

    with transaction.atomic():
        notification = notify(person)
    assert hold.seen.wait(30), "the worker never reached RCPT for the held recipient"

    claimed = row(notification)
    assert (claimed.state, claimed.attempts) == (NotificationState.SENDING, 1)
    first.kill()  # mid-delivery: the mail server has not accepted anything yet
    hold.release.set()
    unacked = redis_server.unacked()
    assert len(unacked) == 1, "the killed worker's message should still be unacknowledged (acks_late)"
    [tag] = unacked
    assert sink.messages_to(person.email) == []

    second = start_worker("after-kill")
    # The claim lease runs out; the sweep hands the abandoned notification to the new worker
    # (unless that worker already had it back from Redis when it started, see below).
    wait_for(
        lambda: is_due(notification) or row(notification).state == NotificationState.SENT,
        CLAIM_LEASE + 5,
        message="the claim lease to expire",
    )
    swept = notification_sweep()
    print(f"sweep re-enqueued {swept}")
    wait_for(lambda: sink.messages_to(person.email), 30, message="the mail after the kill")
    sent = wait_for_state(notification, NotificationState.SENT, 10)
    assert sent.attempts == 2

    # Redis gives the killed worker's message back once its visibility timeout has passed.
    # A worker restores such messages when it starts polling; if the second one was not late
    # enough for that, a third one is.
    if tag in redis_server.unacked():
        handed_out_at = redis_server.unacked()[tag]
        time.sleep(max(0.0, handed_out_at + VISIBILITY_TIMEOUT + 0.5 - time.time()))
        second.terminate()
        third = start_worker("restorer")
        wait_for(lambda: "succeeded" in third.log(), 30, message="the restored message to be run")
        assert tag not in redis_server.unacked()
        redelivered_to = third
    else:
        print("the killed worker's message was restored when the second worker started")
        redelivered_to = second if swept else None
    wait_for_broker_idle(redis_server)
    time.sleep(1)
    assert len(sink.messages_to(person.email)) == 1, "the redelivered task sent a second e-mail"
    assert row(notification).state == NotificationState.SENT
    if redelivered_to is not None:
        assert "'skipped'" in redelivered_to.log()


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_notifications_created_while_redis_is_down_are_delivered_later(outbox, outage):
    """Stopped: connections are refused. Frozen (SIGSTOP): Redis accepts but never answers."""
    sink, redis_server, start_worker = outbox
    start_worker()
    # The web process has been publishing: its pooled broker connection is open when Redis goes.
    earlier = UserFactory()
    with transaction.atomic():
        notify(earlier)
    wait_for(lambda: sink.messages_to(earlier.email), 30, message="the mail before the outage")
    people = [UserFactory() for _ in range(3)]

    redis_server.stop() if outage == "stopped" else redis_server.freeze()
    began = time.perf_counter()
    with transaction.atomic():  # the request path: must not raise
        notifications = [notify(person) for person in people]
    elapsed = time.perf_counter() - began
    print(f"3 x notification_create + commit with Redis {outage}: {elapsed:.3f}s")

    for notification in notifications:
        pending = row(notification)
        assert pending.state == NotificationState.PENDING
        assert pending.enqueued_at is None
        assert pending.attempts == 0
    assert len(sink.messages) == 1  # the one from before the outage

    redis_server.start() if outage == "stopped" else redis_server.thaw()
    # A frozen Redis may still execute a publish that timed out on the client once it is thawed
    # (the command sat in its socket buffer): then the task arrives twice, and must send once.
    print(f"queued after the outage, before the sweep: {redis_server.queued()}")
    swept = notification_sweep()
    print(f"sweep re-enqueued {swept}")
    if outage == "stopped":
        assert swept == 3
    for person, notification in zip(people, notifications, strict=True):
        wait_for(lambda email=person.email: sink.messages_to(email), 45, message=f"mail to {person.email}")
        wait_for_state(notification, NotificationState.SENT, 10)
    wait_for_broker_idle(redis_server)
    for person in [earlier, *people]:
        assert len(sink.messages_to(person.email)) == 1
    assert len(sink.messages) == 4


def test_permanent_refusal_fails_once_and_does_not_block_the_queue(outbox):
    sink, redis_server, start_worker = outbox
    start_worker()
    refused, fine = UserFactory(), UserFactory()
    sink.refuse(refused.email)

    with transaction.atomic():
        bounced = notify(refused)
    wait_for(
        lambda: (r := row(bounced)).state != NotificationState.SENDING and r.attempts >= 1,
        30,
        message="the first attempt to end",
    )
    with transaction.atomic():
        delivered = notify(fine)
    wait_for(lambda: sink.messages_to(fine.email), 30, message="the mail to the good address")
    wait_for_state(delivered, NotificationState.SENT, 10)
    wait_for_broker_idle(redis_server)

    failed = row(bounced)
    assert failed.state == NotificationState.FAILED, f"retried: {failed.last_error}"
    assert failed.attempts == 1
    assert "550" in failed.last_error
    assert sink.messages_to(refused.email) == []
    assert len(sink.messages_to(fine.email)) == 1
    assert row(delivered).attempts == 1


def test_transient_failure_is_retried_and_delivered_once(outbox):
    sink, redis_server, start_worker = outbox
    start_worker()
    person = UserFactory()
    sink.stop()  # the mail server is away: connection refused

    with transaction.atomic():
        notification = notify(person)
    waiting = wait_for(
        lambda: (r := row(notification)).state == NotificationState.PENDING and r.attempts >= 1 and r,
        30,
        message="the first failed attempt",
    )
    assert "ConnectionRefused" in waiting.last_error
    assert waiting.next_attempt_at is not None

    sink.start()  # back, on the same port
    # Celery's own retry (countdown) or the sweep, whichever comes first, delivers it.
    ready = wait_for(
        lambda: (
            "due for the sweep"
            if is_due(notification)
            else "already sent by Celery's retry"
            if row(notification).state == NotificationState.SENT
            else None
        ),
        30,
        message="the notification to become due (or be retried by Celery)",
    )
    print(f"{ready}; sweep re-enqueued {notification_sweep()}")
    wait_for(lambda: sink.messages_to(person.email), 30, message="the mail after the retry")
    sent = wait_for_state(notification, NotificationState.SENT, 10)
    assert sent.attempts >= 2
    wait_for_broker_idle(redis_server)
    time.sleep(1)
    assert len(sink.messages_to(person.email)) == 1
