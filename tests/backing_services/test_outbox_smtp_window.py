"""The one duplicate the outbox cannot rule out, and that it marks (README, "Zustellung").

If the worker dies after the mail server took the message but before it answered "250", the
notification is still "sending"; after its claim lease it is sent again. That second e-mail
carries the same Message-ID, so mail servers and clients can drop it.
"""

import pytest
from django.db import transaction

from governance.models import NotificationState
from tests.backing_services.conftest import CLAIM_LEASE, wait_for
from tests.backing_services.test_outbox_delivery import is_due, notify, outbox, row, wait_for_state  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.backing_services


def test_a_worker_killed_inside_the_smtp_window_sends_one_duplicate_with_the_same_message_id(outbox):  # noqa: F811
    sink, _redis_server, start_worker = outbox
    first = start_worker("killed-after-data")
    person = UserFactory()
    hold = sink.hold_after_data(person.email)

    with transaction.atomic():
        notification = notify(person)
    assert hold.seen.wait(30), "the worker never finished DATA for the held recipient"
    first.kill()  # the server has the message; the worker never heard "250"
    hold.release.set()
    assert len(sink.messages_to(person.email)) == 1
    assert row(notification).state == NotificationState.SENDING

    start_worker("after-kill")
    wait_for(
        lambda: is_due(notification) or row(notification).state == NotificationState.SENT,
        CLAIM_LEASE + 5,
        message="the claim lease to expire",
    )
    from governance.services.notifications import notification_sweep

    notification_sweep()
    wait_for_state(notification, NotificationState.SENT, 30)
    first_copy, second_copy = sink.messages_to(person.email)
    assert first_copy.message["Message-ID"] == second_copy.message["Message-ID"]
    assert first_copy.message["Message-ID"] == f"<notification-{notification.pk}@kooperationsraum>"
