"""The notification outbox: create with the change, enqueue after commit, deliver at most once.

Delivery claims the row under a lock before it talks to the mail server, so a re-delivered task
(worker killed, sweep, Celery retry) finds it sent or claimed and does nothing. Only a worker that
dies after the mail server accepted the message but before the row is marked sent can cause a
second e-mail; the stable Message-ID lets mail servers drop that duplicate.
"""

import logging
import random
import smtplib
import time
from collections.abc import Mapping
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation

from governance.models import (
    AuditVerb,
    Delivery,
    Notification,
    NotificationPreference,
    NotificationState,
    person_ref,
)
from governance.permissions import is_secretariat
from governance.services.audit import audit_record

logger = logging.getLogger(__name__)
# Enqueued by name (the task is registered by GovernanceConfig.ready): tasks import services, never back.
SEND_NOTIFICATION_TASK = "governance.tasks.send_notification"


class PermanentDeliveryError(Exception):
    """The mail server refused for good (5xx): retrying cannot help."""


class TransientDeliveryError(Exception):
    """The mail server or the network failed for now (4xx, timeout, refused connection)."""


def in_both_languages(render) -> dict[str, str]:
    """{"de": ..., "en": ...} from a function that builds a text with gettext."""
    texts = {}
    for language in ("de", "en"):
        with translation.override(language):
            texts[language] = str(render())
    return texts


def delivery_for(person, kind: str) -> str:
    preference = NotificationPreference.objects.filter(person=person, kind=kind).first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def notification_create(
    *,
    recipient,
    kind: str,
    subject: Mapping[str, str],
    body: Mapping[str, str],
    link: str = "",
    target: Model | None = None,
    calendar: str = "",
) -> Notification:
    """Write the notification in the caller's transaction; hand it to the worker after commit.

    `subject` and `body` carry both languages ({"de": ..., "en": ...}); the recipient's language
    decides which one is sent.
    """
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        subject_de=subject["de"],
        subject_en=subject["en"],
        body_de=body["de"],
        body_en=body["en"],
        link=link,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        calendar=calendar,
        delivery=delivery_for(recipient, kind),
    )
    if notification.delivery == Delivery.IMMEDIATE:
        transaction.on_commit(partial(notification_enqueue, notification_id=notification.pk))
    return notification


class BrokerPause:
    """After a failed publish, leave new notifications to the sweep for a few seconds instead of
    trying again: with a hung broker every try costs a socket timeout, and one request may
    enqueue many notifications (one on_commit callback each). Measured: 3 notifications with
    Redis stopped held the request 4.0 s before, 0.02 s after."""

    seconds = 10
    failed_at: float | None = None

    @classmethod
    def active(cls) -> bool:
        return cls.failed_at is not None and time.monotonic() - cls.failed_at < cls.seconds

    @classmethod
    def record(cls, *, failed: bool) -> None:
        cls.failed_at = time.monotonic() if failed else None


def notification_enqueue(*, notification_id: int, pause_after_failure: bool = True) -> bool:
    """Hand one notification to Celery. Never raises: if the broker is away the row stays
    pending and the sweep tries again, so a web request never fails or waits long on Redis."""
    send_notification = current_app.tasks[SEND_NOTIFICATION_TASK]
    if pause_after_failure and BrokerPause.active():
        logger.warning(
            "Notification %s not enqueued (broker failed moments ago); the sweep will retry.", notification_id
        )
        return False
    try:
        send_notification.apply_async(args=[notification_id], retry=False)
    except Exception:
        BrokerPause.record(failed=True)
        logger.warning("Notification %s not enqueued; the sweep will retry.", notification_id, exc_info=True)
        return False
    BrokerPause.record(failed=False)
    Notification.objects.filter(pk=notification_id, state=NotificationState.PENDING).update(enqueued_at=timezone.now())
    return True


def notification_sweep(*, limit: int = 500) -> int:
    """Re-enqueue what is due (never enqueued, lost on the way, or abandoned mid-delivery)."""
    stale_after = timedelta(seconds=settings.NOTIFICATION_SWEEP_AFTER)
    due = Notification.objects.due(stale_after=stale_after).order_by("created_at")
    enqueued = 0
    for notification_id in due.values_list("pk", flat=True)[:limit]:
        if not notification_enqueue(notification_id=notification_id, pause_after_failure=False):
            break  # the broker is still away; the next sweep tries again
        enqueued += 1
    return enqueued


def notification_claim(*, notification_id: int) -> Notification | None:
    """Take the notification for delivery, or return None if it is done or claimed elsewhere."""
    now = timezone.now()
    lease = timedelta(seconds=settings.NOTIFICATION_CLAIM_LEASE)
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.state in (NotificationState.SENT, NotificationState.FAILED):
            return None
        if notification.state == NotificationState.SENDING and notification.claimed_at > now - lease:
            return None
        notification.state = NotificationState.SENDING
        notification.claimed_at = now
        notification.attempts += 1
        notification.save(update_fields=["state", "claimed_at", "attempts"])
    return notification


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else settings.SITE_URL


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail, in the recipient's language, with a link back into the portal."""
    language = notification.recipient.preferred_language
    context = {
        "notification": notification,
        "subject": notification.subject_in(language),
        "body": notification.body_in(language),
        "link": _absolute(notification.link) if notification.link else "",
        "centre": _absolute("/benachrichtigungen/"),
        "recipient": notification.recipient,
    }
    with translation.override(language):
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=text,
        to=[notification.recipient.email],
        headers={"Message-ID": notification.message_id, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in notification_attachments(notification):
        message.attach(name, content, mimetype)
    return message


def notification_attachments(notification: Notification) -> list[tuple[str, str | bytes, str]]:
    """The files a notification carries: its calendar invitation, and what its target brings.

    A target that brings files (a report run: PDF, CSV) offers them through one method,
    `notification_attachments`, so the outbox needs no knowledge of later apps. The single
    e-mail and the daily digest both attach through here.
    """
    files = []
    if notification.calendar:
        method = "CANCEL" if "METHOD:CANCEL" in notification.calendar else "REQUEST"
        files.append(("einladung.ics", notification.calendar, f"text/calendar; method={method}"))
    target_files = getattr(notification.target, "notification_attachments", None) if notification.target_id else None
    files.extend(target_files() if target_files else [])
    return files


def _classify(error: Exception) -> Exception:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            return PermanentDeliveryError(f"{codes[0]} {error.recipients}")
        return TransientDeliveryError(str(error.recipients))
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500:
        return PermanentDeliveryError(f"{error.smtp_code} {error.smtp_error!r}")
    return TransientDeliveryError(f"{type(error).__name__}: {error}")


def notification_send(notification: Notification) -> None:
    """Send the e-mail; raise PermanentDeliveryError or TransientDeliveryError on failure."""
    try:
        notification_email(notification).send()
    except (smtplib.SMTPException, OSError) as error:
        raise _classify(error) from error


def notification_mark_sent(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        state=NotificationState.SENT, sent_at=timezone.now(), last_error=""
    )


def notification_mark_failed(notification: Notification, *, reason: str) -> None:
    Notification.objects.filter(pk=notification.pk).update(state=NotificationState.FAILED, last_error=reason[:2000])
    logger.error("Notification %s failed for good: %s", notification.pk, reason)


def retry_delay(attempts: int) -> int:
    """Exponential backoff with jitter, in seconds."""
    delay = settings.NOTIFICATION_RETRY_BASE * 2 ** max(attempts - 1, 0)
    return min(int(delay * random.uniform(0.8, 1.2)), settings.NOTIFICATION_RETRY_MAX)


def notification_schedule_retry(notification: Notification, *, reason: str) -> int | None:
    """Put a transiently failed notification back to pending, or fail it after the last attempt.
    Returns the delay in seconds, or None when it has failed for good."""
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        notification_mark_failed(notification, reason=reason)
        return None
    delay = retry_delay(notification.attempts)
    due = timezone.now() + timedelta(seconds=delay)
    Notification.objects.filter(pk=notification.pk).update(
        state=NotificationState.PENDING,
        last_error=reason[:2000],
        next_attempt_at=due,
        enqueued_at=due,
    )
    return delay


@transaction.atomic
def notification_retry(*, notification: Notification, actor, request=None) -> Notification:
    """The secretariat sends a failed notification again, with a fresh count of attempts."""
    if not is_secretariat(actor):
        raise PermissionError("Only the secretariat may retry notifications.")
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.state != NotificationState.FAILED:
        raise ValueError("Only failed notifications can be retried.")
    notification.state = NotificationState.PENDING
    notification.attempts = 0
    notification.next_attempt_at = None
    notification.enqueued_at = None
    notification.save(update_fields=["state", "attempts", "next_attempt_at", "enqueued_at"])
    audit_record(
        verb=AuditVerb.NOTIFICATION_RETRIED,
        actor=actor,
        target=notification,
        request=request,
        payload={"recipient": person_ref(notification.recipient), "last_error": notification.last_error},
    )
    transaction.on_commit(partial(notification_enqueue, notification_id=notification.pk))
    return notification


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())


def notification_mark_all_read(*, person) -> int:
    return Notification.objects.for_recipient(person).unread().update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_save(*, person, deliveries: Mapping[str, str]) -> None:
    for kind, delivery in deliveries.items():
        NotificationPreference.objects.update_or_create(person=person, kind=kind, defaults={"delivery": delivery})
