"""The catalogue's cached parts (filter form, solution cards, a solution's content, API entries):
never stale after a change, one per language, the same for everyone; query counts that do not
grow with the catalogue, cold or warm; relevance ordering kept; one page clamp."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import State
from kooperationsraum.paging import Clamped, clamp_page, page_of
from tests.conftest import require_service
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    PartnerFactory,
    ServiceCoverageFactory,
    SolutionFactory,
)
from transfer import caching, services
from transfer.models import AdoptionStage, OzgThemenfeld, Solution, SolutionState

pytestmark = pytest.mark.django_db
LIST = "/loesungen/"


def html(client, url: str, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# --- never stale ------------------------------------------------------------------------------------


def test_an_edit_reaches_the_cached_card_and_content_without_the_page_cache(client, secretariat):
    solution = SolutionFactory(title="Alter Titel")
    detail = f"/loesungen/{solution.slug}/"
    assert "Alter Titel" in html(client, LIST) and "Alter Titel" in html(client, detail)
    assert queries(client, detail) == 0, "the content is cached"
    solution.title = "Neuer Titel"
    services.solution_save(solution=solution, actor=secretariat)
    for url in (LIST, detail, "/api/v1/solutions/"):
        page = html(client, url)
        assert "Neuer Titel" in page and "Alter Titel" not in page


def test_publishing_updates_the_cached_facet_counts_and_the_list(client, secretariat):
    partner = PartnerFactory(name="Stadt Facettenheim", slug="facettenheim", state=State.HE)
    shown = SolutionFactory(title="Schon da")
    shown.partners.add(partner)
    assert "Stadt Facettenheim (1)" in html(client, LIST)
    draft = SolutionFactory(title="Neu veröffentlicht", state=SolutionState.DRAFT, published_at=None)
    draft.partners.add(partner)
    ServiceCoverageFactory(solution=draft)
    assert "Stadt Facettenheim (1)" in html(client, LIST)
    services.solution_publish(solution=draft, actor=secretariat)
    page = html(client, LIST)
    assert "Stadt Facettenheim (2)" in page and "Neu veröffentlicht" in page


def test_withdrawal_makes_the_cached_content_a_404(client, secretariat):
    solution = SolutionFactory(title="Bald weg")
    detail = f"/loesungen/{solution.slug}/"
    html(client, detail)
    services.solution_unpublish(solution=solution, actor=secretariat, reason="veraltet")
    assert client.get(detail).status_code == 404
    assert "Bald weg" not in html(client, LIST)


def test_a_change_elsewhere_retires_what_this_process_keeps(client):
    solution = SolutionFactory(title="Vorher")
    html(client, LIST)
    # Another worker's change: the rows change and the shared version moves on, no signal here.
    Solution.objects.filter(pk=solution.pk).update(title="Nachher")
    caching.bump_catalogue_version()
    assert "Nachher" in html(client, LIST)


# --- one per language, the same for everyone -----------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, "/loesungen/{slug}/"])
def test_cached_parts_differ_per_language(client, url):
    solution = SolutionFactory(title="Schulportal")
    url = url.format(slug=solution.slug)
    german = html(client, url, HTTP_ACCEPT_LANGUAGE="de")
    english = html(client, url, HTTP_ACCEPT_LANGUAGE="en")
    # German content on the English interface is marked as German (language of parts).
    assert ' lang="de">Schulportal' not in german
    assert ' lang="de">Schulportal' in english or ' lang="de"><a href' in english
    assert html(client, url, HTTP_ACCEPT_LANGUAGE="de") == german


@pytest.mark.parametrize("url", [LIST, "/loesungen/{slug}/"])
def test_cached_parts_never_carry_one_persons_page_to_another(client, secretariat, url):
    url = url.format(slug=SolutionFactory().slug)
    assert "Abmelden" not in html(client, url)  # cards, form and content now cached
    client.force_login(secretariat)
    assert "Abmelden" in html(client, url)
    client.logout()
    assert "Abmelden" not in html(client, url)


# --- query counts do not grow with the catalogue ---------------------------------------------------------


def populate(count: int, start: int = 0) -> None:
    area = FocusAreaFactory() if start == 0 else None
    for n in range(start, start + count):
        solution = SolutionFactory(title=f"Lösung {n:04d}", slug=f"loesung-{n}")
        solution.partners.add(PartnerFactory(state=State.BW), PartnerFactory())
        if area:
            solution.focus_areas.add(area)
        ServiceCoverageFactory(solution=solution, themenfeld=OzgThemenfeld.RECHT_ORDNUNG, maturity_level=3)
        AdoptionFactory(solution=solution, stage=AdoptionStage.PRODUCTION)


URLS = [
    LIST,
    f"{LIST}?page=2",
    f"{LIST}?themenfeld={OzgThemenfeld.RECHT_ORDNUNG}&land={State.BW}&maturity=2",
    f"{LIST}?sort=reused",
    "/loesungen/loesung-1/",
    "/api/v1/solutions/?page_size=20",
    f"/api/v1/solutions/?themenfeld={OzgThemenfeld.RECHT_ORDNUNG}",
]


@pytest.mark.parametrize("url", URLS)
def test_queries_are_the_same_at_30_and_at_90_solutions_cold_and_warm(client, url):
    populate(30)
    cold, warm = queries(client, url), queries(client, url)
    populate(60, start=30)  # a change: every cached part is cold again
    assert (queries(client, url), queries(client, url)) == (cold, warm)
    assert warm <= 1 < cold <= 16  # cold: the facet counts, filter options, count and cards once


# --- relevance kept ---------------------------------------------------------------------------------


def test_search_ranks_a_title_match_before_a_text_match(client):
    require_service(connection.vendor == "postgresql", "PostgreSQL (ranked full-text search)")
    in_text = SolutionFactory(title="Aaa Portal", problem="Ein Streuobstwiesenkataster fehlt bisher.")
    in_title = SolutionFactory(title="Zzz Streuobstwiesenkataster")
    SolutionFactory(title="Schulportal")
    services.search_vector_refresh(solution_ids=Solution.objects.values_list("pk", flat=True))
    page = html(client, LIST, data={"q": "Streuobstwiesenkataster"})
    assert page.index(in_title.title) < page.index(in_text.title)
    assert "Schulportal" not in page.split('id="results-title"')[1]


# --- one page clamp ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number", "why"),
    [
        (None, 1, Clamped.NO),
        ("", 1, Clamped.NO),
        ("2", 2, Clamped.NO),
        ("0", 1, Clamped.INVALID),
        ("-4", 1, Clamped.INVALID),
        ("zwei", 1, Clamped.INVALID),
        ("9" * 5000, 1, Clamped.INVALID),
        ("7", 3, Clamped.PAST_END),
    ],
)
def test_one_page_clamp_for_every_public_list(raw, number, why):
    paginator = Paginator(list(range(50)), 20)
    page, clamped = clamp_page(paginator, raw)
    assert (page.number, clamped) == (number, why)
    assert page_of(paginator, raw).number == number
