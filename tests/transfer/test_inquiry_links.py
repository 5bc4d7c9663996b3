"""Finding 9: a confirmed reuse request links each person told to a page they may open."""

import pytest

from governance.models import Notification, NotificationKind
from tests.factories import SolutionFactory, UserFactory
from transfer import services
from transfer.models import Inquiry

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_a_link_they_may_open(client, secretariat):
    contact = UserFactory()
    solution = SolutionFactory(contact_person=contact)
    inquiry = Inquiry.objects.create(
        solution=solution,
        administration="Stadt Speyer",
        contact_name="Max Beispiel",
        contact_email="max@speyer.example.org",
        consent=True,
    )
    services.inquiry_confirm(token=services.inquiry_token(inquiry))
    told = {n.recipient: n for n in Notification.objects.filter(kind=NotificationKind.REUSE_INQUIRY)}
    assert set(told) == {secretariat, contact}
    for person, notification in told.items():
        client.force_login(person)
        assert client.get(notification.link).status_code == 200, person
    assert told[contact].link == solution.get_absolute_url()
