"""Celery tasks: take ids, load, call a service. Delivery is idempotent (see the outbox service)."""

from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog
from celery import shared_task
from django.conf import settings
from django.utils import timezone

from governance.services import audit_checkpoints, digest
from governance.services import notifications as outbox
from kooperationsraum.public_requests import CONFIRMATION_TASK_OPTIONS


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.NOTIFICATION_TASK_TIME_LIMIT,
    soft_time_limit=settings.NOTIFICATION_TASK_TIME_LIMIT - 10,
)
def send_notification(self, notification_id: int) -> str:
    notification = outbox.notification_claim(notification_id=notification_id)
    if notification is None:
        return "skipped"
    try:
        outbox.notification_send(notification)
    except outbox.PermanentDeliveryError as error:
        outbox.notification_mark_failed(notification, reason=str(error))
        return "failed"
    except outbox.TransientDeliveryError as error:
        delay = outbox.notification_schedule_retry(notification, reason=str(error))
        if delay is None:
            return "failed"
        if not self.request.is_eager:
            # If this publish fails too, the row is pending with a due date: the sweep has it.
            raise self.retry(countdown=delay, max_retries=None, exc=error) from error
        return "retry scheduled"
    outbox.notification_mark_sent(notification)
    return "sent"


@shared_task
def sweep_notifications() -> int:
    return outbox.notification_sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_daily_digests() -> int:
    return digest.digest_send_all()


def purge_login_attempts_before(cutoff: datetime) -> int:
    """Delete records of failed logins older than the cutoff (privacy notice: 24 hours)."""
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    return attempts + failures


@shared_task
def purge_login_attempts() -> int:
    return purge_login_attempts_before(timezone.now() - settings.LOGIN_ATTEMPT_RETENTION)


@shared_task
def publish_audit_checkpoint() -> int:
    """Daily (beat): the chain's head, signed, to a file and to the steering circle."""
    return audit_checkpoints.checkpoint_publish().sequence


@shared_task(acks_late=True, reject_on_worker_lost=True)
def close_due_ballots() -> int:
    """Beat: close written procedures whose deadline has passed (each once, under a row lock)."""
    from governance.services.steering.ballots import ballot_close_due

    return ballot_close_due()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def remind_open_ballots() -> int:
    """Beat: remind seats that have not voted, three days and one day before the deadline."""
    from governance.services.steering.ballots import ballot_remind_due

    return ballot_remind_due()


@shared_task(**CONFIRMATION_TASK_OPTIONS)
def send_steering_request_confirmation(steering_request_id: int) -> str:
    """The link for a public membership or theme request (the person has no account: no outbox)."""
    from governance.models import RequestState, SteeringRequest
    from governance.services.steering import public_requests

    steering_request = SteeringRequest.objects.select_related("network").filter(pk=steering_request_id).first()
    if steering_request is None or steering_request.state != RequestState.UNCONFIRMED:
        return "skipped"
    public_requests.steering_request_confirmation_email(steering_request).send()
    return "sent"


@shared_task
def purge_unconfirmed_steering_requests() -> int:
    from governance.services.steering.public_requests import steering_request_purge_unconfirmed

    return steering_request_purge_unconfirmed()
