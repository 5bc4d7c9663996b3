"""Public project pages (/projekte/): only public projects, CIO-Pate only for approved
sponsorships, no person's name or e-mail anywhere."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
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
    PartnerFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    SolutionFactory,
    SponsorshipFactory,
    StatusReportFactory,
    UserFactory,
)
from tests.transfer.public_pages.helpers import PARTNERS, PROJECTS, land, listed_titles, text
from transfer.models import SolutionState

pytestmark = pytest.mark.django_db


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
