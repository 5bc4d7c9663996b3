"""Public project and partner pages (/projekte/, /partner/): only public projects, CIO-Pate only
for approved sponsorships, no person's name or e-mail anywhere, filters and bad input, and query
counts that do not grow with the data."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import PartnerKind, Role, State
from projects.models import (
    ContributionState,
    Participation,
    ParticipationRole,
    Phase,
    ProjectDocument,
    SponsorshipState,
    TeamMember,
    TeamRole,
)
from tests.factories import (
    AdoptionFactory,
    ContributionFactory,
    FocusAreaFactory,
    MilestoneFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    SolutionFactory,
    SponsorshipFactory,
    StatusReportFactory,
    UserFactory,
)
from transfer.models import AdoptionStage, SolutionState
from transfer.views.public import PAGE_SIZE

pytestmark = pytest.mark.django_db
PROJECTS = "/projekte/"
PARTNERS = "/partner/"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed_titles(response) -> list[str]:
    return re.findall(r'<h3 id="projekt-\d+"><a href="[^"]+">([^<]+)</a>', text(response))


def land(slug: str, name: str, state: str):
    return PartnerFactory(slug=slug, name=name, kind=PartnerKind.LAND, state=state)


# --- which projects ------------------------------------------------------------------------------


def test_internal_project_is_404_and_not_listed(client):
    ProjectFactory(title="Öffentliches Vorhaben", slug="oeffentlich", is_public=True)
    ProjectFactory(title="Internes Vorhaben", slug="intern", is_public=False)

    assert listed_titles(client.get(PROJECTS)) == ["Öffentliches Vorhaben"]
    assert "Internes Vorhaben" not in text(client.get(PROJECTS))
    assert client.get("/projekte/intern/").status_code == 404
    assert client.get("/projekte/gibt-es-nicht/").status_code == 404
    assert client.get("/projekte/oeffentlich/").status_code == 200


def test_list_shows_what_a_visitor_needs(client):
    lead = PartnerFactory(name="Rhein-Neckar-Kreis", slug="rnk", kind=PartnerKind.DISTRICT, state=State.BW)
    area = FocusAreaFactory(name="Mobile und vernetzte Verwaltung")
    project = ProjectFactory(
        title="Kfz-Zulassung",
        acronym="I-KFZ",
        lead_partner=lead,
        phase=Phase.PILOT,
        summary="Fahrzeuge online zulassen.",
        is_public=True,
    )
    project.focus_areas.add(area)

    page = text(client.get(PROJECTS))
    for expected in (
        "Kfz-Zulassung",
        "I-KFZ",
        "Erprobung",
        "Rhein-Neckar-Kreis",
        "Mobile und vernetzte Verwaltung",
        "Fahrzeuge online zulassen.",
        'href="/partner/rnk/"',
        f'href="/projekte/{project.slug}/"',
    ):
        assert expected in page, expected
    assert page.count("<h1") == 1


def test_empty_list_says_so(client):
    page = text(client.get(PROJECTS))
    assert "Zurzeit sind keine Projekte veröffentlicht." in page
    page = text(client.get(PROJECTS, {"phase": Phase.PILOT}))
    assert "Kein öffentliches Projekt passt zu Ihrer Auswahl." in page


def test_detail_shows_public_facts_partners_solutions_and_public_documents(client):
    lead = PartnerFactory(name="Stadt Köln", slug="koeln")
    pilot = PartnerFactory(name="Stadt Bonn", slug="bonn")
    project = ProjectFactory(
        title="Mängelmelder",
        slug="mm",
        lead_partner=lead,
        is_public=True,
        phase=Phase.IMPLEMENTATION,
        start_date=date(2024, 3, 1),
        planned_end_date=date(2026, 6, 30),
        description="## Ziel\n\nMängel **mobil** melden.<script>alert(1)</script>",
    )
    Participation.objects.create(project=project, partner=pilot, role=ParticipationRole.PILOT)
    SolutionFactory(title="Mängelmelder-App", slug="mm-app", project=project)
    SolutionFactory(title="Entwurfslösung", project=project, state=SolutionState.DRAFT)
    ProjectDocument.objects.create(
        project=project,
        title="Öffentlicher Abschlussbericht",
        is_public=True,
        file=ContentFile(b"%PDF-1.4\n", name="bericht.pdf"),
    )
    ProjectDocument.objects.create(
        project=project,
        title="Interne Kalkulation",
        is_public=False,
        file=ContentFile(b"%PDF-1.4\n", name="kalkulation.pdf"),
    )

    page = text(client.get("/projekte/mm/"))
    assert "Umsetzung und Verstetigung" in page
    assert 'datetime="2024-03-01"' in page and 'datetime="2026-06-30"' in page
    assert "<strong>mobil</strong>" in page and "<script>" not in page  # Markdown, sanitised
    assert 'href="/partner/koeln/">Stadt Köln</a>: Federführung' in page
    assert 'href="/partner/bonn/">Stadt Bonn</a>: Erprobung im Reallabor' in page
    assert 'href="/loesungen/mm-app/"' in page and "Entwurfslösung" not in page
    assert "Öffentlicher Abschlussbericht" in page and "Interne Kalkulation" not in page


def test_documents_download_only_when_public_on_a_public_project(client):
    public = ProjectFactory(slug="offen", is_public=True)
    internal = ProjectFactory(slug="geheim", is_public=False)

    def document(project, is_public):
        return ProjectDocument.objects.create(
            project=project, title="Bericht", is_public=is_public, file=ContentFile(b"%PDF-1.4\n", name="bericht.pdf")
        )

    shown = document(public, True)
    response = client.get(f"/projekte/offen/dokumente/{shown.pk}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client.get(f"/projekte/offen/dokumente/{document(public, False).pk}/").status_code == 404
    assert client.get(f"/projekte/geheim/dokumente/{document(internal, True).pk}/").status_code == 404
    # The document of another project is not reachable through this one's address.
    other = document(ProjectFactory(is_public=True), True)
    assert client.get(f"/projekte/offen/dokumente/{other.pk}/").status_code == 404


# --- CIO-Pate ------------------------------------------------------------------------------------


def test_cio_pate_only_for_approved_sponsorships(client):
    project = ProjectFactory(slug="patenprojekt", is_public=True)
    SponsorshipFactory(project=project, land=land("bw", "Baden-Württemberg", State.BW), state=SponsorshipState.APPROVED)
    SponsorshipFactory(project=project, land=land("he", "Hessen", State.HE), state=SponsorshipState.REQUESTED)
    SponsorshipFactory(project=project, land=land("rp", "Rheinland-Pfalz", State.RP), state=SponsorshipState.DECLINED)
    SponsorshipFactory(
        project=project, land=land("by", "Bayern", State.BY), state=SponsorshipState.ENDED, ended_at=timezone.now()
    )
    SponsorshipFactory(project=project, land=land("sl", "Saarland", State.SL), state=SponsorshipState.WITHDRAWN)

    page = text(client.get("/projekte/patenprojekt/"))
    assert "CIO-Pate: Land Baden-Württemberg" in page
    assert page.count("CIO-Pate:") == 1
    for name in ("Hessen", "Rheinland-Pfalz", "Bayern", "Saarland"):
        assert name not in page, name


def test_no_cio_pate_line_without_an_approved_sponsorship(client):
    project = ProjectFactory(slug="ohne-paten", is_public=True)
    SponsorshipFactory(project=project, land=land("he", "Hessen", State.HE), state=SponsorshipState.REQUESTED)
    assert "CIO-Pate" not in text(client.get("/projekte/ohne-paten/"))


def test_cio_pate_of_an_internal_project_is_shown_nowhere(client):
    bw = land("bw", "Baden-Württemberg", State.BW)
    internal = ProjectFactory(title="Vertrauliches Vorhaben", slug="vertraulich", is_public=False)
    SponsorshipFactory(project=internal, land=bw, state=SponsorshipState.APPROVED)

    assert client.get("/projekte/vertraulich/").status_code == 404
    for url in (PROJECTS, PARTNERS, "/partner/bw/"):
        page = text(client.get(url))
        assert "CIO-Pate" not in page and "Vertrauliches Vorhaben" not in page, url


# --- no personal data ----------------------------------------------------------------------------


def test_no_names_or_emails_of_people_on_any_page(client):
    lead = PartnerFactory(
        name="Kreis Bergstraße",
        slug="bergstrasse",
        kind=PartnerKind.DISTRICT,
        state=State.HE,
        contact_email="digitalisierung@kreis-bergstrasse.example.org",
    )
    bw = land("bw", "Baden-Württemberg", State.BW)
    project = ProjectFactory(title="Telemedizin", slug="tele", lead_partner=lead, is_public=True)
    team_lead = UserFactory(
        first_name="Wiebke", last_name="Zwanziger-Oberle", email="wiebke.zwanziger@kreis-bergstrasse.example.org"
    )
    proposer = UserFactory(
        first_name="Hieronymus", last_name="Quastenberg", email="h.quastenberg@rhein-neckar.example.org"
    )
    cio = UserFactory(first_name="Adelheid", last_name="Brückenbauer", email="cio@stm.bw.example.org")
    TeamMember.objects.create(project=project, person=team_lead, role=TeamRole.LEAD)
    RoleAssignmentFactory(person=team_lead, partner=lead, role=Role.PROJECT_CONTACT)
    RoleAssignmentFactory(person=cio, partner=bw, role=Role.CIO)
    ContributionFactory(
        project=project,
        partner=lead,
        proposed_by=proposer,
        description="Beitrag intern",
        state=ContributionState.CONFIRMED,
        confirmed_by=team_lead,
        confirmed_at=timezone.now(),
    )
    MilestoneFactory(project=project, title="Interner Meilenstein")
    StatusReportFactory(project=project, author=team_lead, text="Vertraulicher Statusbericht")
    SponsorshipFactory(
        project=project,
        land=bw,
        state=SponsorshipState.APPROVED,
        requested_by=proposer,
        decided_by=cio,
        decided_at=timezone.now(),
    )
    ProjectDocument.objects.create(
        project=project,
        title="Öffentliche Broschüre",
        is_public=True,
        uploaded_by=team_lead,
        file=ContentFile(b"%PDF-1.4\n", name="b.pdf"),
    )
    solution = SolutionFactory(project=project, contact_person=proposer)
    solution.partners.add(lead)
    AdoptionFactory(solution=solution, partner=lead)

    pages = {
        url: text(client.get(url))
        for url in (PROJECTS, "/projekte/tele/", PARTNERS, "/partner/bergstrasse/", "/partner/bw/")
    }
    assert "CIO-Pate: Land Baden-Württemberg" in pages["/projekte/tele/"]  # the page did render its content
    assert "digitalisierung@kreis-bergstrasse.example.org" in pages["/partner/bergstrasse/"]  # functional
    for url, page in pages.items():
        for person in (team_lead, proposer, cio):
            for value in (person.first_name, person.last_name, person.email):
                assert value not in page, f"{value} on {url}"
        for internal in ("Beitrag intern", "Interner Meilenstein", "Vertraulicher Statusbericht"):
            assert internal not in page, f"{internal} on {url}"


# --- filters and bad input -----------------------------------------------------------------------


def test_filter_by_phase_and_focus_area(client):
    area = FocusAreaFactory(name="Open Data", slug="open-data")
    other_area = FocusAreaFactory(name="Bildung", slug="bildung")
    pilot_data = ProjectFactory(title="A Pilot Daten", phase=Phase.PILOT, is_public=True)
    pilot_data.focus_areas.add(area)
    pilot_school = ProjectFactory(title="B Pilot Schule", phase=Phase.PILOT, is_public=True)
    pilot_school.focus_areas.add(other_area)
    concept_data = ProjectFactory(title="C Konzept Daten", phase=Phase.CONCEPT, is_public=True)
    concept_data.focus_areas.add(area)
    hidden = ProjectFactory(title="D Intern Pilot Daten", phase=Phase.PILOT, is_public=False)
    hidden.focus_areas.add(area)

    assert listed_titles(client.get(PROJECTS, {"phase": "pilot"})) == ["A Pilot Daten", "B Pilot Schule"]
    assert listed_titles(client.get(PROJECTS, {"focus_area": "open-data"})) == ["A Pilot Daten", "C Konzept Daten"]
    both = client.get(PROJECTS, {"phase": "pilot", "focus_area": "open-data"})
    assert listed_titles(both) == ["A Pilot Daten"]
    # The form shows what is applied.
    assert '<option value="pilot" selected>' in text(both)
    assert '<option value="open-data" selected>' in text(both)


@pytest.mark.parametrize(
    "params",
    [
        {"phase": "gibt-es-nicht"},
        {"focus_area": "unbekannt"},
        {"phase": "x" * 5000, "focus_area": "ä<script>"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-3"},
        {"page": "9" * 5000},
        {"page": "1.5"},
    ],
)
def test_bad_input_is_ignored_not_an_error(client, params):
    ProjectFactory(title="Einziges Projekt", is_public=True)
    response = client.get(PROJECTS, params)
    assert listed_titles(response) == ["Einziges Projekt"]
    assert "<script>" not in text(response)


def test_unknown_filter_values_are_named_and_not_carried_into_page_links(client):
    for n in range(PAGE_SIZE + 1):
        ProjectFactory(title=f"Projekt {n:02d}", phase=Phase.PILOT, is_public=True)
    page = text(client.get(PROJECTS, {"phase": "pilot", "focus_area": "unbekannt"}))
    assert "Nicht angewendet, weil der Wert ungültig ist: Arbeitsschwerpunkt." in page
    pagination = page[page.index('<nav class="pagination"') :]
    pagination = pagination[: pagination.index("</nav>")]
    assert 'href="?phase=pilot&amp;page=2"' in pagination and "unbekannt" not in pagination


def test_pagination_20_per_page_and_past_the_end_is_the_last_page(client):
    for n in range(PAGE_SIZE * 2 + 3):
        ProjectFactory(title=f"Projekt {n:03d}", is_public=True)
    first = listed_titles(client.get(PROJECTS))
    assert len(first) == PAGE_SIZE and first[0] == "Projekt 000"
    last = client.get(PROJECTS, {"page": "999"})
    assert listed_titles(last) == ["Projekt 040", "Projekt 041", "Projekt 042"]
    assert "Seite 3 von 3" in text(last)
    assert listed_titles(client.get(PROJECTS, {"page": "abc"})) == first


# --- partners ------------------------------------------------------------------------------------


def test_partner_list_groups_by_kind_with_current_memberships(client):
    network = NetworkFactory(name="Kooperationsraum Rhein-Neckar")
    old = NetworkFactory(name="Alter Verbund")
    bw = land("bw", "Baden-Württemberg", State.BW)
    city = PartnerFactory(name="Stadt Mannheim", slug="mannheim", kind=PartnerKind.CITY, state=State.BW)
    NetworkMembershipFactory(network=network, partner=bw, joined_on=date(2010, 5, 1))
    NetworkMembershipFactory(network=old, partner=city, joined_on=date(2012, 1, 1), left_on=date(2015, 1, 1))

    page = text(client.get(PARTNERS))
    assert page.index(">Länder</h2>") < page.index("Baden-Württemberg") < page.index(">Städte</h2>")
    assert page.index(">Städte</h2>") < page.index("Stadt Mannheim")
    assert 'href="/partner/bw/"' in page and 'href="/partner/mannheim/"' in page
    assert "Kooperationsraum Rhein-Neckar" in page and "seit 2010" in page
    assert "Alter Verbund" not in page  # left: not a current membership


def test_partner_detail_memberships_led_projects_solutions_and_adoptions(client):
    partner = PartnerFactory(
        name="Stadt Köln",
        slug="koeln",
        website="https://www.stadt-koeln.example",
        contact_email="digital@stadt-koeln.example",
    )
    network = NetworkFactory(name="Erprobungsraum Rheinland")
    former = NetworkFactory(name="Früherer Verbund")
    NetworkMembershipFactory(network=network, partner=partner, joined_on=date(2012, 11, 12))
    NetworkMembershipFactory(network=former, partner=partner, joined_on=date(2011, 1, 1), left_on=date(2013, 6, 30))
    ProjectFactory(title="Öffentlich geleitet", lead_partner=partner, is_public=True, phase=Phase.PILOT)
    ProjectFactory(title="Intern geleitet", lead_partner=partner, is_public=False)
    offered = SolutionFactory(title="Kölner Mängelmelder", slug="koelner-mm")
    offered.partners.add(partner)
    draft = SolutionFactory(title="Unfertige Lösung", state=SolutionState.DRAFT)
    draft.partners.add(partner)
    AdoptionFactory(
        solution=SolutionFactory(title="Bürgerhaushalt", slug="bhh"),
        partner=partner,
        stage=AdoptionStage.PILOT,
        stage_since=date(2025, 2, 1),
    )
    AdoptionFactory(
        solution=SolutionFactory(title="Zurückgezogene Lösung", state=SolutionState.UNPUBLISHED), partner=partner
    )

    page = text(client.get("/partner/koeln/"))
    assert "Stadt" in page and "Rheinland-Pfalz" in page
    assert 'href="https://www.stadt-koeln.example"' in page and "digital@stadt-koeln.example" in page
    assert "Erprobungsraum Rheinland" in page and 'datetime="2012-11-12"' in page
    assert "Früherer Verbund" in page and 'datetime="2011-01-01"' in page and 'datetime="2013-06-30"' in page
    assert "Öffentlich geleitet" in page and "Intern geleitet" not in page
    assert 'href="/loesungen/koelner-mm/"' in page and "Unfertige Lösung" not in page
    assert 'href="/loesungen/bhh/"' in page and "Pilotbetrieb" in page and 'datetime="2025-02-01"' in page
    assert "Zurückgezogene Lösung" not in page
    assert page.count("<h1") == 1


def test_unknown_partner_is_404(client):
    assert client.get("/partner/gibt-es-nicht/").status_code == 404


# --- query counts --------------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def make_projects(count: int, area, lead=None) -> None:
    for _n in range(count):
        project = ProjectFactory(is_public=True, **({"lead_partner": lead} if lead else {}))
        project.focus_areas.add(area)


@pytest.mark.parametrize("url", [PROJECTS, f"{PROJECTS}?phase=concept&focus_area=qc"])
def test_project_list_queries_do_not_grow(client, url):
    area = FocusAreaFactory(slug="qc")
    make_projects(5, area)
    few = queries_for(client, url)
    make_projects(195, area)
    assert queries_for(client, url) == few <= 6


def test_project_detail_queries_do_not_grow(client):
    lands = [
        land("bw", "Baden-Württemberg", State.BW),
        land("he", "Hessen", State.HE),
        land("rp", "Rheinland-Pfalz", State.RP),
    ]

    def fill(project, count, approved):
        for n in range(count):
            partner = PartnerFactory()
            Participation.objects.create(project=project, partner=partner)
            SolutionFactory(project=project).partners.add(partner)
            ProjectDocument.objects.create(
                project=project, title="Dok", is_public=True, file=ContentFile(b"%PDF-1.4\n", name="d.pdf")
            )
            SponsorshipFactory(project=project, land=lands[n % 3], state=SponsorshipState.DECLINED)
        for sponsor in lands[:approved]:
            SponsorshipFactory(project=project, land=sponsor, state=SponsorshipState.APPROVED)

    small, large = ProjectFactory(is_public=True), ProjectFactory(is_public=True)
    fill(small, 5, approved=1)
    fill(large, 200, approved=3)
    few = queries_for(client, f"/projekte/{small.slug}/")
    assert queries_for(client, f"/projekte/{large.slug}/") == few <= 10


def test_partner_pages_queries_do_not_grow(client):
    network = NetworkFactory()

    def partners(count):
        made = [PartnerFactory() for _n in range(count)]
        for partner in made:
            NetworkMembershipFactory(network=network, partner=partner, joined_on=date(2015, 1, 1))
        return made

    def fill(partner, count):
        area = FocusAreaFactory()
        make_projects(count, area, lead=partner)
        for _n in range(count):
            SolutionFactory().partners.add(partner)
            AdoptionFactory(partner=partner)
            NetworkMembershipFactory(
                network=NetworkFactory(),
                partner=partner,
                joined_on=date(2015, 1, 1),
                left_on=date(2016, 1, 1) + timedelta(days=_n),
            )

    small = partners(5)[0]
    fill(small, 5)
    few_list = queries_for(client, PARTNERS)
    few_detail = queries_for(client, f"/partner/{small.slug}/")
    large = partners(195)[0]
    fill(large, 200)
    assert queries_for(client, PARTNERS) == few_list <= 4
    assert queries_for(client, f"/partner/{large.slug}/") == few_detail <= 8
