"""Art. 15 GDPR: a person downloads everything stored about them, built by the worker."""

import json

import pytest

from governance.models import AuditEvent, AuditVerb, Role
from privacy.models import DataExport, ExportState
from privacy.services.exports import data_export_request
from tests.conftest import person_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/konto/meine-daten/"


@pytest.fixture
def person(land_bw):
    return person_with_role(Role.CIO, land_bw)


def request_export(client, person, capture) -> DataExport:
    client.force_login(person)
    with capture(execute=True):
        response = client.post(URL)
    assert response.status_code == 302
    return DataExport.objects.get(person=person)


def test_a_person_requests_and_downloads_their_data_as_json(client, person, django_capture_on_commit_callbacks):
    export = request_export(client, person, django_capture_on_commit_callbacks)
    assert export.state == ExportState.READY  # the task ran (eagerly, as a worker would)
    page = client.get(URL).content.decode()
    assert f"/konto/meine-daten/{export.pk}/herunterladen/" in page
    response = client.get(f"/konto/meine-daten/{export.pk}/herunterladen/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(b"".join(response.streaming_content))
    assert data["person"]["email"] == person.email
    assert [role["role"] for role in data["roles"]] == [Role.CIO]
    assert any(event["verb"] == AuditVerb.PERSON_DATA_EXPORTED for event in data["audit_events"])
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_DATA_EXPORTED, actor=person).exists()


def test_nobody_else_downloads_it(client, person, secretariat, django_capture_on_commit_callbacks):
    export = request_export(client, person, django_capture_on_commit_callbacks)
    download = f"/konto/meine-daten/{export.pk}/herunterladen/"
    client.logout()
    assert client.get(download).status_code == 302  # to the login
    for other in (UserFactory(), secretariat):
        client.force_login(other)
        assert client.get(download).status_code == 404
        assert download not in client.get(URL).content.decode()


def test_the_page_needs_a_login(client):
    assert client.get(URL).status_code == 302
    assert client.post(URL).status_code == 302
    assert not DataExport.objects.exists()


def test_the_service_refuses_an_anonymous_request():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionError):
        data_export_request(person=AnonymousUser())
