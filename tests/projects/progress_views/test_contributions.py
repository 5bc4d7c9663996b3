"""The workspace: proposing and confirming contributions, and my open contributions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb
from projects.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    Participation,
    ParticipationRole,
    TeamRole,
)
from projects.services.projects import project_team_add
from tests.conftest import assert_login_redirect, login
from tests.factories import ContributionFactory
from tests.projects.progress_views.helpers import PENDING, TODAY, representative, url

pytestmark = pytest.mark.django_db


# --- contributions: propose ----------------------------------------------------------------------------


def contribution_data(partner, **changes) -> dict:
    return {
        "partner": partner.pk,
        "kind": ContributionKind.PERSON_DAYS,
        "amount": "25",
        "description": "Fachliche Begleitung",
        **changes,
    }


def test_contribution_create_access(client, project, land_bw, outsider, team_contact, other_project, project_lead):
    target = url("contribution-create", project)
    assert_login_redirect(client.get(target))
    assert login(client, outsider).post(target, contribution_data(land_bw)).status_code == 404
    # On the team, but only the lead (or the secretariat) proposes contributions.
    assert login(client, team_contact).get(target).status_code == 403
    assert client.post(target, contribution_data(land_bw)).status_code == 403
    assert (
        login(client, project_lead)
        .post(url("contribution-create", other_project), contribution_data(other_project.lead_partner))
        .status_code
        == 404
    )
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("person", ["project_lead", "secretariat"])
def test_lead_and_secretariat_propose_a_contribution(client, request, project, land_bw, person):
    actor = request.getfixturevalue(person)
    response = login(client, actor).post(url("contribution-create", project), contribution_data(land_bw))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.state == ContributionState.PROPOSED and contribution.proposed_by == actor
    assert contribution.partner == land_bw and contribution.amount == 25
    assert AuditEvent.objects.filter(verb=AuditVerb.CONTRIBUTION_PROPOSED).exists()


def test_contribution_needs_an_amount_for_person_days(client, project, land_bw, secretariat):
    response = login(client, secretariat).post(
        url("contribution-create", project), contribution_data(land_bw, amount="")
    )
    assert response.status_code == 200
    assert "Personentage und Euro brauchen einen Umfang größer als null." in response.context["form"].errors["amount"]
    assert not Contribution.objects.exists()


def test_contribution_only_for_participating_partners(client, project, land_he, secretariat):
    response = login(client, secretariat).post(url("contribution-create", project), contribution_data(land_he))
    assert response.status_code == 200 and "partner" in response.context["form"].errors
    Participation.objects.create(project=project, partner=land_he, role=ParticipationRole.PARTNER)
    assert client.post(url("contribution-create", project), contribution_data(land_he)).status_code == 302
    assert Contribution.objects.get().partner == land_he


# --- contributions: confirm ----------------------------------------------------------------------------


@pytest.fixture
def proposed(project, land_bw, secretariat):
    return ContributionFactory(project=project, partner=land_bw, proposed_by=secretariat)


def confirm_url(contribution) -> str:
    return url("contribution-confirm", contribution.project, contribution.pk)


def test_confirm_sends_anonymous_visitors_to_login(client, proposed):
    assert_login_redirect(client.get(confirm_url(proposed)))
    assert_login_redirect(client.post(confirm_url(proposed)))
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_representative_confirms_their_partners_contribution(client, proposed, rep_bw):
    response = login(client, rep_bw).post(confirm_url(proposed), follow=True)
    # Not on the team, so not sent to the project page they cannot see, but to their own list.
    assert response.redirect_chain == [(PENDING, 302)]
    assert "Sie haben den Beitrag von Baden-Württemberg verbindlich bestätigt." in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.CONFIRMED and proposed.confirmed_by == rep_bw
    assert AuditEvent.objects.filter(verb=AuditVerb.CONTRIBUTION_CONFIRMED, actor=rep_bw).exists()

    again = client.post(confirm_url(proposed), follow=True)
    assert "Dieser Beitrag ist bereits bestätigt." in again.content.decode()
    assert AuditEvent.objects.filter(verb=AuditVerb.CONTRIBUTION_CONFIRMED).count() == 1


def test_representative_on_the_team_returns_to_the_project(client, proposed, rep_bw, secretariat):
    project_team_add(project=proposed.project, person=rep_bw, role=TeamRole.CONTACT, actor=secretariat)
    response = login(client, rep_bw).post(confirm_url(proposed))
    assert response["Location"] == proposed.project.get_absolute_url() + "#beitraege"


def test_secretariat_cannot_confirm_for_a_partner(client, proposed, secretariat):
    response = login(client, secretariat).post(confirm_url(proposed))
    assert response.status_code == 403
    assert "Nur eine Vertretung von Baden-Württemberg kann diesen Beitrag bestätigen." in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_representative_of_another_partner_is_refused(client, proposed, rep_he, secretariat):
    # Without sight of the project the contribution does not exist for them.
    assert login(client, rep_he).post(confirm_url(proposed)).status_code == 404
    # On the team, they see it, and the service refuses with its reason.
    project_team_add(project=proposed.project, person=rep_he, role=TeamRole.CONTACT, actor=secretariat)
    response = client.post(confirm_url(proposed))
    assert response.status_code == 403
    assert "Nur eine Vertretung von Baden-Württemberg" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_former_representative_and_outsider_are_refused(client, proposed, land_bw, outsider):
    former = representative(land_bw, valid_from=TODAY - timedelta(days=100), valid_until=TODAY - timedelta(days=1))
    for person in (former, outsider):
        assert login(client, person).post(confirm_url(proposed)).status_code == 404
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_contribution_of_another_project_is_404_under_this_slug(client, project, other_project, land_bw, rep_bw):
    foreign = ContributionFactory(project=other_project, partner=land_bw)
    response = login(client, rep_bw).post(url("contribution-confirm", project, foreign.pk))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.state == ContributionState.PROPOSED


def test_confirm_is_post_only(client, proposed, rep_bw):
    assert login(client, rep_bw).get(confirm_url(proposed)).status_code == 405


def test_project_page_offers_confirmation_only_to_the_representative(
    client, proposed, rep_bw, secretariat, project_lead
):
    project_team_add(project=proposed.project, person=rep_bw, role=TeamRole.CONTACT, actor=secretariat)
    assert confirm_url(proposed) in login(client, rep_bw).get(proposed.project.get_absolute_url()).content.decode()
    assert (
        confirm_url(proposed)
        not in login(client, project_lead).get(proposed.project.get_absolute_url()).content.decode()
    )


# --- my open contributions ---------------------------------------------------------------------------


def test_pending_page_sends_anonymous_visitors_to_login(client):
    assert_login_redirect(client.get(PENDING))


def test_pending_lists_only_open_contributions_of_represented_partners(
    client, project, other_project, land_bw, land_he, rep_bw
):
    mine = ContributionFactory(project=project, partner=land_bw, description="Meiner, offen")
    mine_elsewhere = ContributionFactory(project=other_project, partner=land_bw, description="Meiner, anderswo")
    ContributionFactory(
        project=project,
        partner=land_bw,
        description="Meiner, bestätigt",
        state=ContributionState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    ContributionFactory(project=project, partner=land_he, description="Hessens")
    response = login(client, rep_bw).get(PENDING)
    assert response.status_code == 200
    assert set(response.context["page_obj"].object_list) == {mine, mine_elsewhere}
    html = response.content.decode()
    assert html.count("<h1") == 1 and "2 offene Beiträge" in html
    assert confirm_url(mine) in html and "Hessens" not in html and "Meiner, bestätigt" not in html
    assert f'href="{project.get_absolute_url()}"' not in html  # not on the team: the title without a link


def test_pending_is_empty_for_people_without_a_representative_role(client, proposed, outsider):
    response = login(client, outsider).get(PENDING)
    assert response.status_code == 200
    assert "Es gibt keine offenen Beiträge" in response.content.decode()
