"""Participations in the admin go through the workspace's services: audited, lead rule enforced."""

import pytest

from governance.models import AuditEvent, AuditVerb
from projects.models import Participation, ParticipationRole, Project
from tests.factories import ContributionFactory, PartnerFactory
from tests.projects.test_admin import admin_url, project_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, secretariat):
    """The secretariat's model permissions include no deleting; a superuser's do."""
    secretariat.is_superuser = True
    secretariat.save()
    client.force_login(secretariat)
    return client


def participation_events():
    return AuditEvent.objects.filter(verb=AuditVerb.PROJECT_CHANGED, payload__has_key="participation")


def test_partner_added_in_the_project_inline_is_audited(secretariat_client, project):
    other = PartnerFactory()
    data = project_form(
        project,
        **{
            "participations-TOTAL_FORMS": 2,
            "participations-1-project": project.pk,
            "participations-1-partner": other.pk,
            "participations-1-role": ParticipationRole.PILOT,
        },
    )
    response = secretariat_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 302
    assert Participation.objects.get(project=project, partner=other).role == ParticipationRole.PILOT
    [event] = participation_events()
    assert event.payload == {"participation": other.name, "role": ParticipationRole.PILOT, "added": True}


def test_lead_partner_cannot_be_deleted_in_the_project_inline(superuser_client, project):
    response = superuser_client.post(
        admin_url(Project, "change", project.pk), project_form(project, **{"participations-0-DELETE": "on"})
    )
    assert response.status_code == 200
    assert "Der federführende Partner bleibt beteiligt." in response.content.decode()
    assert project.participations.filter(partner=project.lead_partner).exists()


def test_participation_deleted_in_its_admin_is_audited(superuser_client, project):
    other = PartnerFactory()
    participation = Participation.objects.create(project=project, partner=other, role=ParticipationRole.PARTNER)
    response = superuser_client.post(admin_url(Participation, "delete", participation.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Participation.objects.filter(pk=participation.pk).exists()
    [event] = participation_events()
    assert event.payload == {"participation": other.name, "removed": True}


def test_participation_with_contributions_cannot_be_deleted_in_its_admin(superuser_client, project):
    other = PartnerFactory()
    participation = Participation.objects.create(project=project, partner=other, role=ParticipationRole.PARTNER)
    ContributionFactory(project=project, partner=other)
    response = superuser_client.post(admin_url(Participation, "delete", participation.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Participation.objects.filter(pk=participation.pk).exists()
    assert not participation_events().exists()


def test_lead_partners_row_is_view_only_in_its_admin(secretariat_client, project):
    lead = project.participations.get()
    response = secretariat_client.post(admin_url(Participation, "change", lead.pk), {"role": ParticipationRole.PARTNER})
    assert response.status_code == 403
    lead.refresh_from_db()
    assert lead.role == ParticipationRole.LEAD


def test_role_changed_in_its_admin_is_audited(secretariat_client, project):
    other = PartnerFactory()
    participation = Participation.objects.create(project=project, partner=other, role=ParticipationRole.PARTNER)
    response = secretariat_client.post(
        admin_url(Participation, "change", participation.pk), {"role": ParticipationRole.PILOT}
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.role == ParticipationRole.PILOT
    [event] = participation_events()
    assert event.payload["role"] == ParticipationRole.PILOT and event.payload["added"] is False
