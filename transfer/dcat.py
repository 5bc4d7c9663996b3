"""The catalogue as DCAT-AP.de 2.0, for the national open-data portal (GovData) and anyone else.

One `dcat:Catalog` published by MRN GmbH; every published solution is a `dcat:Dataset` whose
documentation and source code are its distributions. Texts are German and tagged `@de` whatever
the request's language. Contacts are functional mailboxes only.
"""

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from governance.models import Partner
from transfer.api.common import absolute, solution_path
from transfer.models import Licence, Solution

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_LANGUAGE_DE = URIRef("http://publications.europa.eu/resource/authority/language/DEU")
EU_THEME_GOVERNMENT = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
GEOCODING_LEVEL_STATE = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/state")
GEOCODING_STATE = "http://dcat-ap.de/def/politicalGeocoding/stateKey/{key}"
SPDX = "http://spdx.org/licenses/{id}"
DCATDE_LICENCES = {
    Licence.DL_DE_BY_2: "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    Licence.DL_DE_ZERO_2: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    Licence.PROPRIETARY: "http://dcat-ap.de/def/licenses/other-closed",
}
# Amtlicher Gemeindeschlüssel of the Länder, as the stateKey vocabulary spells them.
STATE_KEYS = {
    "SH": "01",
    "HH": "02",
    "NI": "03",
    "HB": "04",
    "NW": "05",
    "HE": "06",
    "RP": "07",
    "BW": "08",
    "BY": "09",
    "SL": "10",
    "BE": "11",
    "BB": "12",
    "MV": "13",
    "SN": "14",
    "ST": "15",
    "TH": "16",
}

PUBLISHER = "Metropolregion Rhein-Neckar GmbH"
CATALOGUE_TITLE = "Kooperationsraum – Transferplattform für Verwaltungsmodernisierung"
CATALOGUE_DESCRIPTION = (
    "Nachnutzbare digitale Lösungen für die öffentliche Verwaltung aus dem föderalen Kooperationsraum "
    "von Baden-Württemberg, Hessen, Rheinland-Pfalz und der Metropolregion Rhein-Neckar."
)
DEFAULT_CONTACT = "Geschäftsstelle Kooperationsraum"
DISTRIBUTIONS = (("documentation_url", "dokumentation", "Dokumentation"), ("source_code_url", "quellcode", "Quellcode"))
CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "dcatde": str(DCATDE),
    "xsd": str(XSD),
}


def licence_uri(licence: str) -> URIRef:
    return URIRef(DCATDE_LICENCES.get(licence) or SPDX.format(id=licence))


def dcat_solutions() -> QuerySet[Solution]:
    """Published solutions only, with what the export reads, in a stable order."""
    return (
        Solution.objects.published()
        .order_by("title", "pk")
        .prefetch_related("focus_areas", Prefetch("partners", queryset=Partner.objects.order_by("name")))
    )


def _german(text: str) -> Literal:
    return Literal(text, lang="de")


def _datetime(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def _add_dataset(graph: Graph, solution: Solution, publisher: URIRef) -> URIRef:
    page = absolute(solution_path(solution.slug))
    dataset = URIRef(f"{page}#dataset")  # the thing described, apart from the page describing it
    licence = licence_uri(solution.licence)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, _german(solution.title)))
    graph.add((dataset, DCTERMS.description, _german(solution.short_description)))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCAT.landingPage, URIRef(page)))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.theme, EU_THEME_GOVERNMENT))
    graph.add((dataset, DCTERMS.language, EU_LANGUAGE_DE))
    graph.add((dataset, DCTERMS.license, licence))
    graph.add((dataset, DCTERMS.modified, _datetime(solution.updated_at)))
    if solution.published_at:
        graph.add((dataset, DCTERMS.issued, _datetime(solution.published_at)))
    for area in solution.focus_areas.all():
        graph.add((dataset, DCAT.keyword, _german(area.name)))
    if contributor := getattr(settings, "DCATDE_CONTRIBUTOR_ID", ""):
        graph.add((dataset, DCATDE.contributorID, URIRef(contributor)))
    states = sorted({p.state for p in solution.partners.all() if p.state in STATE_KEYS})
    if states:
        graph.add((dataset, DCATDE.politicalGeocodingLevelURI, GEOCODING_LEVEL_STATE))
        for state in states:
            graph.add((dataset, DCATDE.politicalGeocodingURI, URIRef(GEOCODING_STATE.format(key=STATE_KEYS[state]))))
    if solution.contact_email:
        contact = URIRef(f"{page}#kontakt")
        graph.add((dataset, DCAT.contactPoint, contact))
        graph.add((contact, RDF.type, VCARD.Organization))
        graph.add((contact, VCARD.fn, Literal(solution.contact_label or DEFAULT_CONTACT)))
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{solution.contact_email}")))
    attribution = ", ".join(p.name for p in solution.partners.all()) or PUBLISHER
    for field, fragment, title in DISTRIBUTIONS:
        if not (url := getattr(solution, field)):
            continue
        distribution = URIRef(f"{page}#{fragment}")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, _german(title)))
        graph.add((distribution, DCAT.accessURL, URIRef(url)))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCTERMS.modified, _datetime(solution.updated_at)))
        if solution.licence == Licence.DL_DE_BY_2:  # the licence requires naming the source
            graph.add((distribution, DCATDE.licenseAttributionByText, _german(attribution)))
    return dataset


def catalogue_graph(solutions: QuerySet[Solution] | None = None) -> Graph:
    solutions = dcat_solutions() if solutions is None else solutions
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    homepage = absolute(reverse("transfer:solution-list"))
    catalogue = URIRef(f"{homepage}#katalog")  # hash URIs resolve to the human catalogue page
    publisher = URIRef(f"{homepage}#herausgeber")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, _german(PUBLISHER)))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, _german(CATALOGUE_TITLE)))
    graph.add((catalogue, DCTERMS.description, _german(CATALOGUE_DESCRIPTION)))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.language, EU_LANGUAGE_DE))
    graph.add((catalogue, FOAF.homepage, URIRef(homepage)))
    latest = None
    for solution in solutions:
        graph.add((catalogue, DCAT.dataset, _add_dataset(graph, solution, publisher)))
        latest = max(latest, solution.updated_at) if latest else solution.updated_at
    if latest:
        graph.add((catalogue, DCTERMS.modified, _datetime(latest)))
    return graph


def catalogue_turtle() -> str:
    return catalogue_graph().serialize(format="turtle")


def catalogue_jsonld() -> str:
    return catalogue_graph().serialize(format="json-ld", context=CONTEXT, auto_compact=True)
