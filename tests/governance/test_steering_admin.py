"""The steering circle in the admin: the secretariat can look at every model; nothing can be added,
changed or deleted there (each change has its audited service in the workspace)."""

import pytest
from django.contrib import admin

from governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Meeting,
    Resolution,
    RulesOfProcedure,
    SteeringCircle,
    SteeringRequest,
    SteeringSeat,
)
from governance.permissions import STEERING_VIEW_MODELS
from governance.services.steering import ballots, resolutions
from tests.conftest import login
from tests.governance.steering import build_circle, decision_item, held_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


@pytest.fixture
def scene(c):
    meeting = held_meeting(c)
    item = decision_item(c, meeting, title="Aufnahme der Stadt Speyer")
    resolution = resolutions.resolution_record(
        agenda_item=item, title="", text="Angenommen.", result="adopted", visibility="public", actor=c.secretariat
    )
    ballot = ballots.ballot_open(circle=c.circle, title="Umlauf", motion="Zustimmung.", actor=c.secretariat)
    request = SteeringRequest.objects.create(
        circle=c.circle, kind="focus_area", focus_area_name="Offene Bildung", description="Neues Thema."
    )
    return {
        SteeringCircle: c.circle,
        RulesOfProcedure: c.rules,
        SteeringSeat: c.seats["bw"],
        Meeting: meeting,
        AgendaItem: item,
        Attendance: meeting.attendances.first(),
        Resolution: resolution,
        Ballot: ballot,
        SteeringRequest: request,
    }


def test_every_steering_model_is_registered_read_only():
    registered = {model._meta.model_name: model_admin for model, model_admin in admin.site._registry.items()}
    for name in STEERING_VIEW_MODELS:
        model_admin = registered[name]
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)
        assert not model_admin.get_actions(_request_stub()), name


def _request_stub():
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = type("U", (), {"has_perm": lambda self, perm: True, "is_active": True})()
    return request


def test_secretariat_opens_every_list_and_object_page(client, c, scene):
    login(client, c.secretariat)
    for name in STEERING_VIEW_MODELS:
        response = client.get(f"/admin/governance/{name}/")
        assert response.status_code == 200, name
    for model, obj in scene.items():
        name = model._meta.model_name
        page = client.get(f"/admin/governance/{name}/{obj.pk}/change/")
        assert page.status_code == 200, name
        html = page.content.decode()
        assert 'name="_save"' not in html and "/delete/" not in html, name
    assert "Aufnahme der Stadt Speyer" in client.get("/admin/governance/agendaitem/").content.decode()
    assert "LK-" in client.get("/admin/governance/resolution/").content.decode()


def test_writes_through_the_admin_are_refused(client, c, scene):
    login(client, c.secretariat)
    meeting, resolution = scene[Meeting], scene[Resolution]
    assert client.get("/admin/governance/meeting/add/").status_code == 403
    response = client.post(f"/admin/governance/resolution/{resolution.pk}/change/", {"result": "rejected"})
    assert response.status_code == 403
    assert client.post(f"/admin/governance/meeting/{meeting.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(
        "/admin/governance/resolution/",
        {"action": "delete_selected", "_selected_action": [resolution.pk], "post": "yes"},
    )
    assert Resolution.objects.get(pk=resolution.pk).result == "adopted"
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    status_before = scene[SteeringRequest].state
    client.post(f"/admin/governance/steeringrequest/{scene[SteeringRequest].pk}/change/", {"state": "withdrawn"})
    assert SteeringRequest.objects.get(pk=scene[SteeringRequest].pk).state == status_before


def test_members_do_not_reach_the_admin(client, c, scene):
    response = login(client, c.holders["bw"]).get("/admin/governance/resolution/")
    assert response.status_code in (302, 403)
    assert "LK-" not in response.content.decode()
