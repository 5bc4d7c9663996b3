"""The public catalogue: a solution's page and what stays hidden on it."""

import pytest

from projects.models import SponsorshipState
from tests.factories import (
    AdoptionFactory,
    ProjectFactory,
    ServiceCoverageFactory,
    SolutionFactory,
    SponsorshipFactory,
    UserFactory,
)
from tests.transfer.catalogue.helpers import LIST
from transfer.models import AdoptionStage, MaturityModel, OzgThemenfeld, SolutionDocument

pytestmark = pytest.mark.django_db


# --- a solution's page ------------------------------------------------------------------------------


@pytest.fixture
def full_solution(land_bw):
    project = ProjectFactory(title="Digitale Mängelmeldung", slug="maengel-projekt", is_public=True)
    SponsorshipFactory(project=project, land=land_bw, state=SponsorshipState.APPROVED)
    solution = SolutionFactory(
        title="Mängelmelder",
        problem="Meldungen kommen **per Telefon**.",
        how_it_works="Eine *App*.",
        prerequisites="- ein Fachverfahren",
        base_components=["fit_connect", "115"],
        source_code_url="https://code.example.org/maengelmelder",
        documentation_url="https://doku.example.org/",
        project=project,
        contact_label="Servicestelle Mängelmelder",
        contact_email="maengel@stadt.example.org",
    )
    ServiceCoverageFactory(
        solution=solution,
        leika_key="99123456789012",
        name="Mängelmeldung",
        themenfeld=OzgThemenfeld.RECHT_ORDNUNG,
        maturity_model=MaturityModel.V1,
        maturity_level=3,
    )
    ServiceCoverageFactory(
        solution=solution,
        leika_key="99123456789013",
        name="Straßenschaden",
        themenfeld=OzgThemenfeld.MOBILITAET_REISEN,
        maturity_model=MaturityModel.V2,
        maturity_level=5,
    )
    AdoptionFactory(solution=solution, organisation="Stadt Ludwigshafen", stage=AdoptionStage.PRODUCTION)
    AdoptionFactory(solution=solution, organisation="Kreis Bergstraße", stage=AdoptionStage.INTEREST)
    SolutionDocument.objects.create(solution=solution, title="Handbuch", file="solutions/handbuch.pdf")
    SolutionDocument.objects.create(
        solution=solution,
        title="Startseite der App",
        file="solutions/app.png",
        alt_text="Karte mit drei gemeldeten Schlaglöchern",
        is_image=True,
    )
    return solution


def test_solution_page_shows_everything_for_a_reuse_decision(client, full_solution):
    response = client.get(full_solution.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "<strong>per Telefon</strong>",
        "<em>App</em>",
        "<li>ein Fachverfahren</li>",
        "Städte und Gemeinden",
        "<code>EUPL-1.2</code>",
        "Open Source",
        "https://code.example.org/maengelmelder",
        "https://doku.example.org/",
        "FIT-Connect",
        "Behördennummer 115",
        "99123456789012",
        "Mängelmeldung",
        "Recht &amp; Ordnung",
        "Stufe 3 (Reifegradmodell 1.x)",
        "Stufe 5 (Reifegradmodell 2.0)",
        "Mobilität &amp; Reisen",
        'href="/projekte/maengel-projekt/"',
        "Land Baden-Württemberg",
        "Servicestelle Mängelmelder",
        'href="mailto:maengel@stadt.example.org"',
        "Zuletzt geprüft am",
        'alt="Karte mit drei gemeldeten Schlaglöchern"',
        ">Handbuch</a>",
        "Stadt Ludwigshafen",
        "Kreis Bergstraße",
        "Produktivbetrieb (1)",
        "Interesse (1)",
        f'href="/loesungen/{full_solution.slug}/nachnutzung/"',
        "Interesse an Nachnutzung",
        "publiccode.yml",
    ):
        assert text in html, text
    assert html.index("Interesse (1)") < html.index("Produktivbetrieb (1)")  # pipeline order, not alphabet
    assert html.count('class="ozg-compliant"') == 1  # the 1.x level 3 service only


def test_private_project_is_not_linked(client, full_solution):
    full_solution.project.is_public = False
    full_solution.project.save()
    html = client.get(full_solution.get_absolute_url()).content.decode()
    assert "/projekte/maengel-projekt/" not in html and "Digitale Mängelmeldung" not in html


def test_markdown_is_sanitised(client):
    solution = SolutionFactory(problem="<script>alert('x')</script>[klick](javascript:alert(1))")
    html = client.get(solution.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "javascript:" not in html


def test_no_personal_data_on_public_pages(client):
    person = UserFactory(first_name="Erika", last_name="Mustermann", email="erika.mustermann@example.org")
    solution = SolutionFactory(contact_person=person)
    for url in (LIST, solution.get_absolute_url(), f"/loesungen/{solution.slug}/nachnutzung/"):
        html = client.get(url).content.decode()
        assert "Mustermann" not in html and "erika.mustermann" not in html, url
        assert "transfer@kooperationsraum.example.org" in html or url != solution.get_absolute_url()
