"""The public catalogue: search, bad input and pagination with its cap."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import require_service
from tests.factories import SolutionFactory
from tests.transfer.catalogue.helpers import LIST, bulk_solutions, refresh, status_text, titles
from transfer.models import Solution
from transfer.views.catalogue import MAX_PAGES, PAGE_SIZE

pytestmark = pytest.mark.django_db


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
    from transfer.caching import bump_catalogue_version

    monkeypatch.setattr(selectors, "RANK_AT_MOST", 2)
    now = timezone.now()
    for days, title in ((3, "Meldung alt"), (1, "Meldung neu"), (2, "Meldung mittel")):
        SolutionFactory(title=title, published_at=now - timedelta(days=days))
    refresh(*Solution.objects.all())
    response = client.get(LIST, {"q": "Meldung"})
    assert titles(response) == ["Meldung neu", "Meldung mittel", "Meldung alt"]
    assert "nach Datum sortiert" in response.content.decode()
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 2000)
    bump_catalogue_version()  # a constant of the code: in production it changes only with a restart
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
