"""Participating partners in the workspace: the secretariat adds, re-roles and removes them."""

import pytest
from django.urls import reverse

from governance.models import AuditEvent, AuditVerb
from projects.models import Participation, ParticipationRole
from tests.conftest import login
from tests.factories import ContributionFactory, MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def url(name: str, project, *args) -> str:
    return reverse(f"projects:{name}", args=[project.slug, *args])


def joined(project, partner, role=ParticipationRole.PARTNER) -> Participation:
    return Participation.objects.create(project=project, partner=partner, role=role)


def test_participation_set_access(client, project, outsider, project_lead, land_he, land_bw):
    other_project = ProjectFactory(lead_partner=land_he)
    data = {"partner": land_he.pk, "role": ParticipationRole.PILOT}
    response = client.post(url("participation-set", project), data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert login(client, outsider).post(url("participation-set", project), data).status_code == 404
    assert login(client, project_lead).post(url("participation-set", project), data).status_code == 403
    # The project lead sees only their own project: another one is not found.
    assert (
        client.post(
            url("participation-set", other_project), {"partner": land_bw.pk, "role": ParticipationRole.PILOT}
        ).status_code
        == 404
    )
    assert not Participation.objects.filter(project=project, partner=land_he).exists()


def test_secretariat_adds_a_partner_then_changes_its_role(client, project, secretariat, land_he):
    login(client, secretariat)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Partner beteiligen oder Rolle ändern" in page
    response = client.post(url("participation-set", project), {"partner": land_he.pk, "role": ParticipationRole.PILOT})
    assert response.status_code == 302 and response["Location"].endswith("#partner")
    assert Participation.objects.get(project=project, partner=land_he).role == ParticipationRole.PILOT

    client.post(url("participation-set", project), {"partner": land_he.pk, "role": ParticipationRole.ASSOCIATED})
    assert Participation.objects.get(project=project, partner=land_he).role == ParticipationRole.ASSOCIATED
    payloads = list(
        AuditEvent.objects.filter(verb=AuditVerb.PROJECT_CHANGED, target_id=str(project.pk)).values_list(
            "payload", flat=True
        )
    )
    assert {"participation": land_he.name, "role": ParticipationRole.PILOT, "added": True} in payloads
    assert {"participation": land_he.name, "role": ParticipationRole.ASSOCIATED, "added": False} in payloads


@pytest.mark.parametrize(
    "data, message",
    [
        ({"role": ParticipationRole.PILOT}, "Bitte wählen Sie einen Partner."),
        ({"partner": "lead", "role": ParticipationRole.PARTNER}, "Bitte wählen Sie einen Partner aus der Liste."),
        ({"partner": "he", "role": ParticipationRole.LEAD}, "Bitte wählen Sie eine Rolle aus der Liste."),
    ],
)
def test_bad_participation_input_is_refused_in_german(client, project, secretariat, land_he, data, message):
    data = {**data}
    if "partner" in data:
        data["partner"] = {"lead": project.lead_partner.pk, "he": land_he.pk}[data["partner"]]
    response = login(client, secretariat).post(url("participation-set", project), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Participation.objects.filter(project=project, partner=land_he).exists()
    assert Participation.objects.get(project=project, partner=project.lead_partner).role == ParticipationRole.LEAD


def test_secretariat_removes_a_partner(client, project, secretariat, land_he):
    participation = joined(project, land_he)
    login(client, secretariat)
    assert client.get(url("participation-remove", project, participation.pk)).status_code == 405
    response = client.post(url("participation-remove", project, participation.pk), follow=True)
    assert "ist nicht mehr beteiligt" in response.content.decode()
    assert not Participation.objects.filter(pk=participation.pk).exists()
    assert (
        AuditEvent.objects.filter(
            verb=AuditVerb.PROJECT_CHANGED, payload__participation=land_he.name, payload__removed=True
        ).count()
        == 1
    )


@pytest.mark.parametrize("blocker", ["lead", "contribution", "milestone"])
def test_a_partner_that_leads_or_has_work_stays(client, project, secretariat, land_he, blocker):
    partner = project.lead_partner if blocker == "lead" else land_he
    participation = (
        Participation.objects.get(project=project, partner=partner) if blocker == "lead" else joined(project, land_he)
    )
    if blocker == "contribution":
        ContributionFactory(project=project, partner=land_he)
    if blocker == "milestone":
        MilestoneFactory(project=project, responsible_partner=land_he)
    response = login(client, secretariat).post(url("participation-remove", project, participation.pk), follow=True)
    page = response.content.decode()
    assert "bleibt beteiligt" in page or "ändern Sie diese zuerst" in page
    assert Participation.objects.filter(pk=participation.pk).exists()


def test_participation_remove_access(client, project, project_lead, outsider, secretariat, land_he):
    participation = joined(project, land_he)
    other_project = ProjectFactory(lead_partner=land_he)
    assert login(client, outsider).post(url("participation-remove", project, participation.pk)).status_code == 404
    assert login(client, project_lead).post(url("participation-remove", project, participation.pk)).status_code == 403
    # A participation of one project cannot be removed through another project's address.
    assert (
        login(client, secretariat).post(url("participation-remove", other_project, participation.pk)).status_code == 404
    )
    assert Participation.objects.filter(pk=participation.pk).exists()


def test_project_lead_sees_partners_but_no_forms(client, project, project_lead, land_he):
    joined(project, land_he, ParticipationRole.PILOT)
    page = login(client, project_lead).get(project.get_absolute_url()).content.decode()
    assert land_he.name in page and "Erprobung im Reallabor" in page
    assert "Partner beteiligen oder Rolle ändern" not in page
    assert url("participation-set", project) not in page
