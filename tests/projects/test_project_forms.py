"""Creating and editing a project and changing its phase in the workspace: access, effect, messages."""

import re

import pytest

from governance.models import AuditEvent, AuditVerb
from projects.models import (
    ParticipationRole,
    Phase,
    Project,
)
from tests.conftest import assert_login_redirect, login
from tests.factories import (
    FocusAreaFactory,
    ProjectFactory,
)
from tests.projects.pages import CREATE, detail_url, edit_url, h1_count, phase_url

pytestmark = pytest.mark.django_db

# --- create and edit ---------------------------------------------------------------------------------


def project_data(lead, **changes) -> dict:
    data = {
        "title": "Digitaler Bauantrag",
        "acronym": "DBA",
        "slug": "digitaler-bauantrag",
        "summary": "Bauanträge online stellen.",
        "description": "",
        "lead_partner": lead.pk,
        "start_date": "01.02.2026",
        "planned_end_date": "31.12.2027",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url_name", ["create", "edit"])
def test_create_and_edit_send_anonymous_visitors_to_login(client, project, url_name):
    assert_login_redirect(client.get(CREATE if url_name == "create" else edit_url(project)))


@pytest.mark.parametrize("person", ["outsider", "cio_bw", "project_lead"])
def test_create_is_for_the_secretariat_only(client, request, land_bw, person):
    login(client, request.getfixturevalue(person))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, project_data(land_bw)).status_code == 403
    assert not Project.objects.filter(acronym="DBA").exists()


def test_secretariat_creates_a_project(client, secretariat, land_bw):
    area = FocusAreaFactory()
    login(client, secretariat)
    page = client.get(CREATE).content.decode()
    assert h1_count(page) == 1 and 'type="checkbox"' in page and 'for="id_title"' in page
    response = client.post(CREATE, project_data(land_bw, focus_areas=[area.pk], is_public="on"), follow=True)
    project = Project.objects.get(acronym="DBA")
    assert response.redirect_chain == [(detail_url(project), 302)]
    assert "Das Projekt „Digitaler Bauantrag“ ist angelegt." in response.content.decode()
    assert project.start_date.isoformat() == "2026-02-01" and project.planned_end_date.isoformat() == "2027-12-31"
    assert list(project.focus_areas.all()) == [area] and project.is_public
    assert project.participations.get().role == ParticipationRole.LEAD
    assert AuditEvent.objects.filter(verb=AuditVerb.PROJECT_CREATED, target_id=str(project.pk)).exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"start_date": "01.06.2026", "planned_end_date": "31.05.2026"},
            "planned_end_date",
            "Das geplante Ende kann nicht vor dem Beginn liegen.",
        ),
        ({"acronym": "kfz-alt"}, "acronym", "Dieses Kürzel ist bereits vergeben."),
        ({"slug": "kfz-alt"}, "slug", "Diese Kurzadresse ist bereits vergeben."),
        ({"slug": "neu"}, "slug", "Diese Kurzadresse ist für das Portal reserviert."),
        ({"slug": "import"}, "slug", "Diese Kurzadresse ist für das Portal reserviert."),
        ({"start_date": "2026-13-45"}, "start_date", "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein."),
    ],
)
def test_create_refuses_invalid_input_with_german_messages(client, secretariat, land_bw, changes, field, message):
    ProjectFactory(acronym="KFZ-ALT", slug="kfz-alt", lead_partner=land_bw)
    before = Project.objects.count()
    response = login(client, secretariat).post(CREATE, project_data(land_bw, **changes))
    assert response.status_code == 200
    assert Project.objects.count() == before
    form = response.context["form"]
    assert message in form.errors[field]
    html = response.content.decode()
    assert 'role="alert"' in html and message in html
    assert 'value="Digitaler Bauantrag"' in html  # the input is kept


def test_service_refusal_lands_on_the_form(client, secretariat, land_bw, monkeypatch):
    """A constraint the form did not catch (a race) is shown by the service, on its field."""
    from django.core.exceptions import ValidationError

    from projects.views import workspace

    def refuse(**kwargs):
        raise ValidationError("Dieses Kürzel ist bereits vergeben.")

    monkeypatch.setattr(workspace, "project_create", refuse)
    response = login(client, secretariat).post(CREATE, project_data(land_bw))
    assert response.status_code == 200
    assert "Dieses Kürzel ist bereits vergeben." in response.context["form"].errors["acronym"]
    assert not Project.objects.filter(acronym="DBA").exists()


def test_edit_refuses_team_members_and_hides_from_others(client, project, project_lead, outsider, other_project):
    assert login(client, project_lead).get(edit_url(project)).status_code == 403
    assert client.post(edit_url(project), project_data(project.lead_partner)).status_code == 403
    assert client.get(edit_url(other_project)).status_code == 404
    assert login(client, outsider).get(edit_url(project)).status_code == 404
    project.refresh_from_db()
    assert project.acronym != "DBA"


def test_secretariat_edits_a_project(client, secretariat, project, land_he):
    login(client, secretariat)
    page = client.get(edit_url(project)).content.decode()
    assert f'value="{project.acronym}"' in page
    data = project_data(land_he, slug=project.slug, title="Neuer Titel")
    response = client.post(edit_url(project), data)
    assert response.status_code == 302 and response["Location"] == detail_url(project)
    project.refresh_from_db()
    assert project.title == "Neuer Titel" and project.lead_partner == land_he
    event = AuditEvent.objects.get(verb=AuditVerb.PROJECT_CHANGED)
    assert event.payload["changes"]["title"][1] == "Neuer Titel"
    html = client.get(detail_url(project)).content.decode()
    assert "Titel: " in html and "Neuer Titel" in html and "Baden-Württemberg → Hessen" in html


def test_edit_with_duplicate_acronym_keeps_the_project(client, secretariat, project, other_project):
    data = project_data(project.lead_partner, slug=project.slug, acronym=other_project.acronym.lower())
    response = login(client, secretariat).post(edit_url(project), data)
    assert response.status_code == 200
    assert "Dieses Kürzel ist bereits vergeben." in response.context["form"].errors["acronym"]
    assert f"Projekt bearbeiten: {project.acronym}" in response.content.decode()
    stored = Project.objects.get(pk=project.pk)
    assert stored.acronym == project.acronym and stored.title == project.title


# --- phase change -------------------------------------------------------------------------------------


def test_phase_change_access(client, project, project_lead, outsider, other_project, secretariat):
    assert_login_redirect(client.get(phase_url(project)))
    assert login(client, outsider).get(phase_url(project)).status_code == 404
    assert login(client, project_lead).get(phase_url(project)).status_code == 403
    assert client.post(phase_url(project), {"phase": "pilot", "reason": "x"}).status_code == 403
    assert client.get(phase_url(other_project)).status_code == 404
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT


def test_phase_page_offers_only_the_next_phases(client, secretariat, project):
    html = login(client, secretariat).get(phase_url(project)).content.decode()
    offered = set(re.findall(r'name="phase" value="(\w+)"', html))
    assert offered == {"pilot", "stopped"}
    assert h1_count(html) == 1 and "<legend" in html


def test_legal_phase_change_with_reason(client, secretariat, project):
    response = login(client, secretariat).post(
        phase_url(project), {"phase": "pilot", "reason": "LK-2026-07"}, follow=True
    )
    assert response.redirect_chain == [(detail_url(project), 302)]
    assert "Die Phase ist jetzt „Erprobung“." in response.content.decode()
    project.refresh_from_db()
    assert project.phase == Phase.PILOT
    event = AuditEvent.objects.get(verb=AuditVerb.PROJECT_PHASE_CHANGED)
    assert event.payload == {"from": "concept", "to": "pilot", "reason": "LK-2026-07"}


def test_illegal_phase_change_shows_the_services_message(client, secretariat, project):
    response = login(client, secretariat).post(phase_url(project), {"phase": "transfer", "reason": "Eilig"})
    assert response.status_code == 200
    assert "Von „Konzept“ ist kein Wechsel nach „Transfer“ möglich." in response.content.decode()
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT
    assert not AuditEvent.objects.filter(verb=AuditVerb.PROJECT_PHASE_CHANGED).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_phase_change_needs_a_reason(client, secretariat, project, reason):
    response = login(client, secretariat).post(phase_url(project), {"phase": "pilot", "reason": reason})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte begründen Sie den Phasenwechsel." in html and 'role="alert"' in html
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT


def test_closed_project_offers_no_phase(client, secretariat, land_bw):
    closed = ProjectFactory(lead_partner=land_bw, phase=Phase.COMPLETED)
    login(client, secretariat)
    assert "ein weiterer Phasenwechsel ist nicht möglich" in client.get(phase_url(closed)).content.decode()
    response = client.post(phase_url(closed), {"phase": "transfer", "reason": "zurück"})
    assert "Von „Abgeschlossen“ ist kein Wechsel nach „Transfer“ möglich." in response.content.decode()
    closed.refresh_from_db()
    assert closed.phase == Phase.COMPLETED
