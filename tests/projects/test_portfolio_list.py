"""The workspace's portfolio list: access, filters, search, sort, pagination, query counts."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from governance.models import AuditVerb, State
from governance.services.audit import audit_record
from projects.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    LinkKind,
    Milestone,
    Participation,
    ParticipationRole,
    Phase,
    Project,
    ProjectLink,
    StatusReport,
    TeamMember,
    TeamRole,
    TrafficLight,
)
from tests.conftest import assert_login_redirect, login
from tests.factories import (
    FocusAreaFactory,
    MilestoneFactory,
    PartnerFactory,
    ProjectFactory,
    StatusReportFactory,
    UserFactory,
)
from tests.projects.pages import LIST, TODAY, detail_url, h1_count, listed

pytestmark = pytest.mark.django_db

# --- the portfolio list: access -------------------------------------------------------------------


def test_list_sends_anonymous_visitors_to_login(client):
    assert_login_redirect(client.get(LIST))


@pytest.mark.parametrize("person", ["outsider", "cio_bw"])
def test_list_refuses_people_without_secretariat_role_or_team(client, request, person):
    login(client, request.getfixturevalue(person))
    assert client.get(LIST).status_code == 403


def test_secretariat_sees_the_whole_portfolio(client, secretariat, project, other_project):
    response = login(client, secretariat).get(LIST)
    assert response.status_code == 200
    assert set(listed(response)) == {project.acronym, other_project.acronym}
    html = response.content.decode()
    assert h1_count(html) == 1
    assert '<p role="status">' in html and "2 Projekte gefunden" in html
    assert reverse("projects:project-create") in html


def test_team_member_sees_only_own_projects(client, project_lead, project, other_project):
    response = login(client, project_lead).get(LIST)
    assert response.status_code == 200
    assert listed(response) == [project.acronym]
    assert other_project.title not in response.content.decode()
    assert reverse("projects:project-create") not in response.content.decode()


# --- the portfolio list: filters, search, sort, pagination ------------------------------------------


@pytest.fixture
def portfolio(land_bw, land_he):
    """Four projects that differ in exactly one filter each."""
    area = FocusAreaFactory(name="Mobile Verwaltung")
    city_he = PartnerFactory(name="Stadt Darmstadt", slug="darmstadt", state=State.HE)
    alpha = ProjectFactory(acronym="ALPHA", title="Alpha Kfz", lead_partner=land_bw, phase=Phase.PILOT)
    beta = ProjectFactory(
        acronym="BETA",
        title="Beta Bürgerhaushalt",
        lead_partner=land_he,
        phase=Phase.CONCEPT,
        description="Offener Bürgerhaushalt mit Beteiligung",
    )
    gamma = ProjectFactory(acronym="GAMMA", title="Gamma Telemedizin", lead_partner=land_bw, phase=Phase.CONCEPT)
    delta = ProjectFactory(acronym="DELTA", title="Delta 115", lead_partner=land_bw, phase=Phase.CONCEPT)
    gamma.focus_areas.add(area)
    Participation.objects.create(project=delta, partner=city_he, role=ParticipationRole.PILOT)
    StatusReportFactory(project=alpha, schedule=TrafficLight.RED)
    StatusReportFactory(project=beta, budget=TrafficLight.YELLOW)
    StatusReportFactory(project=gamma)
    MilestoneFactory(project=gamma, due_on=TODAY - timedelta(days=3))
    MilestoneFactory(project=alpha, due_on=TODAY - timedelta(days=3), done_on=TODAY - timedelta(days=4))
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta, "area": area}


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"phase": "pilot"}, {"ALPHA"}),
        ({"land": "HE"}, {"BETA", "DELTA"}),  # lead Land, or a participating city in that Land
        ({"light": "red"}, {"ALPHA"}),
        ({"light": "yellow"}, {"BETA"}),
        ({"light": "green"}, {"GAMMA"}),
        ({"overdue": "on"}, {"GAMMA"}),
        ({"q": "bürgerhaushalt"}, {"BETA"}),
        ({"q": "beteiligung"}, {"BETA"}),  # the description is searched as well
        ({"phase": "concept", "land": "BW"}, {"GAMMA", "DELTA"}),
    ],
)
def test_each_filter_narrows_the_list(client, secretariat, portfolio, query, expected):
    response = login(client, secretariat).get(LIST, query)
    assert response.status_code == 200
    assert set(listed(response)) == expected
    assert f"{len(expected)} Projekt" in response.content.decode()


def test_lead_partner_and_focus_area_filters(client, secretariat, portfolio, land_he):
    login(client, secretariat)
    assert set(listed(client.get(LIST, {"lead_partner": land_he.pk}))) == {"BETA"}
    assert set(listed(client.get(LIST, {"focus_area": portfolio["area"].pk}))) == {"GAMMA"}


def test_sort_orders_the_list(client, secretariat, portfolio):
    login(client, secretariat)
    assert listed(client.get(LIST)) == ["ALPHA", "BETA", "DELTA", "GAMMA"]
    assert listed(client.get(LIST, {"sort": "-title"})) == ["GAMMA", "DELTA", "BETA", "ALPHA"]


def test_list_shows_light_as_text_and_overdue_count(client, secretariat, portfolio):
    html = login(client, secretariat).get(LIST).content.decode()
    assert '<span class="light light-red">kritisch</span>' in html
    assert '<span class="light light-yellow">gefährdet</span>' in html
    assert '<span class="overdue">1 überfällig</span>' in html
    assert "kein Bericht" in html  # DELTA has no report


def test_unknown_filter_values_are_ignored_with_a_note(client, secretariat, portfolio):
    query = {
        "phase": "bogus",
        "land": "XX",
        "lead_partner": "999999",
        "focus_area": "abc",
        "light": "blue",
        "sort": "evil",
        "page": "x",
    }
    response = login(client, secretariat).get(LIST, query)
    assert response.status_code == 200
    assert set(listed(response)) == {"ALPHA", "BETA", "GAMMA", "DELTA"}
    html = response.content.decode()
    assert "Ungültige Filterangaben wurden nicht angewendet" in html
    assert "Bitte wählen Sie einen Eintrag aus der Liste." in html


def test_empty_result_says_so(client, secretariat, portfolio):
    html = login(client, secretariat).get(LIST, {"q": "gibt es nicht"}).content.decode()
    assert "0 Projekte gefunden" in html
    assert "Keine Projekte passen zu diesen Filtern." in html


def test_filters_stay_in_the_form_and_in_pagination_links(client, secretariat, land_bw):
    ProjectFactory.create_batch(30, lead_partner=land_bw, phase=Phase.PILOT)
    ProjectFactory(lead_partner=land_bw, phase=Phase.IDEA)
    response = login(client, secretariat).get(LIST, {"phase": "pilot", "q": "Kfz"})
    html = response.content.decode()
    assert "30 Projekte gefunden" in html
    assert len(listed(response)) == 25
    assert '<option value="pilot" selected>' in html
    assert 'value="Kfz"' in html
    next_link = re.search(r'<a href="\?([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert set(next_link.split("&")) == {"phase=pilot", "q=Kfz", "page=2"}
    page_two = client.get(f"{LIST}?{next_link}")
    assert len(listed(page_two)) == 5


def test_page_beyond_the_end_shows_the_last_page(client, secretariat, land_bw):
    ProjectFactory.create_batch(27, lead_partner=land_bw)
    response = login(client, secretariat).get(LIST, {"page": "99"})
    assert response.context["page_obj"].number == 2
    assert len(listed(response)) == 2


# --- query counts: a fixed bound, whatever the size of the portfolio ---------------------------------


def build_portfolio(size: int, partners, areas) -> list[Project]:
    """`size` projects with partners, focus areas, milestones, reports and contributions, in bulk."""
    projects = Project.objects.bulk_create(
        [
            Project(
                title=f"Portfolio {i:03}",
                acronym=f"PF{i}",
                slug=f"pf-{i}",
                summary="Bulk",
                lead_partner=partners[i % len(partners)],
                phase=Phase.CONCEPT,
                planned_end_date=TODAY + timedelta(days=i),
            )
            for i in range(size)
        ]
    )
    Participation.objects.bulk_create(
        [
            Participation(
                project=project,
                partner=partner,
                role=ParticipationRole.LEAD if partner == project.lead_partner else ParticipationRole.PARTNER,
            )
            for project in projects
            for partner in {project.lead_partner, *partners[:3]}
        ]
    )
    Project.focus_areas.through.objects.bulk_create(
        [Project.focus_areas.through(project=project, focusarea=area) for project in projects for area in areas]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(project=project, title=f"M{n}", due_on=TODAY + timedelta(days=10 * n - 15))
            for project in projects
            for n in range(3)
        ]
    )
    StatusReport.objects.bulk_create(
        [
            StatusReport(
                project=project,
                period_start=TODAY - timedelta(days=90 * (n + 1)),
                period_end=TODAY - timedelta(days=90 * n),
                schedule=TrafficLight.GREEN,
                budget=TrafficLight.YELLOW,
                scope=TrafficLight.GREEN,
                text=f"Bericht {n}",
            )
            for project in projects
            for n in range(2)
        ]
    )
    Contribution.objects.bulk_create(
        [
            Contribution(
                project=project,
                partner=partner,
                kind=kind,
                amount=Decimal(5),
                description="Beitrag",
                state=ContributionState.PROPOSED,
            )
            for project in projects
            for partner in partners[:3]
            for kind in (ContributionKind.PERSON_DAYS, ContributionKind.EUROS)
        ]
    )
    return projects


@pytest.fixture
def bulk_partners(land_bw, land_he):
    return [land_bw, land_he, *(PartnerFactory() for _ in range(3))]


LIST_MAX_QUERIES = 12
DETAIL_MAX_QUERIES = 20  # the secretariat's view, with the option lists of its forms and its second factor


@pytest.mark.parametrize("size", [5, 200])
def test_list_query_count_does_not_grow_with_the_portfolio(
    client, secretariat, bulk_partners, size, django_assert_max_num_queries
):
    build_portfolio(size, bulk_partners, [FocusAreaFactory(), FocusAreaFactory()])
    login(client, secretariat)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(LIST, {"sort": "end"})
    assert len(listed(response)) == min(size, 25)


@pytest.mark.parametrize("size", [5, 200])
def test_list_query_count_for_a_team_member(client, secretariat, bulk_partners, size, django_assert_max_num_queries):
    from projects.services.projects import project_team_add

    projects = build_portfolio(size, bulk_partners, [FocusAreaFactory()])
    member = UserFactory()
    for project in projects[:30]:
        project_team_add(project=project, person=member, role=TeamRole.CONTACT, actor=secretariat)
    login(client, member)
    with django_assert_max_num_queries(LIST_MAX_QUERIES + 1):  # the guardian grant lookup
        response = client.get(LIST)
    assert len(listed(response)) == min(size, 25)


@pytest.mark.parametrize("size", [5, 200])
def test_project_page_query_count_does_not_grow(
    client, secretariat, bulk_partners, size, django_assert_max_num_queries
):
    """`size` projects in the portfolio, and the page's own project with `size` of everything."""
    build_portfolio(size, bulk_partners, [FocusAreaFactory()])
    project = ProjectFactory(lead_partner=bulk_partners[0])
    extra = [PartnerFactory() for _ in range(min(size, 20))]
    Participation.objects.bulk_create([Participation(project=project, partner=p) for p in extra])
    Milestone.objects.bulk_create(
        [
            Milestone(
                project=project,
                title=f"M{n}",
                due_on=TODAY - timedelta(days=n - 3),
                responsible_partner=extra[n % len(extra)],
            )
            for n in range(size)
        ]
    )
    StatusReport.objects.bulk_create(
        [
            StatusReport(
                project=project,
                period_start=TODAY - timedelta(days=n + 1),
                period_end=TODAY - timedelta(days=n),
                schedule=TrafficLight.RED,
                budget=TrafficLight.GREEN,
                scope=TrafficLight.YELLOW,
                text=f"**Bericht** {n}",
                author=secretariat,
            )
            for n in range(size)
        ]
    )
    Contribution.objects.bulk_create(
        [
            Contribution(
                project=project,
                partner=extra[n % len(extra)],
                kind=ContributionKind.EUROS,
                amount=n + 1,
                description=f"Beitrag {n}",
                proposed_by=secretariat,
            )
            for n in range(size)
        ]
    )
    ProjectLink.objects.bulk_create(
        [
            ProjectLink(project=project, label=f"L{n}", url="https://example.org", kind=LinkKind.WEBSITE)
            for n in range(size)
        ]
    )
    TeamMember.objects.bulk_create(
        [TeamMember(project=project, person=UserFactory(), role=TeamRole.CONTACT) for _ in range(min(size, 20))]
    )
    with transaction.atomic():
        for _ in range(min(size, 120)):
            audit_record(
                verb=AuditVerb.PROJECT_CHANGED,
                actor=secretariat,
                target=project,
                payload={"changes": {"title": ["a", "b"], "lead_partner": [bulk_partners[0].pk, bulk_partners[1].pk]}},
            )
    login(client, secretariat)
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        response = client.get(detail_url(project))
    assert response.status_code == 200
    assert len(response.context["contribution_rows"]) == size
