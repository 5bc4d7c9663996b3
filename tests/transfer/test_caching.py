"""Caches of the public catalogue: the anonymous page cache (no cookie, invalidated by any change,
never a logged-in person's page), conditional requests for the machine views, and facet counts
that equal a brute-force count."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import PartnerKind, State
from tests.conftest import login
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    PartnerFactory,
    ServiceCoverageFactory,
    SolutionFactory,
)
from transfer import selectors, services
from transfer.models import (
    AdoptionStage,
    Licence,
    MaturityModel,
    OzgThemenfeld,
    Solution,
    SolutionState,
    licence_type,
)

pytestmark = pytest.mark.django_db
LIST = "/loesungen/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def queries_for(client, url, **extra) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return len(captured), response


@pytest.mark.parametrize("url", [LIST, "/loesungen/{slug}/", "/"])
def test_anonymous_public_pages_set_no_cookie(client, page_cache, url):
    solution = SolutionFactory()
    response = client.get(url.format(slug=solution.slug))
    assert response.status_code == 200
    assert not response.cookies, "a cookie on an anonymous page makes it uncacheable"
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("url", [LIST, "/loesungen/{slug}/"])
def test_warm_cache_serves_anonymous_pages_without_queries(client, page_cache, url):
    url = url.format(slug=SolutionFactory(title="Schulportal").slug)
    first, response = queries_for(client, url)
    again, cached = queries_for(client, url)
    assert first > 0
    assert again == 0
    assert cached.content == response.content


def test_without_the_setting_no_page_is_cached(client, monkeypatch):
    """The page around the parts (the layout with the visitor's own header) is rendered anew for
    every request; only the parts that are the same for everyone are kept."""
    from transfer import caching

    stored = []
    keep = caching.versioned_set_many
    monkeypatch.setattr(caching, "versioned_set_many", lambda values, *a: stored.extend(values) or keep(values, *a))
    solution = SolutionFactory()
    for url in (LIST, f"/loesungen/{solution.slug}/", LIST):
        assert client.get(url).status_code == 200
    assert stored and not [key for key in stored if key.startswith("transfer:page:")]


def test_edit_and_withdrawal_invalidate_cached_pages(client, page_cache, secretariat):
    solution = SolutionFactory(title="Alter Titel")
    detail = f"/loesungen/{solution.slug}/"
    assert "Alter Titel" in client.get(LIST).content.decode()
    assert "Alter Titel" in client.get(detail).content.decode()
    solution.title = "Neuer Titel"
    services.solution_save(solution=solution, actor=secretariat)
    assert "Neuer Titel" in client.get(LIST).content.decode()
    assert "Neuer Titel" in client.get(detail).content.decode()
    services.solution_unpublish(solution=solution, actor=secretariat, reason="veraltet")
    assert "Neuer Titel" not in client.get(LIST).content.decode()
    assert client.get(detail).status_code == 404


def test_publishing_invalidates_the_cached_list(client, page_cache, secretariat):
    SolutionFactory(title="Schon da")
    draft = SolutionFactory(title="Neu veröffentlicht", state=SolutionState.DRAFT, published_at=None)
    ServiceCoverageFactory(solution=draft)
    assert "Neu veröffentlicht" not in client.get(LIST).content.decode()
    services.solution_publish(solution=draft, actor=secretariat)
    assert "Neu veröffentlicht" in client.get(LIST).content.decode()


def test_marking_reviewed_shows_on_the_cached_page(client, page_cache, secretariat):
    """Marking reviewed is an `update()`, which sends no model signal: the version follows the
    SQL statement (kooperationsraum/versions.py), so the public page shows the review at once."""
    solution = SolutionFactory(last_reviewed_on=None)
    detail = f"/loesungen/{solution.slug}/"
    assert "noch nicht geprüft" in client.get(detail).content.decode()
    services.solution_mark_reviewed(solution=solution, actor=secretariat)
    assert "noch nicht geprüft" not in client.get(detail).content.decode()


def test_an_adoption_invalidates_the_cached_page(client, page_cache):
    solution = SolutionFactory()
    detail = f"/loesungen/{solution.slug}/"
    client.get(detail)
    AdoptionFactory(solution=solution, organisation="Stadt Beispielhausen", stage=AdoptionStage.PRODUCTION)
    assert "Stadt Beispielhausen" in client.get(detail).content.decode()


def test_a_logged_in_page_is_neither_stored_nor_served_from_the_cache(client, page_cache, secretariat):
    solution = SolutionFactory()
    detail = f"/loesungen/{solution.slug}/"
    anonymous = client.get(detail).content.decode()  # now cached for anonymous visitors
    assert "Abmelden" not in anonymous
    client.force_login(secretariat)
    assert "Abmelden" in client.get(detail).content.decode()
    assert "Abmelden" in client.get(detail).content.decode()
    client.logout()
    assert "Abmelden" not in client.get(detail).content.decode()


def test_each_language_has_its_own_cached_page(client, page_cache):
    SolutionFactory()
    german = client.get(LIST, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in german
    assert '<html lang="en">' in english


def test_language_switch_without_token_for_anonymous_visitors_only(secretariat):
    from django.test import Client

    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post("/sprache/", {"language": "en", "next": LIST})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    logged_in = Client(enforce_csrf_checks=True)
    logged_in.force_login(secretariat)
    assert logged_in.post("/sprache/", {"language": "en", "next": LIST}).status_code == 403


@pytest.mark.parametrize("url", ["/dcat/catalog.ttl", "/dcat/catalog.jsonld", "/loesungen/feed/", "/api/v1/solutions/"])
def test_conditional_requests_answer_304_until_the_catalogue_changes(client, url, secretariat):
    solution = SolutionFactory()
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(f"{url}?page_size=5" if "api" in url else url, HTTP_IF_NONE_MATCH=etag).status_code == (
        200 if "api" in url else 304
    )
    solution.title = "Geändert"
    services.solution_save(solution=solution, actor=secretariat)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# --- facet counts against a brute-force count ---------------------------------------------------


@pytest.fixture
def varied_catalogue(db):
    rng = random.Random(7)
    areas = [FocusAreaFactory(name=f"Schwerpunkt {i}", slug=f"schwerpunkt-{i}") for i in range(3)]
    states = [State.BW, State.HE, State.RP]
    partners = [
        PartnerFactory(name=f"Stadt {i}", slug=f"stadt-{i}", kind=PartnerKind.CITY, state=states[i % 3])
        for i in range(4)
    ] + [PartnerFactory(name="Bund", slug="bund", kind=PartnerKind.FEDERAL, state="")]
    licences = [Licence.EUPL_12, Licence.DL_DE_BY_2, Licence.PROPRIETARY, Licence.MIT]
    for i in range(30):
        solution = SolutionFactory(
            licence=rng.choice(licences),
            state=SolutionState.PUBLISHED if i % 6 else SolutionState.DRAFT,
        )
        solution.focus_areas.set(rng.sample(areas, rng.randint(0, 2)))
        solution.partners.set(rng.sample(partners, rng.randint(0, 3)))
        for k in range(rng.randint(0, 3)):
            model = rng.choice(MaturityModel.values)
            ServiceCoverageFactory(
                solution=solution,
                leika_key=f"99{i:06d}{k:06d}",
                themenfeld=rng.choice(OzgThemenfeld.values[:4]),
                maturity_model=model,
                maturity_level=rng.randint(0, 4 if model == MaturityModel.V1 else 7),
            )
        for _ in range(rng.randint(0, 3)):
            AdoptionFactory(solution=solution, stage=rng.choice(AdoptionStage.values))
    return {"areas": areas, "partners": partners}


def _brute_force(filters: dict) -> dict[str, dict]:
    """The facet counts, computed in Python over every published solution."""
    rows = []
    for s in Solution.objects.published().prefetch_related("focus_areas", "partners", "services", "adoptions"):
        rows.append(
            {
                "focus_area": {a.slug for a in s.focus_areas.all()},
                "themenfeld": {c.themenfeld for c in s.services.all()},
                "services": [(c.maturity_model, c.maturity_level) for c in s.services.all()],
                "land": {p.state for p in s.partners.all() if p.state},
                "partner": {p.slug for p in s.partners.all()},
                "reuse_stage": {a.stage for a in s.adoptions.all()},
                "licence_type": {licence_type(s.licence)},
            }
        )

    def matches(row, key, value, model=None) -> bool:
        if key == "maturity":
            return any(level >= value and (model is None or m == model) for m, level in row["services"])
        return value in row[key]

    def passes(row, without: str) -> bool:
        model = filters.get("maturity_model")
        for key, value in filters.items():
            if key in (without, "maturity_model"):
                continue
            if not matches(row, key, value, model):
                return False
        if model and without != "maturity" and "maturity" not in filters:
            return any(m == model for m, _ in row["services"])
        return True

    counts: dict[str, dict] = {}
    for key in ("focus_area", "themenfeld", "land", "partner", "reuse_stage", "licence_type"):
        values = {v for row in rows for v in row[key]}
        counts[key] = {v: sum(1 for row in rows if passes(row, key) and v in row[key]) for v in values}
    counts["maturity"] = {
        level: sum(
            1
            for row in rows
            if passes(row, "maturity") and matches(row, "maturity", level, filters.get("maturity_model"))
        )
        for level in selectors.MATURITY_LEVELS
    }
    return {key: {v: n for v, n in values.items() if n} for key, values in counts.items()}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"land": State.BW},
        {"focus_area": "schwerpunkt-1", "licence_type": "open_source"},
        {"maturity": 2, "maturity_model": MaturityModel.V1},
        {"themenfeld": OzgThemenfeld.values[0], "reuse_stage": AdoptionStage.PILOT, "partner": "stadt-1"},
    ],
)
def test_facet_counts_match_a_brute_force_count(varied_catalogue, filters):
    expected = _brute_force(filters)
    for computed in (selectors.facets_uncached(filters=filters), selectors.facets(filters=filters)):
        got = {key: {value: n for value, _label, n in rows} for key, rows in computed.items()}
        assert got == expected


def test_results_are_kept_per_filter_and_page_and_follow_every_change(client, secretariat):
    for number in range(25):
        SolutionFactory(title=f"Lösung {number:02d}")
    assert "Seite 2 von 2" in client.get(LIST, {"page": "2"}).content.decode()
    assert queries_for(client, LIST, data={"page": "02"})[0] == 0  # the same page, kept once
    invalid = client.get(LIST, {"page": "zwei"}).content.decode()
    assert "Die Seitenangabe war ungültig" in invalid and "Seite 1 von 2" in invalid
    assert "Die Seitenangabe war ungültig" not in client.get(LIST).content.decode()

    solution = Solution.objects.get(title="Lösung 00")
    solution.title = "Lösung AA"
    services.solution_save(solution=solution, actor=secretariat)
    signed_in = login(client, secretariat).get(LIST).content.decode()  # the same results, in their layout
    assert "Lösung 00" not in signed_in and "Lösung 20" in signed_in  # page 1 moved on by one
    assert "Lösung AA" in client.get(LIST, {"page": "2"}).content.decode()  # sorted by title: last


def test_api_pages_are_kept_per_address_and_follow_every_change(client, secretariat):
    solution = SolutionFactory(title="Alter Titel")
    first = client.get("/api/v1/solutions/").json()
    again_queries, again = queries_for(client, "/api/v1/solutions/")
    assert again_queries == 0 and again.json() == first
    SolutionFactory(title="Zweiter Titel")
    here = client.get("/api/v1/solutions/?page_size=1").json()
    elsewhere = client.get("/api/v1/solutions/?page_size=1", HTTP_HOST="localhost").json()
    assert here["next"].startswith("http://testserver/") and elsewhere["next"].startswith("http://localhost/")
    assert client.get("/api/v1/solutions/?page=9").status_code == 404  # refused, never kept
    assert client.get("/api/v1/solutions/?page=9").status_code == 404

    solution.title = "Neuer Titel"
    services.solution_save(solution=solution, actor=secretariat)
    titles = [entry["title"] for entry in client.get("/api/v1/solutions/").json()["results"]]
    assert titles == ["Neuer Titel", "Zweiter Titel"]


def test_a_deployment_renews_every_kept_part(client, monkeypatch):
    """`migrate` runs once per deployment: the new release's templates never meet parts the old
    one rendered, and an unreachable cache does not fail the migration."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from transfer import caching

    transfer_app = apps.get_app_config("transfer")
    SolutionFactory()
    client.get(LIST)
    before = caching.catalogue_version()
    post_migrate.send(sender=transfer_app, app_config=transfer_app, verbosity=0, interactive=False, using="default")
    assert caching.catalogue_version() > before
    assert queries_for(client, LIST)[0] > 0  # the results are rendered anew

    def unreachable():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(caching.CATALOGUE, "bump", unreachable)
    post_migrate.send(sender=transfer_app, app_config=transfer_app, verbosity=0, interactive=False, using="default")
