"""A public membership request on its way to the circle: the secretariat links it to the partner
record, then the adopted resolution creates the dated membership."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import (
    AuditEvent,
    AuditVerb,
    NetworkMembership,
    RequestKind,
    RequestState,
    SteeringRequest,
)
from governance.services.steering import public_requests, resolutions
from governance.services.steering import requests as steering_requests
from tests.conftest import login
from tests.factories import NetworkFactory, PartnerFactory
from tests.governance.steering import build_circle, decision_item, held_meeting

pytestmark = pytest.mark.django_db
LIST = "/arbeitsbereich/lenkungskreis/antraege/"


@pytest.fixture
def c():
    return build_circle()


@pytest.fixture
def network():
    return NetworkFactory(name="Erprobungsraum Rheinland", slug="erprobungsraum-rheinland")


@pytest.fixture
def filed(c, network):
    r = public_requests.steering_request_submit(
        steering_request=SteeringRequest(
            circle=c.circle,
            kind=RequestKind.MEMBERSHIP,
            network=network,
            applicant="Stadt Bonn",
            contact_name="Erika Beispiel",
            contact_email="digital@bonn.example.org",
            description="Wir möchten beitreten.",
            consent=True,
        )
    )
    return public_requests.steering_request_confirm(token=public_requests.steering_request_token(r))


def assign_url(r) -> str:
    return f"{LIST}{r.pk}/partner/"


def test_adopting_needs_the_partner_then_creates_the_dated_membership(c, filed, network):
    item = decision_item(c, held_meeting(c), steering_request=filed)
    with pytest.raises(ValidationError, match="braucht der Antrag einen Partner"):
        resolutions.resolution_record(
            agenda_item=item, title="", text="Ja.", result="adopted", visibility="public", actor=c.secretariat
        )
    bonn = PartnerFactory(name="Stadt Bonn", slug="bonn")
    steering_requests.steering_request_assign_partner(steering_request=filed, partner=bonn, actor=c.secretariat)
    event = AuditEvent.objects.get(verb=AuditVerb.STEERING_REQUEST_PARTNER_ASSIGNED)
    assert event.payload["partner"] == "Stadt Bonn" and "bonn.example.org" not in str(event.payload)
    resolution = resolutions.resolution_record(
        agenda_item=item, title="", text="Ja.", result="adopted", visibility="public", actor=c.secretariat
    )
    membership = NetworkMembership.objects.get(network=network, partner=bonn)
    assert membership.joined_on == resolution.decided_on
    assert SteeringRequest.objects.get(pk=filed.pk).state == RequestState.ADOPTED


def test_assignment_is_for_the_secretariat_and_open_membership_requests_only(c, filed, network):
    bonn = PartnerFactory(name="Stadt Bonn", slug="bonn")
    with pytest.raises(PermissionDenied):
        steering_requests.steering_request_assign_partner(steering_request=filed, partner=bonn, actor=c.holders["bw"])
    NetworkMembership.objects.create(network=network, partner=bonn, joined_on="2020-01-01")
    with pytest.raises(ValidationError, match="bereits Mitglied"):
        steering_requests.steering_request_assign_partner(steering_request=filed, partner=bonn, actor=c.secretariat)
    SteeringRequest.objects.filter(pk=filed.pk).update(state=RequestState.WITHDRAWN)
    with pytest.raises(ValidationError, match="noch offene"):
        steering_requests.steering_request_assign_partner(
            steering_request=filed, partner=PartnerFactory(), actor=c.secretariat
        )
    assert SteeringRequest.objects.get(pk=filed.pk).partner is None


def test_the_list_offers_assignment_and_the_page_suggests_the_named_partner(client, c, filed):
    bonn = PartnerFactory(name="Stadt Bonn", slug="bonn")
    login(client, c.secretariat)
    assert f'href="{assign_url(filed)}"' in client.get(LIST).content.decode()
    page = client.get(assign_url(filed)).content.decode()
    assert "Antragstellende Verwaltung laut Formular: Stadt Bonn" in page
    assert f'<option value="{bonn.pk}" selected>' in page
    response = client.post(assign_url(filed), {"partner": ""})
    assert "Bitte wählen Sie den Partner." in response.content.decode()
    response = client.post(assign_url(filed), {"partner": bonn.pk}, follow=True)
    assert "Der Antrag ist dem Partner zugeordnet." in response.content.decode()
    assert SteeringRequest.objects.get(pk=filed.pk).partner == bonn
    assert assign_url(filed) not in client.get(LIST).content.decode()


def test_the_assignment_page_refuses_members(client, c, filed):
    assert login(client, c.holders["he"]).post(assign_url(filed), {"partner": PartnerFactory().pk}).status_code == 403
    assert SteeringRequest.objects.get(pk=filed.pk).partner is None
