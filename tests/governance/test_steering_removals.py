"""Withdrawing a membership or theme request and deleting an agenda item: who may, when, and
the service refusing what the page hides."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import (
    AgendaItem,
    AgendaItemKind,
    AuditEvent,
    AuditVerb,
    RequestKind,
    RequestState,
    ResolutionResult,
    SteeringDocument,
    SteeringRequest,
)
from governance.services.steering import meetings, resolutions
from governance.services.steering import requests as steering_requests
from tests.conftest import login
from tests.factories import UserFactory
from tests.governance.steering import build_circle, decision_item, held_meeting, plan_meeting

pytestmark = pytest.mark.django_db
LIST = "/arbeitsbereich/lenkungskreis/antraege/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def c():
    return build_circle()


def theme(c, name="Künstliche Intelligenz"):
    return steering_requests.steering_request_file(
        steering_request=SteeringRequest(
            circle=c.circle, kind=RequestKind.FOCUS_AREA, focus_area_name=name, description="Neues Thema."
        ),
        actor=c.secretariat,
    )


def withdraw_url(r) -> str:
    return f"{LIST}{r.pk}/zurueckziehen/"


def delete_url(item) -> str:
    return f"/arbeitsbereich/lenkungskreis/sitzungen/{item.meeting_id}/tagesordnung/{item.pk}/loeschen/"


# --- withdrawal: service ---------------------------------------------------------------------------


def test_secretariat_withdraws_an_undecided_request_with_an_audit_event(c):
    r = steering_requests.steering_request_withdraw(
        steering_request=theme(c), reason="Per E-Mail zurückgenommen.", actor=c.secretariat
    )
    assert SteeringRequest.objects.get(pk=r.pk).state == RequestState.WITHDRAWN
    event = AuditEvent.objects.get(verb=AuditVerb.STEERING_REQUEST_WITHDRAWN)
    assert event.actor == c.secretariat and event.payload["reason"] == "Per E-Mail zurückgenommen."


@pytest.mark.parametrize("who", ["holder", "deputy", "outsider"])
def test_only_the_secretariat_withdraws(c, who):
    r = theme(c)
    actor = {"holder": c.holders["bw"], "deputy": c.deputies["he"], "outsider": UserFactory()}[who]
    with pytest.raises(PermissionDenied, match="Geschäftsstelle"):
        steering_requests.steering_request_withdraw(steering_request=r, actor=actor)
    assert SteeringRequest.objects.get(pk=r.pk).state == RequestState.FILED
    assert not AuditEvent.objects.filter(verb=AuditVerb.STEERING_REQUEST_WITHDRAWN).exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (RequestState.ADOPTED, "bereits entschieden"),
        (RequestState.REJECTED, "bereits entschieden"),
        (RequestState.WITHDRAWN, "bereits zurückgezogen"),
        (RequestState.UNCONFIRMED, "nicht bestätigt"),
    ],
)
def test_a_decided_or_unconfirmed_request_is_not_withdrawn(c, state, message):
    r = theme(c)
    SteeringRequest.objects.filter(pk=r.pk).update(state=state)
    with pytest.raises(ValidationError, match=message):
        steering_requests.steering_request_withdraw(steering_request=r, actor=c.secretariat)
    assert SteeringRequest.objects.get(pk=r.pk).state == state


def test_a_resolved_request_cannot_be_withdrawn_even_with_a_stale_object(c):
    r = theme(c)
    item = decision_item(c, held_meeting(c), steering_request=r)
    resolutions.resolution_record(
        agenda_item=item, title="", text="Angenommen.", result="adopted", visibility="public", actor=c.secretariat
    )
    assert r.state == RequestState.FILED  # the caller's copy is stale; the service reads the locked row
    with pytest.raises(ValidationError, match="bereits entschieden"):
        steering_requests.steering_request_withdraw(steering_request=r, actor=c.secretariat)


def test_a_withdrawn_request_on_the_agenda_can_only_be_postponed(c):
    r = theme(c)
    item = decision_item(c, held_meeting(c), steering_request=r)
    steering_requests.steering_request_withdraw(steering_request=r, actor=c.secretariat)
    with pytest.raises(ValidationError, match="Der Antrag wurde zurückgezogen."):
        resolutions.resolution_record(
            agenda_item=item, title="", text="Angenommen.", result="adopted", visibility="public", actor=c.secretariat
        )
    postponed = resolutions.resolution_record(
        agenda_item=item, title="", text="Vertagt.", result="postponed", visibility="public", actor=c.secretariat
    )
    assert postponed.result == ResolutionResult.POSTPONED


# --- withdrawal: pages -----------------------------------------------------------------------------


def test_the_list_offers_withdrawal_only_for_undecided_requests(client, c):
    open_one, decided = theme(c, "Offen"), theme(c, "Entschieden")
    SteeringRequest.objects.filter(pk=decided.pk).update(state=RequestState.ADOPTED)
    page = login(client, c.secretariat).get(LIST).content.decode()
    assert f'href="{withdraw_url(open_one)}"' in page
    assert withdraw_url(decided) not in page


def test_secretariat_withdraws_through_the_confirmation_page(client, c):
    r = theme(c)
    login(client, c.secretariat)
    page = client.get(withdraw_url(r))
    assert page.status_code == 200
    assert "Antrag zurückziehen" in page.content.decode() and "Künstliche Intelligenz" in page.content.decode()
    assert SteeringRequest.objects.get(pk=r.pk).state == RequestState.FILED  # GET changes nothing
    response = client.post(withdraw_url(r), {"reason": "Zurückgenommen."}, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "Der Antrag ist zurückgezogen." in response.content.decode()
    assert SteeringRequest.objects.get(pk=r.pk).state == RequestState.WITHDRAWN


def test_withdrawing_a_decided_request_by_post_is_refused_in_german(client, c):
    r = theme(c)
    SteeringRequest.objects.filter(pk=r.pk).update(state=RequestState.REJECTED)
    response = login(client, c.secretariat).post(withdraw_url(r), {"reason": ""})
    assert response.status_code == 200
    assert "Über diesen Antrag ist bereits entschieden" in response.content.decode()
    assert SteeringRequest.objects.get(pk=r.pk).state == RequestState.REJECTED


def test_withdrawal_page_refuses_members_anonymous_and_unknown_or_unconfirmed_requests(client, c):
    r = theme(c)
    response = client.get(withdraw_url(r))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert login(client, c.holders["bw"]).post(withdraw_url(r)).status_code == 403
    assert SteeringRequest.objects.get(pk=r.pk).state == RequestState.FILED
    login(client, c.secretariat)
    assert client.get(f"{LIST}999999/zurueckziehen/").status_code == 404
    SteeringRequest.objects.filter(pk=r.pk).update(state=RequestState.UNCONFIRMED)
    assert client.get(withdraw_url(r)).status_code == 404  # not yet in the secretariat's list


# --- deleting an agenda item -----------------------------------------------------------------------


def item_in(c, meeting, title="Bericht der Geschäftsstelle"):
    return meetings.agenda_item_save(
        item=AgendaItem(meeting=meeting, title=title, kind=AgendaItemKind.INFORMATION), actor=c.secretariat
    )


def test_secretariat_deletes_an_item_of_a_planned_meeting_with_its_documents(c, django_capture_on_commit_callbacks):
    meeting = plan_meeting(c)
    item = item_in(c, meeting)
    document = meetings.document_add(
        title="Vorlage", upload=SimpleUploadedFile("vorlage.pdf", PDF), agenda_item=item, actor=c.secretariat
    )
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        meetings.agenda_item_delete(item=item, actor=c.secretariat)
    assert not AgendaItem.objects.filter(pk=item.pk).exists() and not SteeringDocument.objects.exists()
    assert not storage.exists(name)
    event = AuditEvent.objects.get(verb=AuditVerb.AGENDA_ITEM_DELETED)
    assert event.payload == {"item": 1, "title": "Bericht der Geschäftsstelle", "documents": 1}
    # The number stays free: the next item gets the next one, not the deleted one's.
    assert item_in(c, meeting).number == 1


@pytest.mark.parametrize("who", ["holder", "outsider"])
def test_only_the_secretariat_deletes_items(c, who):
    item = item_in(c, plan_meeting(c))
    with pytest.raises(PermissionDenied):
        meetings.agenda_item_delete(item=item, actor=c.holders["bw"] if who == "holder" else UserFactory())
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_items_of_a_held_or_cancelled_meeting_or_with_a_resolution_stay(c):
    held = held_meeting(c)
    resolved = decision_item(c, held, title="Beschlossen")
    resolutions.resolution_record(
        agenda_item=resolved, title="", text="Ja.", result="postponed", visibility="internal", actor=c.secretariat
    )
    with pytest.raises(ValidationError, match="bereits ein Beschluss erfasst"):
        meetings.agenda_item_delete(item=resolved, actor=c.secretariat)
    with pytest.raises(ValidationError, match="hat bereits begonnen"):
        meetings.agenda_item_delete(item=item_in(c, held), actor=c.secretariat)
    planned = plan_meeting(c)
    item = item_in(c, planned)
    meetings.meeting_cancel(meeting=planned, reason="Terminkollision", actor=c.secretariat)
    with pytest.raises(ValidationError, match="abgesagt"):
        meetings.agenda_item_delete(item=item, actor=c.secretariat)
    assert AgendaItem.objects.count() == 3
    assert not AuditEvent.objects.filter(verb=AuditVerb.AGENDA_ITEM_DELETED).exists()


def test_meeting_page_offers_deletion_only_where_allowed(client, c):
    planned_item = item_in(c, plan_meeting(c))
    held_item = item_in(c, held_meeting(c))
    login(client, c.secretariat)
    page = client.get(f"/arbeitsbereich/lenkungskreis/sitzungen/{planned_item.meeting_id}/").content.decode()
    assert f'href="{delete_url(planned_item)}"' in page and "TOP 1 löschen" in page
    page = client.get(f"/arbeitsbereich/lenkungskreis/sitzungen/{held_item.meeting_id}/").content.decode()
    assert delete_url(held_item) not in page
    member_page = (
        login(client, c.holders["bw"])
        .get(f"/arbeitsbereich/lenkungskreis/sitzungen/{planned_item.meeting_id}/")
        .content.decode()
    )
    assert delete_url(planned_item) not in member_page


def test_deletion_page_confirms_then_deletes(client, c):
    item = item_in(c, plan_meeting(c))
    login(client, c.secretariat)
    page = client.get(delete_url(item))
    assert page.status_code == 200 and "TOP 1: Bericht der Geschäftsstelle" in page.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    response = client.post(delete_url(item), follow=True)
    assert "Der Tagesordnungspunkt ist gelöscht." in response.content.decode()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_deletion_page_refuses_what_the_meeting_page_hides(client, c):
    item = item_in(c, held_meeting(c))
    response = login(client, c.secretariat).post(delete_url(item))
    assert response.status_code == 200 and "hat bereits begonnen" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_deletion_page_refuses_members_and_items_of_another_meeting(client, c):
    item = item_in(c, plan_meeting(c))
    other = plan_meeting(c, days=20)
    assert client.post(delete_url(item)).status_code == 302  # anonymous: to the login
    assert login(client, c.holders["bw"]).post(delete_url(item)).status_code == 403
    login(client, c.secretariat)
    wrong = f"/arbeitsbereich/lenkungskreis/sitzungen/{other.pk}/tagesordnung/{item.pk}/loeschen/"
    assert client.post(wrong).status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()
