"""CIO sponsorship pages: the decision page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import Role
from projects.models import (
    ContributionKind,
    ContributionState,
    Participation,
    ParticipationRole,
    SponsorshipState,
    TrafficLight,
)
from projects.services import sponsorships as services
from tests.conftest import assert_login_redirect, login, person_with_role
from tests.factories import ContributionFactory, PartnerFactory, ProjectFactory, SponsorshipFactory, StatusReportFactory
from tests.projects.sponsorship_views.helpers import NOT_SEEING, fresh, url

pytestmark = pytest.mark.django_db


# --- the decision page ----------------------------------------------------------------------------


def test_mail_link_sends_anonymous_to_login_and_back_to_the_decision_form(client, people, bw_request):
    link = bw_request.get_absolute_url()
    assert link == f"/arbeitsbereich/patenschaften/{bw_request.pk}/"
    response = client.get(link)
    assert_login_redirect(response, link)
    device = TOTPDevice.objects.create(user=people["cio"], name="App", confirmed=True)
    response = client.post(
        response["Location"], {"username": people["cio"].email, "password": "Testpasswort-123"}, follow=True
    )
    # A CIO confirms the login with the second factor, and then lands on the decision form.
    verify = response.redirect_chain[-1][0]
    assert verify.startswith(reverse("governance:mfa-verify"))
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(verify, {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == link
    html = response.content.decode()
    assert url("decide", bw_request) in html
    assert 'value="approve"' in html and 'value="decline"' in html


@pytest.mark.parametrize("role", NOT_SEEING)
def test_decision_page_does_not_exist_for_people_who_may_not_see_it(client, people, bw_request, role):
    assert login(client, people[role]).get(url("detail", bw_request)).status_code == 404


@pytest.mark.parametrize("role", ["cio", "deputy"])
def test_deciders_see_everything_needed_and_the_form(client, people, project, land_bw, land_he, bw_request, role):
    partner = PartnerFactory(name="Stadt Mannheim")
    Participation.objects.create(project=project, partner=partner, role=ParticipationRole.PILOT)
    ContributionFactory(project=project, partner=partner, kind=ContributionKind.PERSON_DAYS, amount=12)
    ContributionFactory(
        project=project,
        partner=partner,
        kind=ContributionKind.EUROS,
        amount=5000,
        state=ContributionState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    StatusReportFactory(
        project=project, schedule=TrafficLight.RED, budget=TrafficLight.GREEN, scope=TrafficLight.YELLOW
    )
    other = SponsorshipFactory(project=project, land=land_he, state=SponsorshipState.APPROVED)
    response = login(client, people[role]).get(url("detail", bw_request))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        project.title,
        project.acronym,
        project.get_phase_display(),
        project.summary,
        "Baden-Württemberg",
        "Stadt Mannheim",
        "Erprobung im Reallabor",
        "Federführung",
        "12 Personentage",
        "5.000 Euro",
        "Konzeption und Umsetzung",
        bw_request.justification,
        "Projektskizze",
        "Runde 1",
        "Hessen",
    ):
        assert text in html, text
    assert all(light in html for light in ("kritisch", "gefährdet", "im Plan"))  # the lights as text
    attachment = bw_request.attachments.get()
    assert url("attachment", bw_request, attachment.pk) in html
    assert url("decide", bw_request) in html
    # A CIO of Baden-Württemberg sees that Hessen sponsors too, but cannot open Hessen's request.
    assert other.get_absolute_url() not in html


def test_secretariat_sees_the_page_without_the_decision_form(client, people, bw_request):
    html = login(client, people["secretariat"]).get(url("detail", bw_request)).content.decode()
    assert url("decide", bw_request) not in html
    assert url("withdraw", bw_request) in html


def test_cio_of_another_land_gets_404_on_this_request(client, people, bw_request, he_request):
    login(client, people["cio"])
    assert client.get(url("detail", he_request)).status_code == 404
    assert client.get(url("detail", bw_request)).status_code == 200


def test_delegate_sees_only_the_delegated_request(client, people, land_bw, bw_request):
    other = SponsorshipFactory(project=ProjectFactory(lead_partner=land_bw), land=land_bw)
    delegate = person_with_role(Role.PROJECT_CONTACT, land_bw)
    services.sponsorship_delegate(sponsorship=bw_request, person=delegate, actor=people["cio"])
    login(client, delegate)
    assert url("decide", bw_request) in client.get(url("detail", bw_request)).content.decode()
    assert client.get(url("detail", other)).status_code == 404
    assert client.post(url("decide", other), {"decision": "approve"}).status_code == 404
    assert fresh(other).state == SponsorshipState.REQUESTED
