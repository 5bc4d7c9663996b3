"""The workspace's portfolio list, project page, create/edit and phase change: access, effect, pages."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Role, State
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
from tests.factories import (
    ContributionFactory,
    FocusAreaFactory,
    MilestoneFactory,
    PartnerFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    StatusReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("projects:project-list")
CREATE = reverse("projects:project-create")
TODAY = timezone.localdate()


def detail_url(project) -> str:
    return reverse("projects:project-detail", args=[project.slug])


def edit_url(project) -> str:
    return reverse("projects:project-edit", args=[project.slug])


def phase_url(project) -> str:
    return reverse("projects:project-phase", args=[project.slug])


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def listed(response) -> list[str]:
    return [row.project.acronym for row in response.context["rows"]]


@pytest.fixture
def other_project(land_he):
    return ProjectFactory(lead_partner=land_he, acronym="HES", title="Hessischer Antragsassistent")


def login(client, person):
    client.force_login(person)
    return client


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


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
DETAIL_MAX_QUERIES = 19  # the secretariat's view, with the option lists of its forms


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
        for n in range(min(size, 120)):
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
