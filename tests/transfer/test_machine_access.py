"""Machine access to the open data: Atom feed, JSON API, DCAT-AP.de, CSV, sitemap and robots.txt.

Every channel must carry the published solutions and leave out drafts, withdrawn solutions,
internal projects and the people behind them.
"""

import csv
import io
import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdf_ns

from governance.models import PartnerKind, State
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProjectFactory,
    ServiceCoverageFactory,
    SolutionFactory,
    UserFactory,
)
from transfer.models import AdoptionStage, Licence, MaturityModel, OzgThemenfeld, Solution, SolutionState
from transfer.services import search_vector_refresh

pytestmark = pytest.mark.django_db

SITE = "https://kooperationsraum.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"


class NS:
    """rdflib's vocabularies, kept off the module: pytest probes module attributes, and rdflib's
    closed namespaces warn about every name they don't define."""

    DCAT, DCTERMS, FOAF, RDF = rdf_ns.DCAT, rdf_ns.DCTERMS, rdf_ns.FOAF, rdf_ns.RDF
    VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
    DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")


# The internal contact person: neither name nor address may appear in any channel.
SECRET_NAME = "Hannelore Verschwiegen"
SECRET_EMAIL = "h.verschwiegen@privat.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def world(db):
    """A published solution with everything attached, and what must never leave the portal."""
    person = UserFactory(first_name="Hannelore", last_name="Verschwiegen", email=SECRET_EMAIL)
    area = FocusAreaFactory(name="Mobile Verwaltung", slug="mobile-verwaltung")
    land = PartnerFactory(
        name="Baden-Württemberg",
        slug="bw",
        kind=PartnerKind.LAND,
        state=State.BW,
        website="https://www.baden-wuerttemberg.de",
    )
    city = PartnerFactory(name="Stadt Mannheim", slug="mannheim", kind=PartnerKind.CITY, state=State.BW)
    public_project = ProjectFactory(
        title="Mängelmelder Rhein-Neckar", slug="maengel-rn", lead_partner=land, is_public=True
    )
    internal_project = ProjectFactory(title="Geheimes Vorhaben", slug="geheimes-vorhaben", lead_partner=land)
    published = SolutionFactory(
        title="Mängelmelder",
        slug="maengelmelder",
        contact_person=person,
        project=public_project,
        documentation_url="https://docs.example.org/maengelmelder",
        source_code_url="https://code.example.org/maengelmelder",
    )
    published.focus_areas.add(area)
    published.partners.add(land, city)
    ServiceCoverageFactory(
        solution=published,
        leika_key="99000000000001",
        themenfeld=OzgThemenfeld.RECHT_ORDNUNG,
        maturity_model=MaturityModel.V1,
        maturity_level=3,
    )
    AdoptionFactory(
        solution=published,
        organisation="Stadt Heidelberg",
        partner=city,
        stage=AdoptionStage.PRODUCTION,
        contact=SECRET_NAME,
    )
    from_internal = SolutionFactory(
        title="Datenlizenzierte Statistik",
        slug="statistik",
        project=internal_project,
        licence=Licence.DL_DE_BY_2,
        is_software=False,
        contact_person=person,
        documentation_url="https://docs.example.org/statistik",
    )
    draft = SolutionFactory(
        title="Unfertiger Entwurf", slug="entwurf", state=SolutionState.DRAFT, published_at=None, contact_person=person
    )
    withdrawn = SolutionFactory(
        title="Zurückgezogene Lösung", slug="zurueckgezogen", state=SolutionState.UNPUBLISHED, contact_person=person
    )
    return {
        "published": published,
        "from_internal": from_internal,
        "hidden": [draft, withdrawn],
        "public_project": public_project,
        "internal_project": internal_project,
        "land": land,
        "city": city,
        "area": area,
    }


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def assert_no_secrets(text: str, world) -> None:
    for secret in (SECRET_NAME, SECRET_EMAIL, "Hannelore", "Verschwiegen", "Geheimes Vorhaben", "geheimes-vorhaben"):
        assert secret not in text
    for hidden in world["hidden"]:
        assert hidden.title not in text
        assert f"/loesungen/{hidden.slug}/" not in text


# --- Atom feed -----------------------------------------------------------------------------------


class TestFeed:
    def test_feed_lists_published_solutions_only(self, client, world):
        response = client.get("/loesungen/feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        text = text_of(response)
        assert_no_secrets(text, world)
        feed = ElementTree.fromstring(response.content)
        entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed.findall(f"{ATOM}entry")}
        assert set(entries) == {"Mängelmelder", "Datenlizenzierte Statistik"}
        entry = entries["Mängelmelder"]
        assert entry.find(f"{ATOM}link").get("href") == f"{SITE}/loesungen/maengelmelder/"
        assert entry.findtext(f"{ATOM}summary") == world["published"].short_description
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}category").get("term") == "Mobile Verwaltung"

    def test_newest_fifty_by_update_first(self, client, world):
        SolutionFactory.create_batch(50)
        world["from_internal"].save()  # now the most recently updated
        feed = ElementTree.fromstring(client.get("/loesungen/feed/").content)
        titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
        assert len(titles) == 50
        assert titles[0] == "Datenlizenzierte Statistik"
        assert "Mängelmelder" not in titles  # the oldest update dropped off

    def test_withdrawing_removes_it_from_the_feed(self, client, world):
        world["published"].state = SolutionState.UNPUBLISHED
        world["published"].save()
        assert "Mängelmelder<" not in text_of(client.get("/loesungen/feed/"))


# --- JSON API ------------------------------------------------------------------------------------


def api(client, path: str, **params):
    response = client.get(f"/api/v1/{path}", params)
    assert response["Content-Type"] == "application/json", response.content[:200]
    return response


class TestApiSolutions:
    def test_list_shows_published_solutions_only(self, client, world):
        response = api(client, "solutions/")
        assert response.status_code == 200
        assert_no_secrets(response.content.decode(), world)
        data = response.json()
        assert data["count"] == 2
        assert {row["slug"] for row in data["results"]} == {"maengelmelder", "statistik"}

    def test_list_entry(self, client, world):
        row = next(r for r in api(client, "solutions/").json()["results"] if r["slug"] == "maengelmelder")
        assert row["url"] == f"{SITE}/loesungen/maengelmelder/"
        assert row["api_url"] == f"{SITE}/api/v1/solutions/maengelmelder/"
        assert row["licence"] == "EUPL-1.2" and row["licence_type"] == "open_source" and row["is_open_source"]
        assert row["focus_areas"] == [{"slug": "mobile-verwaltung", "name": "Mobile Verwaltung"}]
        assert [p["slug"] for p in row["partners"]] == ["bw", "mannheim"]
        assert row["services"][0]["maturity_model"] == "1.x" and row["services"][0]["ozg_compliant"] is True
        assert row["adoptions"] == [
            {
                "organisation": "Stadt Heidelberg",
                "partner": "mannheim",
                "stage": "production",
                "stage_label": "Produktivbetrieb",
                "stage_since": row["adoptions"][0]["stage_since"],
            }
        ]
        assert row["reuse_count"] == 1
        assert row["project"]["slug"] == "maengel-rn"
        assert row["project"]["url"] == f"{SITE}/projekte/maengel-rn/"

    def test_internal_origin_project_is_not_named(self, client, world):
        response = api(client, "solutions/statistik/")
        assert response.json()["project"] is None
        assert "geheim" not in response.content.decode().lower()

    def test_detail_of_a_published_solution(self, client, world):
        response = api(client, "solutions/maengelmelder/")
        assert response.status_code == 200
        data = response.json()
        assert data["contact_email"] == "transfer@kooperationsraum.example.org"  # functional mailbox
        assert data["problem"] and data["publiccode_yml"]
        assert "contact_person" not in data
        assert_no_secrets(response.content.decode(), world)

    @pytest.mark.parametrize("slug", ["entwurf", "zurueckgezogen", "gibt-es-nicht"])
    def test_detail_of_anything_unpublished_is_404(self, client, world, slug):
        response = api(client, f"solutions/{slug}/")
        assert response.status_code == 404
        assert set(response.json()) == {"errors"}
        assert "Unfertiger" not in response.content.decode()


class TestApiProjectsAndPartners:
    def test_projects_are_public_ones_only(self, client, world):
        response = api(client, "projects/")
        assert response.status_code == 200
        data = response.json()
        assert [row["slug"] for row in data["results"]] == ["maengel-rn"]
        project = data["results"][0]
        assert project["url"] == f"{SITE}/projekte/maengel-rn/"
        assert project["lead_partner"]["slug"] == "bw"
        assert [s["slug"] for s in project["solutions"]] == ["maengelmelder"]
        assert_no_secrets(response.content.decode(), world)

    def test_project_lists_only_its_published_solutions(self, client, world):
        SolutionFactory(title="Noch ein Entwurf", state=SolutionState.DRAFT, project=world["public_project"])
        project = api(client, "projects/").json()["results"][0]
        assert [s["slug"] for s in project["solutions"]] == ["maengelmelder"]

    def test_partners_with_kind_land_website_and_current_networks(self, client, world):
        today = timezone.localdate()
        NetworkMembershipFactory(
            partner=world["land"],
            network__name="Kooperationsraum Rhein-Neckar",
            network__slug="krn",
            joined_on=today - timedelta(days=900),
        )
        NetworkMembershipFactory(
            partner=world["land"],
            network__name="Ehemaliger Verbund",
            network__slug="alt",
            joined_on=today - timedelta(days=900),
            left_on=today - timedelta(days=1),
        )
        response = api(client, "partners/")
        rows = {row["slug"]: row for row in response.json()["results"]}
        land = rows["bw"]
        assert land["kind"] == "land" and land["kind_label"] == "Land"
        assert land["land"] == "BW" and land["land_label"] == "Baden-Württemberg"
        assert land["website"] == "https://www.baden-wuerttemberg.de"
        assert [n["slug"] for n in land["networks"]] == ["krn"]
        assert land["url"] == f"{SITE}/partner/bw/"
        assert "contact_email" not in land
        assert_no_secrets(response.content.decode(), world)


class TestApiFilters:
    @pytest.fixture
    def catalogue(self, world):
        """Besides `world`: an MPL solution from Hessen on model 2.0 in evaluation, a proprietary one."""
        hessen = PartnerFactory(name="Hessen", slug="he", kind=PartnerKind.LAND, state=State.HE)
        other = SolutionFactory(
            title="Behördennummer-Anbindung",
            slug="anbindung-115",
            licence=Licence.MPL_2,
            short_description="Anbindung an die 115",
        )
        other.partners.add(hessen)
        ServiceCoverageFactory(
            solution=other, themenfeld=OzgThemenfeld.BAUEN_WOHNEN, maturity_model=MaturityModel.V2, maturity_level=6
        )
        AdoptionFactory(solution=other, stage=AdoptionStage.EVALUATION)
        SolutionFactory(title="Gekaufte Fachanwendung", slug="fachanwendung", licence=Licence.PROPRIETARY)
        # Factories bypass the service that keeps the search vector (used on PostgreSQL) current.
        search_vector_refresh(solution_ids=Solution.objects.values_list("pk", flat=True))
        return world

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({}, {"maengelmelder", "statistik", "anbindung-115", "fachanwendung"}),
            ({"focus_area": "mobile-verwaltung"}, {"maengelmelder"}),
            ({"maturity": "5"}, {"anbindung-115"}),
            ({"maturity": "3"}, {"maengelmelder", "anbindung-115"}),
            ({"maturity_model": "1.x"}, {"maengelmelder"}),
            ({"land": "HE"}, {"anbindung-115"}),
            ({"partner": "mannheim"}, {"maengelmelder"}),
            ({"partner": "he"}, {"anbindung-115"}),
            ({"themenfeld": "bauen"}, {"anbindung-115"}),
            ({"licence_type": "open_data"}, {"statistik"}),
            ({"licence_type": "proprietary"}, {"fachanwendung"}),
            ({"open_source": "true"}, {"maengelmelder", "anbindung-115"}),
            ({"open_source": "false"}, {"maengelmelder", "statistik", "anbindung-115", "fachanwendung"}),
            ({"reuse_stage": "evaluation"}, {"anbindung-115"}),
            ({"q": "Behördennummer"}, {"anbindung-115"}),
            ({"land": "BW", "open_source": "1"}, {"maengelmelder"}),
            ({"q": "Entwurf"}, set()),  # drafts stay hidden from a search too
        ],
    )
    def test_filters(self, client, catalogue, params, expected):
        response = api(client, "solutions/", **params)
        assert response.status_code == 200, response.json()
        assert {row["slug"] for row in response.json()["results"]} == expected

    def test_filters_on_an_existing_partner_without_solutions_find_nothing(self, client, catalogue):
        PartnerFactory(slug="stadt-ohne-loesung")
        response = api(client, "solutions/", partner="stadt-ohne-loesung")
        assert response.status_code == 200 and response.json()["count"] == 0

    def test_sort_newest(self, client, catalogue):
        response = api(client, "solutions/", sort="newest")
        assert response.json()["results"][0]["slug"] == "fachanwendung"


class TestApiPagination:
    def test_pages_with_next_and_previous(self, client, world):
        SolutionFactory.create_batch(3)  # 5 in all
        first = api(client, "solutions/", page_size="2").json()
        assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
        assert "page=2" in first["next"]
        last = api(client, "solutions/", page_size="2", page="3").json()
        assert len(last["results"]) == 1 and last["next"] is None
        seen = [
            r["slug"]
            for p in (1, 2, 3)
            for r in api(client, "solutions/", page_size="2", page=str(p)).json()["results"]
        ]
        assert len(set(seen)) == 5

    def test_default_and_maximum_page_size(self, client, world):
        SolutionFactory.create_batch(119)
        assert len(api(client, "solutions/").json()["results"]) == 20
        assert len(api(client, "solutions/", page_size="100").json()["results"]) == 100

    def test_page_past_the_end_is_404_with_errors(self, client, world):
        response = api(client, "solutions/", page="9")
        assert response.status_code == 404
        assert "letzte ist Seite 1" in response.json()["errors"]["page"][0]


class TestApiRefusesWhatItCannotRead:
    @pytest.mark.parametrize(
        ("params", "field", "message"),
        [
            ({"page": "abc"}, "page", "ganze Zahl"),
            ({"page": "0"}, "page", "ganze Zahl"),
            ({"page": "-1"}, "page", "ganze Zahl"),
            ({"page": "1" * 5000}, "page", None),
            ({"page_size": "-1"}, "page_size", "ganze Zahl"),
            ({"page_size": "0"}, "page_size", "ganze Zahl"),
            ({"page_size": "zehn"}, "page_size", "ganze Zahl"),
            ({"page_size": "1000"}, "page_size", "Höchstens 100"),
            ({"maturity": "x"}, "maturity", "gibt es nicht"),
            ({"maturity": "8"}, "maturity", "gibt es nicht"),
            ({"maturity_model": "3.0"}, "maturity_model", "gibt es nicht"),
            ({"themenfeld": "weltraum"}, "themenfeld", "gibt es nicht"),
            ({"focus_area": "gibt-es-nicht"}, "focus_area", "gibt es nicht"),
            ({"partner": "gibt-es-nicht"}, "partner", "gibt es nicht"),
            ({"land": "XX"}, "land", "gibt es nicht"),
            ({"licence_type": "frei"}, "licence_type", "gibt es nicht"),
            ({"open_source": "vielleicht"}, "open_source", "gibt es nicht"),
            ({"reuse_stage": "irgendwann"}, "reuse_stage", "gibt es nicht"),
            ({"sort": "zufall"}, "sort", "gibt es nicht"),
        ],
    )
    def test_malformed_parameter_is_400_with_german_errors(self, client, world, params, field, message):
        response = api(client, "solutions/", **params)
        if field == "page" and message is None:  # a huge number: too large, so past the last page
            assert response.status_code == 404 and "page" in response.json()["errors"]
            return
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert field in errors
        assert message in errors[field][0]

    def test_errors_stay_german_for_english_clients(self, client, world):
        response = client.get("/api/v1/solutions/", {"maturity": "x"}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert "gibt es nicht" in response.json()["errors"]["maturity"][0]
        assert response["Content-Language"] == "de"

    def test_not_found_is_json_too(self, client, world):
        response = api(client, "solutions/entwurf/")
        assert response.json() == {"errors": {"detail": ["Nicht gefunden."]}}

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_writing_is_refused(self, client, world, method):
        response = getattr(client, method)(
            "/api/v1/solutions/maengelmelder/", data="{}", content_type="application/json"
        )
        assert response.status_code == 405
        assert "errors" in response.json()

    def test_head_and_options_work(self, client, world):
        assert client.head("/api/v1/solutions/").status_code == 200
        response = client.options("/api/v1/solutions/")
        assert response.status_code == 200 and "POST" not in response["Allow"]

    def test_json_only(self, client, world):
        response = client.get("/api/v1/solutions/", HTTP_ACCEPT="text/html")
        assert response.status_code == 406  # no browsable API, so no page needing inline scripts

    def test_session_of_a_logged_in_user_changes_nothing(self, client, world, secretariat):
        client.force_login(secretariat)
        data = api(client, "solutions/").json()
        assert {row["slug"] for row in data["results"]} == {"maengelmelder", "statistik"}


class TestOpenApiSchema:
    def test_schema_describes_the_three_endpoints(self, client, db):
        response = client.get("/api/v1/schema/", {"format": "json"})
        assert response.status_code == 200
        schema = json.loads(response.content)
        assert schema["info"]["title"] == "Kooperationsraum API"
        assert schema["info"]["version"] == "1.0.0"
        assert {"/solutions/", "/solutions/{slug}/", "/projects/", "/partners/"} <= set(schema["paths"])
        names = {p["name"] for p in schema["paths"]["/solutions/"]["get"]["parameters"]}
        assert {
            "focus_area",
            "maturity",
            "maturity_model",
            "land",
            "partner",
            "themenfeld",
            "licence_type",
            "open_source",
            "reuse_stage",
            "q",
            "page",
            "page_size",
        } <= names
        for path in schema["paths"].values():
            assert set(path) == {"get"}  # read-only
        solution = schema["components"]["schemas"]["SolutionDetail"]["properties"]
        assert "contact_person" not in solution and "contact_email" in solution

    def test_schema_as_yaml_by_default(self, client, db):
        response = client.get("/api/v1/schema/")
        assert response.status_code == 200 and b"title: Kooperationsraum API" in response.content


# --- DCAT-AP.de ----------------------------------------------------------------------------------


def dcat_graph(client, url: str, rdf_format: str, content_type: str) -> tuple[Graph, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    text = b"".join(response.streaming_content).decode("utf-8")
    return Graph().parse(data=text, format=rdf_format), text


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own parser
@pytest.mark.parametrize(
    ("url", "rdf_format", "content_type"),
    [
        ("/dcat/catalog.ttl", "turtle", "text/turtle"),
        ("/dcat/catalog.jsonld", "json-ld", "application/ld+json"),
    ],
)
class TestDcat:
    def test_catalog_with_published_datasets_only(self, client, world, url, rdf_format, content_type):
        graph, text = dcat_graph(client, url, rdf_format, content_type)
        assert_no_secrets(text, world)
        catalog = graph.value(predicate=NS.RDF.type, object=NS.DCAT.Catalog)
        assert catalog is not None
        assert graph.value(catalog, NS.DCTERMS.title).language == "de"
        assert graph.value(catalog, NS.DCTERMS.description)
        assert graph.value(catalog, NS.DCTERMS.language) == URIRef(
            "http://publications.europa.eu/resource/authority/language/DEU"
        )
        publisher = graph.value(catalog, NS.DCTERMS.publisher)
        assert (publisher, NS.RDF.type, NS.FOAF.Agent) in graph
        assert str(graph.value(publisher, NS.FOAF.name)) == "Metropolregion Rhein-Neckar GmbH"
        datasets = set(graph.objects(catalog, NS.DCAT.dataset))
        assert set(graph.subjects(NS.RDF.type, NS.DCAT.Dataset)) == datasets
        pages = {str(graph.value(d, NS.DCAT.landingPage)) for d in datasets}
        assert pages == {f"{SITE}/loesungen/maengelmelder/", f"{SITE}/loesungen/statistik/"}

    def test_dataset_properties(self, client, world, url, rdf_format, content_type):
        graph, _text = dcat_graph(client, url, rdf_format, content_type)
        dataset = graph.value(predicate=NS.DCAT.landingPage, object=URIRef(f"{SITE}/loesungen/maengelmelder/"))
        assert graph.value(dataset, NS.DCTERMS.title) == Literal("Mängelmelder", lang="de")
        assert str(graph.value(dataset, NS.DCTERMS.description)) == world["published"].short_description
        assert graph.value(dataset, NS.DCTERMS.identifier)
        assert graph.value(dataset, NS.DCTERMS.modified).toPython() == world["published"].updated_at
        assert set(graph.objects(dataset, NS.DCAT.keyword)) == {Literal("Mobile Verwaltung", lang="de")}
        assert graph.value(dataset, NS.DCTERMS.license) == URIRef("http://spdx.org/licenses/EUPL-1.2")
        assert graph.value(dataset, NS.DCATDE.politicalGeocodingURI) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/stateKey/08"
        )
        contact = graph.value(dataset, NS.DCAT.contactPoint)
        assert (contact, NS.RDF.type, NS.VCARD.Organization) in graph
        assert graph.value(contact, NS.VCARD.hasEmail) == URIRef("mailto:transfer@kooperationsraum.example.org")
        distributions = list(graph.objects(dataset, NS.DCAT.distribution))
        assert {str(graph.value(d, NS.DCAT.accessURL)) for d in distributions} == {
            "https://docs.example.org/maengelmelder",
            "https://code.example.org/maengelmelder",
        }
        for distribution in distributions:
            assert (distribution, NS.RDF.type, NS.DCAT.Distribution) in graph
            assert graph.value(distribution, NS.DCTERMS.license) == URIRef("http://spdx.org/licenses/EUPL-1.2")

    def test_datenlizenz_deutschland_uses_the_dcatde_vocabulary(self, client, world, url, rdf_format, content_type):
        graph, _text = dcat_graph(client, url, rdf_format, content_type)
        dataset = graph.value(predicate=NS.DCAT.landingPage, object=URIRef(f"{SITE}/loesungen/statistik/"))
        assert graph.value(dataset, NS.DCTERMS.license) == URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
        distribution = graph.value(dataset, NS.DCAT.distribution)
        assert graph.value(distribution, NS.DCATDE.licenseAttributionByText)


# --- CSV -----------------------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    text = text_of(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


class TestCsvExport:
    def test_published_solutions_with_german_headers(self, client, world):
        response = client.get("/loesungen/export.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        header, *rows = csv_rows(response)
        assert header[:3] == ["Titel", "Adresse", "Kurzbeschreibung"] and "Funktionspostfach" in header
        assert {row[0] for row in rows} == {"Mängelmelder", "Datenlizenzierte Statistik"}
        row = next(r for r in rows if r[0] == "Mängelmelder")
        assert row[1] == f"{SITE}/loesungen/maengelmelder/"
        assert row[header.index("Höchster Reifegrad je Modell")] == "1.x: 3/4"
        assert row[header.index("Nachnutzungen im Pilot- oder Produktivbetrieb")] == "1"

    def test_no_secrets(self, client, world):
        assert_no_secrets(text_of(client.get("/loesungen/export.csv")), world)

    def test_headers_stay_german_for_english_clients(self, client, world):
        header = csv_rows(client.get("/loesungen/export.csv", HTTP_ACCEPT_LANGUAGE="en"))[0]
        assert header[0] == "Titel"

    def test_same_filters_as_the_list(self, client, world):
        rows = csv_rows(client.get("/loesungen/export.csv", {"licence_type": "open_data"}))[1:]
        assert [row[0] for row in rows] == ["Datenlizenzierte Statistik"]
        rows = csv_rows(client.get("/loesungen/export.csv", {"open_source": "on", "land": "BW"}))[1:]
        assert [row[0] for row in rows] == ["Mängelmelder"]

    def test_invalid_filter_is_400(self, client, world):
        response = client.get("/loesungen/export.csv", {"maturity": "x"})
        assert response.status_code == 400
        assert "maturity" in response.content.decode()

    def test_formula_guard(self, client, world):
        SolutionFactory(title='=HYPERLINK("http://evil.example")', short_description="+1 Angriff")
        rows = csv_rows(client.get("/loesungen/export.csv"))
        row = next(r for r in rows if "HYPERLINK" in r[0])
        assert row[0].startswith("'=") and row[2].startswith("'+")


# --- sitemap and robots.txt ----------------------------------------------------------------------


class TestSitemapAndRobots:
    def test_sitemap_lists_public_pages_only(self, client, world):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        text = response.content.decode()
        locations = {
            el.text
            for el in ElementTree.fromstring(response.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        }
        assert {
            f"{SITE}/",
            f"{SITE}/loesungen/",
            f"{SITE}/impressum/",
            f"{SITE}/loesungen/maengelmelder/",
            f"{SITE}/loesungen/statistik/",
            f"{SITE}/projekte/maengel-rn/",
            f"{SITE}/partner/bw/",
            f"{SITE}/partner/mannheim/",
        } <= locations
        assert_no_secrets(text, world)
        assert not any("/arbeitsbereich/" in loc or "/admin/" in loc for loc in locations)

    def test_robots(self, client, db):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        for path in ("/arbeitsbereich/", "/admin/", "/konto/", "/benachrichtigungen/"):
            assert f"Disallow: {path}" in lines
        assert not any(line.startswith("Disallow: /api") for line in lines)
        assert "Disallow: /" not in lines
        assert f"Sitemap: {SITE}/sitemap.xml" in lines


# --- queries per page do not grow with rows ------------------------------------------------------


def populate(count: int) -> None:
    """`count` published solutions, each with partners, a theme, a service, adoptions and a project."""
    area = FocusAreaFactory()
    for _ in range(count):
        lead = PartnerFactory()
        NetworkMembershipFactory(partner=lead)
        project = ProjectFactory(lead_partner=lead, is_public=True)
        solution = SolutionFactory(project=project)
        solution.partners.add(lead, PartnerFactory())
        solution.focus_areas.add(area)
        ServiceCoverageFactory(solution=solution)
        AdoptionFactory(solution=solution, partner=lead)
        AdoptionFactory(solution=solution, stage=AdoptionStage.PILOT)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/solutions/?page_size=100",
        "/api/v1/solutions/?page_size=100&land=RP&maturity=1&focus_area={area}&partner={partner}",
        "/api/v1/projects/?page_size=100",
        "/api/v1/partners/?page_size=100",
        "/loesungen/feed/",
        "/dcat/catalog.ttl",
        "/dcat/catalog.jsonld",
        "/loesungen/export.csv",
        "/sitemap.xml",
    ],
)
def test_queries_do_not_grow_with_rows(client, db, url):
    populate(5)
    from governance.models import FocusArea, Partner

    url = url.format(area=FocusArea.objects.get().slug, partner=Partner.objects.order_by("pk").first().slug)
    few = queries_for(client, url)
    populate(195)
    assert queries_for(client, url) == few
    assert few <= 12
