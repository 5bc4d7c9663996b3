"""CIO sponsorship pages: the inbox of requests."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Role
from projects.models import Sponsorship, SponsorshipRound, SponsorshipScope, SponsorshipState
from projects.services import sponsorships as services
from tests.conftest import assert_login_redirect, login, person_with_role
from tests.factories import ProjectFactory, SponsorshipFactory
from tests.projects.sponsorship_views.helpers import INBOX, TODAY, url

pytestmark = pytest.mark.django_db


# --- the inbox ------------------------------------------------------------------------------------


def listed(response) -> list[int]:
    return [s.pk for s in response.context["page_obj"]]


def test_inbox_sends_anonymous_visitors_to_login(client):
    assert_login_redirect(client.get(INBOX), INBOX)


@pytest.mark.parametrize("role", ["former_cio", "steering_member", "project_lead", "outsider"])
def test_inbox_refuses_people_who_may_see_no_request(client, people, bw_request, role):
    assert login(client, people[role]).get(INBOX).status_code == 403


def test_a_cio_sees_only_requests_of_their_own_land(client, people, bw_request, he_request):
    response = login(client, people["cio_he"]).get(INBOX)
    assert response.status_code == 200
    assert listed(response) == [he_request.pk]
    html = response.content.decode()
    assert he_request.project.title in html and bw_request.project.title not in html
    assert listed(login(client, people["cio"]).get(INBOX)) == [bw_request.pk]
    assert listed(login(client, people["deputy"]).get(INBOX)) == [bw_request.pk]
    assert set(listed(login(client, people["secretariat"]).get(INBOX))) == {bw_request.pk, he_request.pk}


def test_inbox_shows_columns_and_puts_open_requests_first(client, people, project, land_bw, bw_request):
    decided = SponsorshipFactory(
        land=land_bw, state=SponsorshipState.APPROVED, requested_at=timezone.now() + timedelta(hours=1)
    )
    response = login(client, people["cio"]).get(INBOX)
    assert listed(response) == [bw_request.pk, decided.pk]
    html = response.content.decode()
    assert project.acronym in html and project.title in html and "Baden-Württemberg" in html
    assert "Konzeption und Umsetzung" in html and "angefragt" in html and "übernommen" in html
    assert bw_request.requested_at.strftime("%d.%m.%Y") in html
    assert response.context["page_obj"][0].round_count == 1
    assert url("detail", bw_request) in html


def test_inbox_filters_by_state_in_the_url(client, people, land_bw, bw_request):
    approved = SponsorshipFactory(land=land_bw, state=SponsorshipState.APPROVED)
    login(client, people["cio"])
    assert listed(client.get(INBOX, {"state": "approved"})) == [approved.pk]
    assert listed(client.get(INBOX, {"state": "requested"})) == [bw_request.pk]
    response = client.get(INBOX, {"state": "kaputt"})
    assert set(listed(response)) == {approved.pk, bw_request.pk}
    assert "Ungültige Filterangaben" in response.content.decode()


def test_inbox_pages_by_25(client, people, land_bw):
    for _ in range(27):
        SponsorshipFactory(land=land_bw)
    login(client, people["cio"])
    assert len(listed(client.get(INBOX))) == 25
    assert len(listed(client.get(INBOX, {"page": 2}))) == 2


def test_empty_inbox_says_so(client, people):
    response = login(client, people["cio_he"]).get(INBOX)
    assert response.status_code == 200
    assert "Es gibt keine Anfragen zu CIO-Patenschaften" in response.content.decode()


def test_a_delegate_sees_only_the_request_delegated_to_them(client, people, land_bw, bw_request):
    SponsorshipFactory(land=land_bw)
    delegate = people["steering_member"]
    assert login(client, delegate).get(INBOX).status_code == 403
    services.sponsorship_delegate(sponsorship=bw_request, person=delegate, actor=people["cio"])
    assert listed(client.get(INBOX)) == [bw_request.pk]


INBOX_MAX_QUERIES = 11  # with the second factor's device, loaded on every logged-in request


@pytest.mark.parametrize("size", [5, 100])
def test_inbox_query_count_does_not_grow(client, people, land_bw, size, django_assert_max_num_queries):
    projects = ProjectFactory.create_batch(size, lead_partner=land_bw)
    sponsorships = Sponsorship.objects.bulk_create(
        [
            Sponsorship(
                project=p,
                land=land_bw,
                scope=SponsorshipScope.BOTH,
                term_start=TODAY,
                justification="x",
                state=SponsorshipState.REQUESTED,
                requested_by=people["secretariat"],
                requested_at=timezone.now(),
            )
            for p in projects
        ]
    )
    SponsorshipRound.objects.bulk_create(
        [
            SponsorshipRound(
                sponsorship=s,
                number=1,
                scope=s.scope,
                term_start=TODAY,
                justification="x",
                submitted_by=people["secretariat"],
            )
            for s in sponsorships
        ]
    )
    login(client, people["cio"])
    with django_assert_max_num_queries(INBOX_MAX_QUERIES):
        response = client.get(INBOX)
    assert len(listed(response)) == min(size, 25)


def test_nav_link_only_for_people_who_may_use_the_inbox(client, people, bw_request):
    home = reverse("home")
    # The inbox is part of the workspace's own navigation, shown on the workspace pages.
    for role in ("secretariat", "cio", "deputy"):
        assert f'href="{INBOX}"' in login(client, people[role]).get(INBOX).content.decode(), role
    for role in ("former_cio", "outsider", "steering_member"):
        assert f'href="{INBOX}"' not in login(client, people[role]).get(home).content.decode(), role
    contact = person_with_role(Role.PROJECT_CONTACT, bw_request.land)
    services.sponsorship_delegate(sponsorship=bw_request, person=contact, actor=people["cio"])
    assert f'href="{INBOX}"' in login(client, contact).get(INBOX).content.decode()
