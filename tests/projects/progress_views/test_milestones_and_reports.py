"""The workspace: milestones and status reports."""

from datetime import timedelta

import pytest

from governance.models import AuditEvent, AuditVerb
from projects.models import Milestone, StatusReport, TrafficLight
from tests.conftest import assert_login_redirect, login
from tests.factories import MilestoneFactory
from tests.projects.progress_views.helpers import TODAY, url

pytestmark = pytest.mark.django_db


# --- milestones --------------------------------------------------------------------------------------


def milestone_data(**changes) -> dict:
    return {"title": "Pilotkreis angebunden", "due_on": "30.06.2026", "done_on": "", **changes}


def test_milestone_pages_send_anonymous_visitors_to_login(client, project):
    milestone = MilestoneFactory(project=project)
    for target in (url("milestone-create", project), url("milestone-edit", project, milestone.pk)):
        assert_login_redirect(client.get(target))
        assert_login_redirect(client.post(target, milestone_data()))
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize("person", ["outsider", "cio_bw"])
def test_milestones_are_not_found_for_people_who_do_not_see_the_project(client, request, project, person):
    milestone = MilestoneFactory(project=project, title="Alt")
    login(client, request.getfixturevalue(person))
    assert client.get(url("milestone-create", project)).status_code == 404
    assert client.post(url("milestone-create", project), milestone_data()).status_code == 404
    assert client.post(url("milestone-edit", project, milestone.pk), milestone_data()).status_code == 404
    milestone.refresh_from_db()
    assert milestone.title == "Alt" and Milestone.objects.count() == 1


def test_project_lead_adds_a_milestone(client, project, project_lead):
    login(client, project_lead)
    page = client.get(url("milestone-create", project)).content.decode()
    assert page.count("<h1") == 1 and 'for="id_title"' in page and 'for="id_due_on"' in page
    response = client.post(
        url("milestone-create", project), milestone_data(responsible_partner=project.lead_partner.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url() + "#meilensteine"
    milestone = Milestone.objects.get(project=project)
    assert milestone.title == "Pilotkreis angebunden" and milestone.due_on.isoformat() == "2026-06-30"
    assert milestone.responsible_partner == project.lead_partner
    event = AuditEvent.objects.get(verb=AuditVerb.MILESTONE_SAVED)
    assert event.actor == project_lead and event.payload["created"] is True


def test_project_lead_gets_404_on_another_project(client, project_lead, other_project):
    milestone = MilestoneFactory(project=other_project)
    login(client, project_lead)
    assert client.post(url("milestone-create", other_project), milestone_data()).status_code == 404
    assert client.get(url("milestone-edit", other_project, milestone.pk)).status_code == 404
    assert client.post(url("status-report-create", other_project), {}).status_code == 404
    assert not Milestone.objects.filter(project=other_project).exclude(pk=milestone.pk).exists()


def test_milestone_of_another_project_is_404_under_this_slug(client, project, project_lead, other_project, secretariat):
    foreign = MilestoneFactory(project=other_project, title="Fremd")
    for person in (project_lead, secretariat):
        login(client, person)
        assert client.get(url("milestone-edit", project, foreign.pk)).status_code == 404
        assert client.post(url("milestone-edit", project, foreign.pk), milestone_data()).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Fremd"


def test_team_member_marks_a_milestone_done(client, project, team_contact):
    milestone = MilestoneFactory(project=project, title="Konzept abgenommen", due_on=TODAY - timedelta(days=3))
    login(client, team_contact)
    page = client.get(url("milestone-edit", project, milestone.pk)).content.decode()
    assert 'value="Konzept abgenommen"' in page and milestone.due_on.strftime("%d.%m.%Y") in page
    done = (TODAY - timedelta(days=1)).strftime("%d.%m.%Y")
    response = client.post(
        url("milestone-edit", project, milestone.pk),
        milestone_data(title="Konzept abgenommen", due_on=milestone.due_on.strftime("%d.%m.%Y"), done_on=done),
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY - timedelta(days=1)
    assert not milestone.is_overdue()


def test_milestone_form_explains_invalid_input(client, project, project_lead):
    response = login(client, project_lead).post(
        url("milestone-create", project), milestone_data(title="", due_on="31.02.2026")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein." in html
    assert 'href="#id_due_on"' in html  # the summary links to the field
    assert not Milestone.objects.exists()


# --- status reports ----------------------------------------------------------------------------------


def report_data(**changes) -> dict:
    return {
        "period_start": "01.01.2026",
        "period_end": "31.03.2026",
        "schedule": "green",
        "budget": "yellow",
        "scope": "red",
        "text": "## Stand\n\nDer **Pilot** läuft.",
        **changes,
    }


def test_status_report_access(client, project, outsider, cio_bw, other_project, project_lead):
    target = url("status-report-create", project)
    assert_login_redirect(client.get(target))
    for person in (outsider, cio_bw):
        assert login(client, person).post(target, report_data()).status_code == 404
    assert (
        login(client, project_lead).post(url("status-report-create", other_project), report_data()).status_code == 404
    )
    assert not StatusReport.objects.exists()


def test_project_lead_files_a_status_report(client, project, project_lead):
    login(client, project_lead)
    page = client.get(url("status-report-create", project)).content.decode()
    assert "<legend>Zeitplan:</legend>" in page and 'value="red"' in page and "---------" not in page
    response = client.post(url("status-report-create", project), report_data())
    assert response.status_code == 302
    report = StatusReport.objects.get(project=project)
    assert (report.schedule, report.budget, report.scope) == ("green", "yellow", "red")
    assert report.author == project_lead and report.worst_light == TrafficLight.RED
    assert AuditEvent.objects.filter(verb=AuditVerb.STATUS_REPORT_FILED, actor=project_lead).exists()
    html = client.get(project.get_absolute_url()).content.decode()
    assert '<span class="light light-red">kritisch</span>' in html and "<strong>Pilot</strong>" in html


def test_status_report_period_must_not_end_before_it_starts(client, project, secretariat):
    response = login(client, secretariat).post(
        url("status-report-create", project), report_data(period_start="01.04.2026", period_end="31.03.2026")
    )
    assert response.status_code == 200
    assert "Der Berichtszeitraum kann nicht vor seinem Beginn enden." in response.context["form"].errors["period_end"]
    assert not StatusReport.objects.exists()


def test_status_report_needs_all_three_lights(client, project, secretariat):
    data = report_data()
    del data["budget"]
    response = login(client, secretariat).post(url("status-report-create", project), data)
    assert response.status_code == 200 and "budget" in response.context["form"].errors
    assert not StatusReport.objects.exists()
