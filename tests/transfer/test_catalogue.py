"""The public catalogue (/loesungen/) and a solution's page: filters, facets, search, bad input,
the page cap, what stays hidden, and query counts that do not grow with the data."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import FocusArea, Partner, PartnerKind, State
from projects.models import SponsorshipState
from tests.conftest import require_service
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    PartnerFactory,
    ProjectFactory,
    ServiceCoverageFactory,
    SolutionFactory,
    SponsorshipFactory,
    UserFactory,
)
from transfer import services
from transfer.models import (
    Adoption,
    AdoptionStage,
    Licence,
    MaturityModel,
    OzgThemenfeld,
    ServiceCoverage,
    Solution,
    SolutionDocument,
    SolutionState,
)
from transfer.views.catalogue import MAX_PAGES, PAGE_SIZE

pytestmark = pytest.mark.django_db
LIST = "/loesungen/"


def titles(response) -> list[str]:
    """The solution titles listed on a catalogue page, in order."""
    return re.findall(r'<h3 id="loesung-\d+"><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def status_text(response) -> str:
    heading = r'<h2 id="results-title" class="result-count" tabindex="-1">(.*?)</h2>'
    match = re.search(heading, response.content.decode(), re.S)
    assert match, "the result count must be the results heading (the focus goes there after a search)"
    return " ".join(match.group(1).split())


def refresh(*solutions: Solution) -> None:
    services.search_vector_refresh(solution_ids=[s.pk for s in solutions])


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


# --- search -----------------------------------------------------------------------------------------


def test_search_finds_by_title_and_description(client):
    by_title = SolutionFactory(title="Bürgerhaushalt online")
    by_text = SolutionFactory(title="Beteiligung", short_description="Ein Bürgerhaushalt für jede Gemeinde.")
    SolutionFactory(title="Kfz-Zulassung", short_description="Fahrzeuge zulassen.")
    refresh(*Solution.objects.all())
    response = client.get(LIST, {"q": "Bürgerhaushalt"})
    assert set(titles(response)) == {by_title.title, by_text.title}
    assert status_text(response) == "2 Lösungen gefunden"


def test_german_stemming_on_postgresql(client):
    require_service(connection.vendor == "postgresql", "PostgreSQL (German full-text search)")
    found = SolutionFactory(title="Mängelmelder für Kommunen", short_description="Eine Meldung per App.")
    SolutionFactory(title="Schulportal", short_description="Zeugnisse digital.")
    refresh(*Solution.objects.all())
    response = client.get(LIST, {"q": "Meldungen"})
    assert titles(response) == [found.title]


def test_very_common_term_is_sorted_by_date_and_says_so(client, monkeypatch):
    require_service(connection.vendor == "postgresql", "PostgreSQL (ranked full-text search)")
    from transfer import selectors

    monkeypatch.setattr(selectors, "RANK_AT_MOST", 2)
    now = timezone.now()
    for days, title in ((3, "Meldung alt"), (1, "Meldung neu"), (2, "Meldung mittel")):
        SolutionFactory(title=title, published_at=now - timedelta(days=days))
    refresh(*Solution.objects.all())
    response = client.get(LIST, {"q": "Meldung"})
    assert titles(response) == ["Meldung neu", "Meldung mittel", "Meldung alt"]
    assert "nach Datum sortiert" in response.content.decode()
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 2000)
    assert "nach Datum sortiert" not in client.get(LIST, {"q": "Meldung"}).content.decode()


def test_empty_result_offers_a_reset(client):
    SolutionFactory(title="Mängelmelder")
    refresh(*Solution.objects.all())
    response = client.get(LIST, {"q": "Raumfahrtbehörde"})
    html = response.content.decode()
    assert status_text(response) == "0 Lösungen gefunden"
    assert "Keine Lösung passt zu Ihrer Auswahl." in html
    assert f'<a href="{LIST}">Alle Filter zurücksetzen und alle Lösungen zeigen</a>' in html


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "ignored"),
    [
        ("focus_area=gibt-es-nicht", "Arbeitsschwerpunkt"),
        ("partner=niemand", "Partner"),
        ("land=XX", "Land"),
        ("maturity=99", "Reifegrad mindestens"),
        ("maturity=abc", "Reifegrad mindestens"),
        ("maturity_model=3.0", "Reifegradmodell"),
        ("themenfeld=%3Cscript%3E", "OZG-Themenfeld"),
        ("sort=title;DROP%20TABLE", "Sortierung"),
        ("reuse_stage=''", "Stand der Nachnutzung"),
        ("page=abc", None),
        ("page=999999", None),
        ("page=-3", None),
        ("page=" + "9" * 5000, None),
        ("q=" + "x" * 10000, None),
        ("q=%27%20OR%201%3D1%3B%20DROP%20TABLE%20transfer_solution%3B%20--", None),
        ("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E", None),
        ("q=%00%00", None),
        ("q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k%20l%20m", None),
        ("open_source=vielleicht", None),
    ],
)
def test_bad_input_gives_a_normal_page(client, query, ignored):
    SolutionFactory(title="Mängelmelder")
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]  # the header's language switch keeps the raw URL
    assert "<script>alert(1)" not in html and "x" * 201 not in main
    if ignored:
        assert f"Nicht angewendet, weil der Wert ungültig ist: {ignored}." in html
    assert Solution.objects.count() == 1


def test_long_search_term_is_cut_not_refused(client):
    refresh(SolutionFactory(title="Mängelmelder"))
    response = client.get(LIST, {"q": "Mängelmelder" + " " * 200 + "x" * 9000})
    assert response.status_code == 200
    assert titles(response) == ["Mängelmelder"]  # the first 200 characters are searched
    assert "Nicht angewendet" not in response.content.decode()


# --- pagination -------------------------------------------------------------------------------------


def bulk_solutions(count: int, prefix: str = "Lösung") -> list[Solution]:
    now = timezone.now()
    return Solution.objects.bulk_create(
        [
            Solution(
                title=f"{prefix} {n:05d}",
                slug=f"{prefix.lower()}-{n}",
                short_description="Kurz.",
                problem="Problem.",
                target_group="Kommunen",
                licence=Licence.EUPL_12,
                state=SolutionState.PUBLISHED,
                published_at=now,
                contact_label="Geschäftsstelle",
                contact_email="transfer@kooperationsraum.example.org",
            )
            for n in range(count)
        ]
    )


def test_pages_of_twenty_and_past_the_end_shows_the_last_page(client):
    bulk_solutions(PAGE_SIZE + 5, "loesung")
    first = client.get(LIST)
    assert len(titles(first)) == PAGE_SIZE and "Seite 1 von 2" in status_text(first)
    last = client.get(LIST, {"page": "7"})
    assert last.status_code == 200 and len(titles(last)) == 5
    assert "Diese Seite gibt es nicht; angezeigt wird die letzte Seite." in last.content.decode()
    assert 'href="?page=2"' in first.content.decode()


def test_page_links_keep_only_valid_filters(client):
    bulk_solutions(PAGE_SIZE + 1, "loesung")
    html = client.get(LIST, {"sort": "newest", "focus_area": "unbekannt", "open_source": "on"}).content.decode()
    assert 'href="?open_source=on&amp;sort=newest&amp;page=2"' in html


def test_page_number_is_capped_and_deep_pages_cost_no_more(client):
    bulk_solutions(PAGE_SIZE * MAX_PAGES + 30, "loesung")
    response = client.get(LIST, {"page": "51"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Seite {MAX_PAGES} von {MAX_PAGES}" in status_text(response)
    assert f"Es werden höchstens {MAX_PAGES} Seiten angezeigt." in html
    assert "1.030 Lösungen gefunden" in status_text(response) or "1030 Lösungen gefunden" in status_text(response)
    assert len(titles(response)) == PAGE_SIZE
    assert client.get(LIST, {"page": "999999"}).status_code == 200
    with CaptureQueriesContext(connection) as first:
        client.get(LIST)
    with CaptureQueriesContext(connection) as deep:  # a page not shown yet: its cards are not cached either
        client.get(LIST, {"page": str(MAX_PAGES - 1)})
    assert len(deep) == len(first)


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


# --- query counts -----------------------------------------------------------------------------------


def populate(count: int) -> Solution:
    """`count` published solutions, each with adopters, documents, services, areas and partners."""
    areas = FocusArea.objects.bulk_create([FocusArea(name=f"Thema {n}", slug=f"thema-{n}") for n in range(3)])
    partners = Partner.objects.bulk_create(
        [
            Partner(name=f"Kommune {count}-{n}", slug=f"kommune-{count}-{n}", kind=PartnerKind.CITY, state=State.HE)
            for n in range(3)
        ]
    )
    solutions = bulk_solutions(count, "massen")
    Adoption.objects.bulk_create(
        [
            Adoption(solution=s, organisation=f"Verwaltung {n}", stage=stage)
            for s in solutions
            for n, stage in enumerate(AdoptionStage.values)
        ]
    )
    SolutionDocument.objects.bulk_create(
        [SolutionDocument(solution=s, title="Handbuch", file="solutions/h.pdf") for s in solutions]
    )
    ServiceCoverage.objects.bulk_create(
        [
            ServiceCoverage(
                solution=s,
                leika_key=f"99{s.pk:012d}",
                name="Leistung",
                themenfeld=OzgThemenfeld.UMWELT,
                maturity_model=MaturityModel.V1,
                maturity_level=3,
            )
            for s in solutions
        ]
    )
    Solution.focus_areas.through.objects.bulk_create(
        [Solution.focus_areas.through(solution=s, focusarea=area) for s in solutions for area in areas]
    )
    Solution.partners.through.objects.bulk_create(
        [Solution.partners.through(solution=s, partner=partner) for s in solutions for partner in partners]
    )
    one = solutions[0]
    project = ProjectFactory(is_public=True)
    SponsorshipFactory(
        project=project,
        land=PartnerFactory(name="Baden-Württemberg", slug="bw", kind=PartnerKind.LAND, state=State.BW),
        state=SponsorshipState.APPROVED,
    )
    Solution.objects.filter(pk=one.pk).update(project=project)
    Adoption.objects.bulk_create(
        [Adoption(solution=one, organisation=f"Weitere {n}", stage=AdoptionStage.PILOT) for n in range(count)]
    )
    SolutionDocument.objects.bulk_create(
        [
            SolutionDocument(
                solution=one, title=f"Bild {n}", file="solutions/b.png", alt_text="Bildschirmfoto", is_image=True
            )
            for n in range(count)
        ]
    )
    return one


def count_queries(client, url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "massen", "focus_area": "thema-1", "land": "HE"}])
def test_catalogue_queries_do_not_grow_with_the_data(client, params):
    one = populate(5)
    small_list, small_page = count_queries(client, LIST, params), count_queries(client, one.get_absolute_url())
    Solution.objects.all().delete()
    FocusArea.objects.all().delete()
    one = populate(200)
    assert count_queries(client, LIST, params) == small_list
    assert count_queries(client, one.get_absolute_url()) == small_page
    assert small_list <= 15 and small_page <= 10
