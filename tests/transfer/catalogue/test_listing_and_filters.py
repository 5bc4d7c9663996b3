"""The public catalogue: what is listed, filters and facets."""

import pytest

from governance.models import PartnerKind, State
from tests.factories import AdoptionFactory, FocusAreaFactory, PartnerFactory, ServiceCoverageFactory, SolutionFactory
from tests.transfer.catalogue.helpers import LIST, refresh, status_text, titles
from transfer.models import AdoptionStage, Licence, MaturityModel, OzgThemenfeld, Solution, SolutionState

pytestmark = pytest.mark.django_db


# --- what is listed ---------------------------------------------------------------------------------


def test_lists_published_solutions_only(client):
    shown = SolutionFactory(title="Schulportal")
    hidden = [
        SolutionFactory(title=f"Verborgen {state}", state=state, published_at=None)
        for state in (SolutionState.DRAFT, SolutionState.UNPUBLISHED)
    ]
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [shown.title]
    assert status_text(response) == "1 Lösung gefunden"
    for solution in hidden:
        assert solution.title not in response.content.decode()
        assert client.get(f"/loesungen/{solution.slug}/").status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get("/loesungen/gibt-es-nicht/").status_code == 404


def test_result_shows_what_a_visitor_needs(client):
    area = FocusAreaFactory(name="Mobile Verwaltung")
    partner = PartnerFactory(name="Stadt Mannheim", state=State.BW)
    solution = SolutionFactory(title="Mängelmelder", short_description="Schäden per App melden.")
    solution.focus_areas.add(area)
    solution.partners.add(partner)
    ServiceCoverageFactory(solution=solution, maturity_model=MaturityModel.V1, maturity_level=3)
    AdoptionFactory(solution=solution, stage=AdoptionStage.PRODUCTION)
    AdoptionFactory(solution=solution, stage=AdoptionStage.PILOT)
    AdoptionFactory(solution=solution, stage=AdoptionStage.INTEREST)  # not yet reusing it
    html = client.get(LIST).content.decode()
    assert f'href="/loesungen/{solution.slug}/"' in html
    for text in (
        "Schäden per App melden.",
        "Mobile Verwaltung",
        "Stadt Mannheim",
        "EUPL-1.2 (Open Source)",
        "Stufe 3 von 4 (Reifegradmodell 1.x)",
        "2 Verwaltungen im Pilot- oder Produktivbetrieb",
    ):
        assert text in html
    assert html.count('class="ozg-compliant"') == 1
    assert 'type="application/atom+xml" href="/loesungen/feed/"' in html


def test_maturity_2_0_is_never_called_ozg_compliant(client):
    solution = SolutionFactory()
    ServiceCoverageFactory(solution=solution, maturity_model=MaturityModel.V2, maturity_level=7)
    ServiceCoverageFactory(solution=solution, maturity_model=MaturityModel.V1, maturity_level=2)
    html = client.get(LIST).content.decode()
    assert "Stufe 7 von 7 (Reifegradmodell 2.0)" in html and "Stufe 2 von 4 (Reifegradmodell 1.x)" in html
    assert 'class="ozg-compliant"' not in html
    detail = client.get(solution.get_absolute_url()).content.decode()
    assert 'class="ozg-compliant"' not in detail


# --- filters ----------------------------------------------------------------------------------------


def _focus(solution):
    solution.focus_areas.add(FocusAreaFactory(slug="bildung-offen"))


def _partner(solution):
    solution.partners.add(PartnerFactory(slug="kreis-bergstrasse", state=State.HE))


FILTERS = {
    "focus_area": ({"focus_area": "bildung-offen"}, _focus),
    "maturity": (
        {"maturity": "5"},
        lambda s: ServiceCoverageFactory(solution=s, maturity_model=MaturityModel.V2, maturity_level=6),
    ),
    "maturity_model": (
        {"maturity_model": "2.0"},
        lambda s: ServiceCoverageFactory(solution=s, maturity_model=MaturityModel.V2, maturity_level=1),
    ),
    "land": ({"land": "HE"}, _partner),
    "partner": ({"partner": "kreis-bergstrasse"}, _partner),
    "themenfeld": (
        {"themenfeld": "bildung"},
        lambda s: ServiceCoverageFactory(solution=s, themenfeld=OzgThemenfeld.BILDUNG),
    ),
    "licence_type": (
        {"licence_type": "open_data"},
        lambda s: Solution.objects.filter(pk=s.pk).update(licence=Licence.DL_DE_BY_2),
    ),
    "open_source": ({"open_source": "on"}, None),
    "reuse_stage": ({"reuse_stage": "pilot"}, lambda s: AdoptionFactory(solution=s, stage=AdoptionStage.PILOT)),
    "q": ({"q": "Schulportal"}, None),
}


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_narrows_the_list(client, name):
    params, give_trait = FILTERS[name]
    match = SolutionFactory(title="Schulportal Treffer")
    # The other one has the opposite of every trait: other filters, other licence, other words.
    other = SolutionFactory(
        title="Anderes Verfahren", licence=Licence.PROPRIETARY, short_description="Etwas ganz anderes."
    )
    ServiceCoverageFactory(
        solution=other, maturity_model=MaturityModel.V1, maturity_level=2, themenfeld=OzgThemenfeld.UMWELT
    )
    AdoptionFactory(solution=other, stage=AdoptionStage.PRODUCTION)
    other.partners.add(PartnerFactory(state=State.RP))
    other.focus_areas.add(FocusAreaFactory())
    if give_trait:
        give_trait(match)
    refresh(match, other)
    assert set(titles(client.get(LIST))) == {match.title, other.title}
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert titles(response) == ["Schulportal Treffer"]
    assert status_text(response) == "1 Lösung gefunden"
    assert "Nicht angewendet" not in response.content.decode()


def test_filters_combine(client):
    area = FocusAreaFactory(slug="mobil")
    both = SolutionFactory(title="Beides", licence=Licence.EUPL_12)
    only_area = SolutionFactory(title="Nur Schwerpunkt", licence=Licence.PROPRIETARY)
    both.focus_areas.add(area)
    only_area.focus_areas.add(area)
    response = client.get(LIST, {"focus_area": "mobil", "open_source": "on"})
    assert titles(response) == ["Beides"]


def test_maturity_levels_zero_to_seven_are_offered_with_at_least_counts(client):
    ServiceCoverageFactory(maturity_model=MaturityModel.V2, maturity_level=7)
    ServiceCoverageFactory(maturity_model=MaturityModel.V1, maturity_level=2)
    html = client.get(LIST).content.decode()
    assert all(f'<option value="{level}">Stufe {level} (2)</option>' in html for level in range(3))
    assert all(f'<option value="{level}">Stufe {level} (1)</option>' in html for level in range(3, 8))
    # In the 1.x model only one solution reaches level 2, and none reaches level 3.
    html = client.get(LIST, {"maturity_model": MaturityModel.V1}).content.decode()
    assert '<option value="2">Stufe 2 (1)</option>' in html and 'value="3"' not in html


def test_partner_facet_counts_and_a_partner_without_land_hides_nothing(client):
    land = PartnerFactory(name="Land Hessen", slug="hessen", state=State.HE)
    region = PartnerFactory(name="Metropolregion", slug="mrn", state="", kind=PartnerKind.METROPOLITAN_REGION)
    both, only_land = SolutionFactory(), SolutionFactory()
    both.partners.add(land, region)
    only_land.partners.add(land)
    html = client.get(LIST).content.decode()
    assert '<option value="hessen">Land Hessen (2)</option>' in html
    assert '<option value="mrn">Metropolregion (1)</option>' in html
    # The region without a Land must not take the solution out of the Land counts.
    assert '<option value="HE">Hessen (2)</option>' in html
    html = client.get(LIST, {"partner": "mrn"}).content.decode()
    assert '<option value="HE">Hessen (1)</option>' in html
    assert '<option value="hessen">Land Hessen (2)</option>' in html


# --- facets -----------------------------------------------------------------------------------------


def test_facet_counts_next_to_the_options(client):
    mobile = FocusAreaFactory(name="Mobile Verwaltung", slug="mobil")
    data = FocusAreaFactory(name="Offene Daten", slug="daten")
    FocusAreaFactory(name="Ohne Lösung", slug="leer")
    land_he = PartnerFactory(name="Kreis Offenbach", state=State.HE)
    first, second, third = SolutionFactory(), SolutionFactory(), SolutionFactory(licence=Licence.DL_DE_ZERO_2)
    for solution in (first, second):
        solution.focus_areas.add(mobile)
    third.focus_areas.add(data)
    first.partners.add(land_he)
    AdoptionFactory(solution=first, stage=AdoptionStage.PILOT)
    AdoptionFactory(solution=second, stage=AdoptionStage.PILOT)
    ServiceCoverageFactory(solution=third, themenfeld=OzgThemenfeld.UMWELT)
    html = client.get(LIST).content.decode()
    assert '<option value="mobil">Mobile Verwaltung (2)</option>' in html
    assert '<option value="daten">Offene Daten (1)</option>' in html
    assert 'value="leer"' not in html  # would find nothing
    assert '<option value="HE">Hessen (1)</option>' in html
    assert '<option value="pilot">Pilotbetrieb (2)</option>' in html
    assert '<option value="umwelt">Umwelt (1)</option>' in html
    assert '<option value="open_source">Open Source (2)</option>' in html
    assert '<option value="open_data">offene Datenlizenz (1)</option>' in html
    # Another filter narrows the counts; a facet's own value does not hide its siblings.
    html = client.get(LIST, {"licence_type": "open_data", "focus_area": "mobil"}).content.decode()
    assert '<option value="daten">Offene Daten (1)</option>' in html
    assert '<option value="mobil" selected>Mobile Verwaltung (0)</option>' in html
    assert '<option value="open_source">Open Source (2)</option>' in html
