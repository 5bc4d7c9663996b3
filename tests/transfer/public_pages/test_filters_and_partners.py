"""Public pages: project filters and bad input, and the partner pages (/partner/)."""

from datetime import date

import pytest

from governance.models import PartnerKind, State
from projects.models import Phase
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProjectFactory,
    SolutionFactory,
)
from tests.transfer.public_pages.helpers import PARTNERS, PROJECTS, land, listed_titles, text
from transfer.models import AdoptionStage, SolutionState
from transfer.views.public import PAGE_SIZE

pytestmark = pytest.mark.django_db


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
