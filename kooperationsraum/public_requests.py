"""What every public request form shares (reuse requests, membership and theme requests): a rate
limit per address, a signed confirmation link, and enqueueing the confirmation e-mail after commit.

The link carries the request's id signed with a salt per form and a lifetime: nothing secret is
stored, so there is no token (or hash of one) in the database to leak; a second click on a used
link finds the request confirmed and changes nothing.
"""

import logging
import smtplib
from datetime import timedelta

from celery import current_app
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

CONFIRM_DAYS = 3  # the link's lifetime; unconfirmed requests are deleted after it (privacy notice)
RATE_LIMIT = 5  # requests per address, form and hour
RETRY_AFTER_SECONDS = 60 * 60


# The confirmation e-mail's task (one per form): kept until sent, retried while the mail server is
# unreachable; the person has no account, so it does not go through the notification outbox.
CONFIRMATION_TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "max_retries": 5,
}


def rate_limited(*, scope: str, address: str, limit: int = RATE_LIMIT) -> bool:
    """Count this address's requests to `scope` for an hour from its first one; True once it is over
    the limit. The window starts with the first request, not on the clock's hour, so that a burst
    across a full hour is not counted twice from zero. The address is kept only as a keyed hash:
    the counter needs no personal data."""
    digest = salted_hmac("public-request-rate", address, algorithm="sha256").hexdigest()
    key = f"{scope}-rate:{digest}"
    cache.add(key, 0, timeout=RETRY_AFTER_SECONDS)
    return cache.incr(key) > limit


def confirmation_token(pk: int, *, salt: str) -> str:
    return signing.dumps(pk, salt=salt)


def confirmed_pk(token: str, *, salt: str, days: int = CONFIRM_DAYS, expired: str = "") -> int:
    """The id a confirmation link was made for; a German ValidationError if it is forged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=timedelta(days=days))
    except signing.SignatureExpired as error:
        raise ValidationError(
            expired or _("Der Bestätigungslink ist abgelaufen. Bitte stellen Sie die Anfrage erneut.")
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("Der Bestätigungslink ist ungültig.")) from error


def enqueue_confirmation(task_name: str, pk: int) -> None:
    """Hand the confirmation e-mail to the worker (call it after commit). Without a broker the
    person is not stuck: they can simply send the form again."""
    try:
        current_app.tasks[task_name].apply_async(args=[pk], retry=False)
    except (KombuOperationalError, OSError):
        logger.warning("Confirmation %s for %s not enqueued", task_name, pk, exc_info=True)
