"""The DCAT export as it was before it wrote its text from rows (commit 0b0c223), kept only as the
reference that tests compare the fast export's triples with. Not used by the portal.

One `dcat:Catalog` published by MRN GmbH; every published solution is a `dcat:Dataset` whose
documentation and source code are its distributions. Texts are German and tagged `@de` whatever
the request's language. Contacts are functional mailboxes only.
"""

import json
import re
from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings
from django.db.models import Max, Prefetch, QuerySet
from django.urls import reverse
from rdflib import Graph

from governance.models import Partner
from transfer.api.common import absolute, solution_path
from transfer.models import Licence, Solution


class URIRef(str):
    """An IRI. The export writes its terms itself: building rdflib terms and graphs cost 63 s and
    535 MB at 10,000 solutions (its serialisers make every dataset URI a namespace of its own,
    rdflib issue 1752)."""

    __slots__ = ()


class Literal(NamedTuple):
    value: str
    lang: str | None = None
    datatype: str | None = None


class Namespace:
    def __init__(self, base: str):
        self.base = base

    def __getattr__(self, name: str) -> URIRef:
        return URIRef(self.base + name)

    def __str__(self) -> str:
        return self.base


DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
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


# What `_add_dataset` reads; the long texts stay in the database.
DCAT_FIELDS = (
    "pk",
    "title",
    "slug",
    "short_description",
    "licence",
    "updated_at",
    "published_at",
    "contact_email",
    "contact_label",
    "documentation_url",
    "source_code_url",
)


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
    return Literal(text, "de")


XSD_DATETIME = XSD.dateTime


def _datetime(value) -> Literal:
    return Literal(value.isoformat(), None, XSD_DATETIME)


def _add_dataset(graph, solution: Solution, publisher: URIRef) -> URIRef:
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


class Triples(list):
    """What `_add_dataset` writes into: a plain list of triples (no rdflib graph per request)."""

    def add(self, triple) -> None:
        self.append(triple)


def _catalogue_triples(latest) -> tuple[Triples, URIRef, URIRef]:
    homepage = absolute(reverse("transfer:solution-list"))
    catalogue = URIRef(f"{homepage}#katalog")  # hash URIs resolve to the human catalogue page
    publisher = URIRef(f"{homepage}#herausgeber")
    triples = Triples()
    triples.add((publisher, RDF.type, FOAF.Agent))
    triples.add((publisher, FOAF.name, _german(PUBLISHER)))
    triples.add((catalogue, RDF.type, DCAT.Catalog))
    triples.add((catalogue, DCTERMS.title, _german(CATALOGUE_TITLE)))
    triples.add((catalogue, DCTERMS.description, _german(CATALOGUE_DESCRIPTION)))
    triples.add((catalogue, DCTERMS.publisher, publisher))
    triples.add((catalogue, DCTERMS.language, EU_LANGUAGE_DE))
    triples.add((catalogue, FOAF.homepage, URIRef(homepage)))
    if latest:
        triples.add((catalogue, DCTERMS.modified, _datetime(latest)))
    return triples, catalogue, publisher


# The export streams: one solution's triples at a time, written by hand.
CHUNK = 2000
PREFIXES = sorted(CONTEXT.items(), key=lambda item: -len(item[1]))  # longest namespace first
LOCAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
RDF_TYPE = RDF.type
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


NAMESPACES = tuple(namespace for _prefix, namespace in PREFIXES)
_COMPACTED: dict[str, str] = {}  # only vocabulary terms end up here, so it stays small


def _compact(uri: str) -> str | None:
    if (known := _COMPACTED.get(uri)) is not None:
        return known
    if not uri.startswith(NAMESPACES):  # the dataset's own IRIs: one C-level test
        return None
    for prefix, namespace in PREFIXES:
        if uri.startswith(namespace) and LOCAL_NAME.match(uri[len(namespace) :]):
            _COMPACTED[uri] = compacted = f"{prefix}:{uri[len(namespace) :]}"
            return compacted
    return None


def _iri(uri: str) -> str:
    return "<" + IRI_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", uri) + ">"


def _turtle_term(term) -> str:
    if isinstance(term, Literal):
        text = json.dumps(term.value, ensure_ascii=False)  # JSON's escapes are Turtle's too
        if term.lang:
            return f"{text}@{term.lang}"
        if term.datatype:
            return f"{text}^^{_compact(term.datatype) or _iri(term.datatype)}"
        return text
    if term == RDF_TYPE:
        return "a"
    return _compact(term) or _iri(term)


def _turtle_lines(triples) -> str:
    return "".join(f"{_turtle_term(s)} {_turtle_term(p)} {_turtle_term(o)} .\n" for s, p, o in triples)


def _jsonld_value(term):
    if not isinstance(term, Literal):
        return {"@id": term}
    if term.lang:
        return {"@value": term.value, "@language": term.lang}
    if term.datatype:
        return {"@value": term.value, "@type": _compact(term.datatype) or term.datatype}
    return term.value


def _jsonld_nodes(triples) -> list[dict]:
    """Node objects in compact form (prefixed keys, as CONTEXT defines them), one per subject."""
    nodes: dict[str, dict] = {}
    for s, p, o in triples:
        node = nodes.setdefault(s, {"@id": s})
        if p == RDF_TYPE:
            node.setdefault("@type", []).append(_compact(o) or o)
        else:
            node.setdefault(_compact(p) or p, []).append(_jsonld_value(o))
    return list(nodes.values())


def _datasets(catalogue: URIRef, publisher: URIRef, solutions):
    """One Triples list per published solution, its catalogue link included."""
    for solution in solutions:
        triples = Triples()
        triples.add((catalogue, DCAT.dataset, _add_dataset(triples, solution, publisher)))
        yield triples


def _stream_input(solutions: QuerySet[Solution] | None):
    solutions = dcat_solutions() if solutions is None else solutions
    latest = solutions.aggregate(latest=Max("updated_at"))["latest"]
    head, catalogue, publisher = _catalogue_triples(latest)
    read = solutions.only(*DCAT_FIELDS).iterator(chunk_size=CHUNK)  # a server-side cursor on PostgreSQL
    return head, _datasets(catalogue, publisher, read)


def catalogue_turtle(solutions: QuerySet[Solution] | None = None) -> Iterator[str]:
    head, datasets = _stream_input(solutions)
    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in CONTEXT.items())
    yield "\n" + _turtle_lines(head)
    for triples in datasets:
        yield "\n" + _turtle_lines(triples)


def catalogue_jsonld(solutions: QuerySet[Solution] | None = None) -> Iterator[str]:
    head, datasets = _stream_input(solutions)
    yield '{"@context": ' + json.dumps(CONTEXT) + ', "@graph": [\n'
    yield ",\n".join(json.dumps(node, ensure_ascii=False) for node in _jsonld_nodes(head))
    for triples in datasets:
        yield ",\n" + ",\n".join(json.dumps(node, ensure_ascii=False) for node in _jsonld_nodes(triples))
    yield "\n]}\n"


def catalogue_graph(solutions: QuerySet[Solution] | None = None) -> Graph:
    """The whole catalogue as one rdflib graph (for tests and small catalogues; the views stream)."""
    return Graph().parse(data="".join(catalogue_turtle(solutions)), format="turtle")
