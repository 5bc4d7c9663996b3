"""Machine access: DCAT-AP.de and the CSV export."""

import csv
import io

import pytest
from rdflib import Graph, Literal, URIRef

from tests.factories import SolutionFactory
from tests.transfer.machine_access.helpers import NS, SITE, assert_no_secrets, text_of

pytestmark = pytest.mark.django_db


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
