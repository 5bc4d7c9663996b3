"""The solution workspace: adoptions, reuse requests, and the admin that cannot publish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb
from tests.factories import AdoptionFactory, PartnerFactory, SolutionFactory
from tests.transfer.workspace.helpers import draft, make_inquiry, url
from transfer.models import Adoption, AdoptionStage, InquiryState

pytestmark = pytest.mark.django_db


# --- adoptions -----------------------------------------------------------------------------------


def test_adding_an_adoption_by_a_partner_takes_its_name(client, secretariat):
    solution = SolutionFactory()
    partner = PartnerFactory(name="Stadt Ludwigshafen am Rhein")
    client.force_login(secretariat)
    response = client.post(
        url("workspace-adoption-create", solution.pk),
        {
            "nachnutzung-partner": partner.pk,
            "nachnutzung-stage": AdoptionStage.EVALUATION,
            "nachnutzung-contact": "Bereich Digitalisierung",
        },
    )
    assert response.status_code == 302
    adoption = solution.adoptions.get()
    assert (adoption.organisation, adoption.partner, adoption.stage) == (
        partner.name,
        partner,
        AdoptionStage.EVALUATION,
    )


def test_an_adoption_needs_a_partner_or_an_organisation(client, secretariat):
    solution = SolutionFactory()
    client.force_login(secretariat)
    response = client.post(url("workspace-adoption-create", solution.pk), {"nachnutzung-stage": "interest"})
    assert "Bitte wählen Sie einen Partner oder nennen Sie die Verwaltung." in response.content.decode()
    assert not Adoption.objects.exists()


def test_adoptions_are_listed_in_pipeline_order(client, secretariat):
    solution = SolutionFactory()
    for stage, name in [
        (AdoptionStage.ENDED, "Amt A"),
        (AdoptionStage.PRODUCTION, "Amt B"),
        (AdoptionStage.INTEREST, "Amt C"),
        (AdoptionStage.PILOT, "Amt D"),
    ]:
        AdoptionFactory(solution=solution, stage=stage, organisation=name)
    client.force_login(secretariat)
    response = client.get(url("workspace-solution-detail", solution.pk))
    assert [a.organisation for a in response.context["solution"].adoptions.all()] == [
        "Amt C",
        "Amt D",
        "Amt B",
        "Amt A",
    ]


def test_moving_an_adoption_along_the_pipeline_is_audited(client, secretariat):
    adoption = AdoptionFactory(
        stage=AdoptionStage.PILOT, organisation="Kreis Beispiel", stage_since=timezone.localdate() - timedelta(days=90)
    )
    client.force_login(secretariat)
    response = client.post(
        url("workspace-adoption-edit", adoption.solution.pk, adoption.pk),
        {"organisation": "Kreis Beispiel", "stage": AdoptionStage.PRODUCTION, "contact": "IT-Amt"},
    )
    assert response["Location"] == url("workspace-solution-detail", adoption.solution.pk) + "#nachnutzung"
    adoption.refresh_from_db()
    assert adoption.stage == AdoptionStage.PRODUCTION and adoption.stage_since == timezone.localdate()
    event = AuditEvent.objects.get(verb=AuditVerb.ADOPTION_CHANGED)
    assert event.payload["from"] == AdoptionStage.PILOT and event.payload["to"] == AdoptionStage.PRODUCTION
    assert event.actor == secretariat


# --- reuse requests --------------------------------------------------------------------------------


def test_inquiry_list_shows_confirmed_requests_only(client, secretariat):
    solution = SolutionFactory()
    make_inquiry(solution, administration="Bestätigte Stadt")
    make_inquiry(solution, state=InquiryState.ADOPTED, administration="Übernommener Kreis")
    make_inquiry(solution, state=InquiryState.UNCONFIRMED, administration="Unbestätigte Gemeinde")
    client.force_login(secretariat)
    html = client.get(url("inquiry-list")).content.decode()
    assert "Bestätigte Stadt" in html and "Übernommener Kreis" in html
    assert "Unbestätigte Gemeinde" not in html
    assert "erika.beispiel@example.org" in html and "Wir möchten die Lösung nachnutzen." in html
    assert html.count("In Nachnutzung übernehmen") == 1
    detail = client.get(url("workspace-solution-detail", solution.pk)).content.decode()
    assert "Bestätigte Stadt" in detail and "Unbestätigte Gemeinde" not in detail


def test_a_confirmed_inquiry_becomes_an_adoption_once(client, secretariat):
    inquiry = make_inquiry(SolutionFactory(), administration="Stadt Musterhausen")
    client.force_login(secretariat)
    response = client.post(url("inquiry-adopt", inquiry.pk))
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.ADOPTED
    assert (inquiry.adoption.organisation, inquiry.adoption.stage) == ("Stadt Musterhausen", AdoptionStage.INTEREST)
    assert response["Location"] == url("workspace-solution-detail", inquiry.solution.pk) + "#nachnutzung"
    assert AuditEvent.objects.filter(verb=AuditVerb.ADOPTION_CHANGED).count() == 1

    again = client.post(url("inquiry-adopt", inquiry.pk), follow=True)
    assert "Nur bestätigte, noch offene Anfragen werden zur Nachnutzung." in again.content.decode()
    assert Adoption.objects.count() == 1


# --- admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_secretariat(secretariat):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save()
    return secretariat


def test_admin_cannot_publish_or_move_stages(client, admin_secretariat):
    solution = draft()
    adoption = AdoptionFactory(solution=solution, stage=AdoptionStage.INTEREST)
    inquiry = make_inquiry(solution)
    client.force_login(admin_secretariat)
    page = client.get(reverse("admin:transfer_solution_change", args=[solution.pk])).content.decode()
    assert 'name="state"' not in page and 'name="published_at"' not in page
    assert "Veröffentlichen" not in client.get(reverse("admin:transfer_solution_changelist")).content.decode()
    adoption_page = client.get(reverse("admin:transfer_adoption_change", args=[adoption.pk])).content.decode()
    assert 'name="stage"' not in adoption_page
    inquiry_page = client.get(reverse("admin:transfer_inquiry_change", args=[inquiry.pk])).content.decode()
    assert 'name="state"' not in inquiry_page
    assert client.get(reverse("admin:transfer_inquiry_add")).status_code == 403
