"""The DCAT-AP.de export written from rows: the same triples as the reference serialiser, valid
Turtle and JSON-LD even for awkward text, Hydra paging, conditional requests, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, Namespace, URIRef

from governance.models import PartnerKind, State
from tests.factories import FocusAreaFactory, PartnerFactory, SolutionFactory
from tests.transfer import dcat_reference
from transfer import dcat
from transfer.models import Licence, SolutionState

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),  # rdflib's parser
]

SITE = "https://kooperationsraum.example.org"
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = [("/dcat/catalog.ttl", "turtle"), ("/dcat/catalog.jsonld", "json-ld")]
AWKWARD_TITLE = 'Der "Mängel\\melder"\nzweite Zeile\ttab – 𝔘nicode'


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def catalogue(db):
    """Five published solutions that use every branch of the export, and one draft."""
    areas = [FocusAreaFactory(name="Mobile Verwaltung"), FocusAreaFactory(name="Offene Daten")]
    land = PartnerFactory(name="Hessen", kind=PartnerKind.LAND, state=State.HE)
    city = PartnerFactory(name="Stadt Mannheim", kind=PartnerKind.CITY, state=State.BW)
    federal = PartnerFactory(name="Bund", kind=PartnerKind.FEDERAL, state="")
    solutions = [
        SolutionFactory(
            title=AWKWARD_TITLE,
            documentation_url="https://docs.example.org/a b<c>",
            source_code_url="https://code.example.org/a",
        ),
        SolutionFactory(title="Statistik", licence=Licence.DL_DE_BY_2, documentation_url="https://docs.example.org/s"),
        SolutionFactory(title="Ohne Kontakt", contact_email="", contact_label="", published_at=None),
        SolutionFactory(title="Daten Zero", licence=Licence.DL_DE_ZERO_2, contact_label=""),
        SolutionFactory(title="Proprietär", licence=Licence.PROPRIETARY, source_code_url="https://code.example.org/p"),
    ]
    solutions[0].focus_areas.add(*areas)
    solutions[0].partners.add(land, city, federal)
    solutions[1].partners.add(city, federal)
    solutions[3].focus_areas.add(areas[1])
    SolutionFactory(title="Entwurf", state=SolutionState.DRAFT, published_at=None)
    return solutions


def body(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def graph_of(client, url: str, rdf_format: str) -> Graph:
    return Graph().parse(data=body(client.get(url)), format=rdf_format)


@pytest.mark.parametrize(("url", "rdf_format"), FORMATS)
def test_same_triples_as_the_reference_serialiser(client, catalogue, url, rdf_format):
    reference = Graph().parse(data="".join(dcat_reference.catalogue_turtle()), format="turtle")
    graph = graph_of(client, url, rdf_format)
    assert len(graph) > 100
    assert set(graph) == set(reference)


@pytest.mark.parametrize("contributor", ["", "http://dcat-ap.de/def/contributors/kooperationsraum"])
def test_turtle_and_json_ld_say_the_same(client, catalogue, settings, contributor):
    settings.DCATDE_CONTRIBUTOR_ID = contributor
    turtle, jsonld = (graph_of(client, url, rdf_format) for url, rdf_format in FORMATS)
    assert set(turtle) == set(jsonld)


@pytest.mark.parametrize(("url", "rdf_format"), FORMATS)
def test_awkward_text_and_addresses_stay_valid(client, catalogue, url, rdf_format):
    graph = graph_of(client, url, rdf_format)
    assert (None, DCTERMS.title, Literal(AWKWARD_TITLE, lang="de")) in graph
    assert (None, DCAT.accessURL, URIRef("https://docs.example.org/a%20b%3Cc%3E")) in graph


def test_whole_export_has_no_paging_links(client, catalogue):
    graph = graph_of(client, "/dcat/catalog.ttl", "turtle")
    assert not list(graph.subjects(RDF_TYPE, HYDRA.PartialCollectionView))
    assert len(set(graph.subjects(RDF_TYPE, DCAT.Dataset))) == 5


def _view(graph: Graph) -> dict:
    (view,) = graph.subjects(RDF_TYPE, HYDRA.PartialCollectionView)
    links = {key: graph.value(view, HYDRA[key]) for key in ("first", "previous", "next", "last")}
    return {"id": view, **{key: str(value) for key, value in links.items() if value is not None}}


@pytest.mark.parametrize(("url", "rdf_format"), FORMATS)
def test_pages_link_to_each_other_and_add_up_to_the_catalogue(client, catalogue, monkeypatch, url, rdf_format):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)
    address = f"{SITE}{url}?page="
    seen = []
    for number, expected in [
        (1, {"first": 1, "next": 2, "last": 3}),
        (2, {"first": 1, "previous": 1, "next": 3, "last": 3}),
        (3, {"first": 1, "previous": 2, "last": 3}),
    ]:
        graph = graph_of(client, f"{url}?page={number}", rdf_format)
        view = _view(graph)
        assert str(view.pop("id")) == f"{address}{number}"
        assert view == {key: f"{address}{page}" for key, page in expected.items()}
        catalog = graph.value(predicate=RDF_TYPE, object=DCAT.Catalog)
        assert graph.value(catalog, HYDRA.view) == URIRef(f"{address}{number}")
        assert graph.value(URIRef(f"{address}{number}"), HYDRA.totalItems).toPython() == 5
        datasets = set(graph.objects(catalog, DCAT.dataset))
        assert datasets == set(graph.subjects(RDF_TYPE, DCAT.Dataset))
        seen.append(datasets)
    assert [len(page) for page in seen] == [2, 2, 1]
    whole = graph_of(client, url, rdf_format)
    assert set().union(*seen) == set(whole.subjects(RDF_TYPE, DCAT.Dataset))


@pytest.mark.parametrize(("raw", "number"), [("0", 1), ("abc", 1), ("99", 3), ("9" * 5000, 1)])
def test_page_numbers_out_of_range_are_clamped(client, catalogue, monkeypatch, raw, number):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)
    graph = graph_of(client, f"/dcat/catalog.ttl?page={raw}", "turtle")
    assert str(_view(graph)["id"]) == f"{SITE}/dcat/catalog.ttl?page={number}"


def test_an_empty_catalogue_has_one_empty_page(client, db):
    graph = graph_of(client, "/dcat/catalog.jsonld?page=1", "json-ld")
    assert _view(graph)["last"] == f"{SITE}/dcat/catalog.jsonld?page=1"
    assert not list(graph.subjects(RDF_TYPE, DCAT.Dataset))


@pytest.mark.parametrize("url", ["/dcat/catalog.ttl?page=2", "/dcat/catalog.jsonld?page=1", "/dcat/catalog.ttl"])
def test_pages_answer_conditional_requests(client, catalogue, monkeypatch, url):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    other = client.get(url.replace("page=2", "page=3") if "page=2" in url else url + "?page=3")
    assert other["ETag"] != first["ETag"]


@pytest.mark.parametrize("url", ["/dcat/catalog.ttl", "/dcat/catalog.jsonld", "/dcat/catalog.ttl?page=1"])
def test_query_count_does_not_grow_with_the_catalogue(client, catalogue, url):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            body(client.get(url))
        return len(captured)

    few = queries()
    for number in range(20):
        solution = SolutionFactory(title=f"Weitere {number}")
        solution.partners.add(PartnerFactory())
    assert queries() == few
