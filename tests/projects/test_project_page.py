"""The workspace's project page and the header link: access, what it shows, to whom."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Role
from projects.models import (
    ContributionKind,
    ContributionState,
    LinkKind,
    Participation,
    ParticipationRole,
    Phase,
    ProjectLink,
    TrafficLight,
)
from tests.conftest import assert_login_redirect, login
from tests.factories import (
    ContributionFactory,
    FocusAreaFactory,
    MilestoneFactory,
    RoleAssignmentFactory,
    StatusReportFactory,
    UserFactory,
)
from tests.projects.pages import LIST, TODAY, detail_url, edit_url, h1_count, phase_url

pytestmark = pytest.mark.django_db

# --- the project page ------------------------------------------------------------------------------


def test_project_page_sends_anonymous_visitors_to_login(client, project):
    assert_login_redirect(client.get(detail_url(project)))


@pytest.mark.parametrize("person", ["outsider", "cio_bw"])
def test_project_page_is_not_found_for_people_who_may_not_see_it(client, request, project, person):
    login(client, request.getfixturevalue(person))
    assert client.get(detail_url(project)).status_code == 404


def test_team_member_gets_404_for_another_project(client, project_lead, other_project):
    assert login(client, project_lead).get(detail_url(other_project)).status_code == 404


def test_unknown_slug_is_404(client, secretariat):
    assert login(client, secretariat).get("/arbeitsbereich/projekte/gibt-es-nicht/").status_code == 404


@pytest.fixture
def full_project(project, land_bw, land_he, secretariat, project_lead):
    project.description = "## Ziel\n\n**Online** zulassen."
    project.save()
    project.focus_areas.add(FocusAreaFactory(name="Mobile und vernetzte Verwaltung"))
    Participation.objects.create(project=project, partner=land_he, role=ParticipationRole.PILOT)
    ProjectLink.objects.create(
        project=project, label="Quellcode auf OpenCoDE", url="https://example.org/code", kind=LinkKind.REPOSITORY
    )
    MilestoneFactory(project=project, title="Pilotkreis angebunden", due_on=TODAY - timedelta(days=5))
    MilestoneFactory(
        project=project,
        title="Konzept abgenommen",
        due_on=TODAY - timedelta(days=50),
        done_on=TODAY - timedelta(days=51),
    )
    StatusReportFactory(project=project, schedule=TrafficLight.YELLOW, text="Verzug beim *Pilotkreis*.")
    ContributionFactory(project=project, partner=land_bw, kind=ContributionKind.PERSON_DAYS, amount=20)
    ContributionFactory(
        project=project,
        partner=land_bw,
        kind=ContributionKind.PERSON_DAYS,
        amount=10,
        state=ContributionState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    ContributionFactory(project=project, partner=land_he, kind=ContributionKind.EUROS, amount=5000)
    from projects.services.projects import project_change_phase

    project_change_phase(project=project, phase=Phase.PILOT, reason="Beschluss LK-2026-07", actor=secretariat)
    project.refresh_from_db()
    return project


def test_project_page_shows_everything(client, secretariat, full_project, project_lead):
    response = login(client, secretariat).get(detail_url(full_project))
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    for text in (
        full_project.summary,
        "Erprobung",
        "Mobile und vernetzte Verwaltung",
        "Baden-Württemberg",
        "Federführung",
        "Hessen",
        "Erprobung im Reallabor",
        project_lead.email,
        "Projektleitung",
        "Quellcode auf OpenCoDE",
        "Pilotkreis angebunden",
        "Konzept abgenommen",
        '<span class="light light-yellow">gefährdet</span>',
        "<em>Pilotkreis</em>",
        "<h3>Ziel</h3>",
        "<strong>Online</strong>",
        "Projektphase geändert",
        "Beschluss LK-2026-07",
        "Konzept → Erprobung",
        "Projektteam geändert",
    ):
        assert text in html, text
    milestone_rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)
    overdue = next(row for row in milestone_rows if "Pilotkreis angebunden" in row)
    assert '<span class="overdue">überfällig</span>' in overdue
    done = next(row for row in milestone_rows if "Konzept abgenommen" in row)
    assert "überfällig" not in done and "erreicht am" in done


def test_project_page_sums_each_partners_own_contributions(client, secretariat, full_project):
    response = login(client, secretariat).get(detail_url(full_project))
    rows = {row.partner.name: row for row in response.context["sum_rows"]}
    assert rows["Baden-Württemberg"].proposed == [("Personentage", Decimal(20))]
    assert rows["Baden-Württemberg"].confirmed == [("Personentage", Decimal(10))]
    assert rows["Hessen"].proposed == [("Euro", Decimal(5000))]
    html = response.content.decode()
    assert "Summen je Partner (nur eigene Beiträge)" in html
    assert "%" not in re.sub(r"<[^>]+>", "", html.split('id="beitraege-title"')[1].split('id="verlauf"')[0])


def test_project_page_shows_actions_only_to_those_allowed(client, secretariat, project_lead, full_project):
    secretariat_html = login(client, secretariat).get(detail_url(full_project)).content.decode()
    for url in (
        edit_url(full_project),
        phase_url(full_project),
        reverse("projects:document-create", args=[full_project.slug]),
        reverse("projects:team-add", args=[full_project.slug]),
        reverse("projects:milestone-create", args=[full_project.slug]),
        reverse("projects:contribution-create", args=[full_project.slug]),
    ):
        assert url in secretariat_html, url
    assert "/bestaetigen/" not in secretariat_html  # the secretariat cannot bind a partner

    lead_html = login(client, project_lead).get(detail_url(full_project)).content.decode()
    assert reverse("projects:milestone-create", args=[full_project.slug]) in lead_html
    assert reverse("projects:status-report-create", args=[full_project.slug]) in lead_html
    assert reverse("projects:contribution-create", args=[full_project.slug]) in lead_html
    for url in (
        edit_url(full_project),
        phase_url(full_project),
        reverse("projects:team-add", args=[full_project.slug]),
    ):
        assert url not in lead_html, url


def test_markdown_is_rendered_harmless(client, secretariat, project):
    project.description = (
        "Text <script>alert('x')</script> und <img src=x onerror=alert(1)> [klick](javascript:alert(1)) **fett**"
    )
    project.save()
    StatusReportFactory(project=project, text="<svg onload=alert(1)><iframe src=https://example.org></iframe>")
    html = login(client, secretariat).get(detail_url(project)).content.decode()
    assert "<strong>fett</strong>" in html
    assert "<script>alert" not in html.lower() and html.lower().count("<script") == 1  # only static/js/site.js
    assert not re.search(r"<[^>]*\bon(error|load)\s*=", html, re.I)
    assert "javascript:" not in html.lower()
    assert "<iframe" not in html.lower() and "<svg" not in html.lower()


# --- the header link -------------------------------------------------------------------------------


def nav(html: str) -> str:
    return html.split('class="site-nav"')[1].split("</nav>")[0]


def test_header_links_the_workspace_for_those_who_may_use_it(client, secretariat, project_lead, outsider, land_he):
    home = reverse("home")
    assert f'href="{LIST}"' in nav(login(client, secretariat).get(home).content.decode())
    assert f'href="{LIST}"' in nav(login(client, project_lead).get(home).content.decode())
    assert "Arbeitsbereich" not in nav(login(client, outsider).get(home).content.decode())
    representative = UserFactory()
    RoleAssignmentFactory(person=representative, partner=land_he, role=Role.PROJECT_CONTACT)
    pending = reverse("projects:contribution-pending")
    assert f'href="{pending}"' in nav(login(client, representative).get(home).content.decode())
    client.logout()
    assert "Arbeitsbereich" not in nav(client.get(home).content.decode())
