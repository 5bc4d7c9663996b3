"""The catalogue as DCAT-AP.de 2.0, for the national open-data portal (GovData) and anyone else.

One `dcat:Catalog` published by MRN GmbH; every published solution is a `dcat:Dataset` whose
documentation and source code are its distributions. Texts are German and tagged `@de` whatever
the request's language. Contacts are functional mailboxes only.

The export is written as text straight from `values_list()` rows, a chunk of solutions at a time
(their focus areas and partners in two queries per chunk): no model instances, no rdflib terms or
graphs. rdflib cost 63 s and 535 MB at 10,000 solutions (its serialisers make every dataset URI a
namespace of its own, rdflib issue 1752); model instances and prefetching still cost 10-15 s.
The whole catalogue streams; `?page=N` serves one page of it with Hydra links
(`hydra:PartialCollectionView`), as DCAT-AP.de allows for harvesters that want pages.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from rdflib import Graph

from kooperationsraum.paging import page_of
from transfer.api.common import absolute
from transfer.models import Licence, Solution

DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCATDE = "http://dcat-ap.de/def/dcatde/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
EU_LANGUAGE_DE = "http://publications.europa.eu/resource/authority/language/DEU"
EU_THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
GEOCODING_LEVEL_STATE = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
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
CONTEXT = {"dcat": DCAT, "dct": DCTERMS, "foaf": FOAF, "vcard": VCARD, "dcatde": DCATDE, "xsd": XSD, "hydra": HYDRA}

CHUNK = 500  # solutions per chunk: two related queries each, a few hundred kB of text
PAGE_SIZE = 1000  # datasets per page of the paged catalogue (?page=N)

# What a dataset reads; the long texts stay in the database.
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
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
SLUG_SAFE = "!$&'()*+,;=/~:@"  # what `reverse()` leaves unquoted in a path argument
PLAIN_SLUG = re.compile(r"[A-Za-z0-9_-]+")


def licence_uri(licence: str) -> str:
    return DCATDE_LICENCES.get(licence) or SPDX.format(id=licence)


def iri(value: str) -> str:
    """An IRI with the characters Turtle's IRIREF forbids percent-encoded (the same in both formats)."""
    if IRI_UNSAFE.search(value) is None:  # nearly always: no second pass
        return value
    return IRI_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", value)


def dcat_solutions() -> QuerySet[Solution]:
    """Published solutions only, in a stable order (pages depend on it)."""
    return Solution.objects.published().order_by("title", "pk")


@dataclass(slots=True)
class Dataset:
    """One solution as the export describes it; IRIs already escaped."""

    page: str
    title: str
    description: str
    licence: str
    licence_iri: str
    modified: str
    issued: str | None
    keywords: list[str]
    states: list[str]
    contact_email: str
    contact_label: str
    distributions: list[tuple[str, str, str]]  # (fragment, title, access URL)
    attribution: str | None  # only where the licence requires naming the source

    @property
    def iri(self) -> str:
        return f"{self.page}#dataset"  # the thing described, apart from the page describing it


class _Pages:
    """Solution pages without one `reverse()` per row: the prefix once, the slug quoted like reverse does."""

    def __init__(self):
        marker = "slug-marker"
        path = reverse("transfer:solution-detail", args=[marker])
        self.before, self.after = absolute(path).split(marker)

    def __call__(self, slug: str) -> str:
        if PLAIN_SLUG.fullmatch(slug):  # what SlugField allows: nothing to quote or escape
            return self.before + slug + self.after
        return iri(self.before + quote(slug, safe=SLUG_SAFE) + self.after)


def _related(pks: list[int]) -> tuple[dict[int, list[str]], dict[int, list[tuple[str, str]]]]:
    """Focus area names and (partner name, state) of these solutions: two queries."""
    areas: dict[int, list[str]] = {}
    through = Solution.focus_areas.through.objects.filter(solution_id__in=pks)
    for solution, name in through.order_by("focusarea__position", "focusarea__name").values_list(
        "solution_id", "focusarea__name"
    ):
        areas.setdefault(solution, []).append(name)
    partners: dict[int, list[tuple[str, str]]] = {}
    through = Solution.partners.through.objects.filter(solution_id__in=pks)
    for solution, name, state in through.order_by("partner__name", "partner_id").values_list(
        "solution_id", "partner__name", "partner__state"
    ):
        partners.setdefault(solution, []).append((name, state))
    return areas, partners


def _dataset(row: tuple, areas: list[str], partners: list[tuple[str, str]], pages: _Pages) -> Dataset:
    pk, title, slug, description, licence, updated, published, email, label, documentation, source = row
    page = pages(slug)
    urls = {"documentation_url": documentation, "source_code_url": source}
    return Dataset(
        page=page,
        title=title,
        description=description,
        licence=licence,
        licence_iri=iri(licence_uri(licence)),
        modified=updated.isoformat(),
        issued=published.isoformat() if published else None,
        keywords=areas,
        states=sorted({state for _name, state in partners if state in STATE_KEYS}),
        contact_email=email,
        contact_label=label or DEFAULT_CONTACT,
        distributions=[(fragment, name, iri(urls[field])) for field, fragment, name in DISTRIBUTIONS if urls[field]],
        attribution=(", ".join(name for name, _state in partners) or PUBLISHER)
        if licence == Licence.DL_DE_BY_2
        else None,
    )


def datasets(solutions: QuerySet[Solution]) -> Iterator[list[Dataset]]:
    """The solutions as datasets, one list per chunk, read through a server-side cursor."""
    pages = _Pages()
    rows = solutions.values_list(*DCAT_FIELDS).iterator(chunk_size=CHUNK)
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield _chunk_datasets(chunk, pages)
            chunk = []
    if chunk:
        yield _chunk_datasets(chunk, pages)


def _chunk_datasets(rows: list[tuple], pages: _Pages) -> list[Dataset]:
    areas, partners = _related([row[0] for row in rows])
    return [_dataset(row, areas.get(row[0], []), partners.get(row[0], []), pages) for row in rows]


@dataclass
class Catalogue:
    """What the catalogue node and a page's Hydra view say; `view` is None for the whole export."""

    iri: str
    publisher: str
    homepage: str
    modified: str | None
    contributor: str
    view: dict | None = None  # the Hydra links of a page: "@id", "first", "previous", "next", "last"
    total: int = 0


def _paged(solutions: QuerySet[Solution], base_url: str, raw_page: str) -> tuple[QuerySet[Solution], dict, int]:
    paginator = Paginator(solutions, PAGE_SIZE, allow_empty_first_page=True)
    page = page_of(paginator, raw_page)

    def link(number: int) -> str:
        return iri(f"{base_url}?page={number}")

    view = {"@id": link(page.number), "first": link(1), "last": link(paginator.num_pages)}
    if page.has_previous():
        view["previous"] = link(page.previous_page_number())
    if page.has_next():
        view["next"] = link(page.next_page_number())
    return page.object_list, view, paginator.count


def prepare(
    solutions: QuerySet[Solution] | None = None, *, base_url: str = "", page: str | None = None
) -> tuple[Catalogue, Iterator[list[Dataset]]]:
    """The catalogue node and its datasets: all of them, or one page when `page` is given."""
    solutions = dcat_solutions() if solutions is None else solutions
    latest = solutions.aggregate(latest=Max("updated_at"))["latest"]
    homepage = absolute(reverse("transfer:solution-list"))
    catalogue = Catalogue(
        iri=iri(f"{homepage}#katalog"),  # hash URIs resolve to the human catalogue page
        publisher=iri(f"{homepage}#herausgeber"),
        homepage=iri(homepage),
        modified=latest.isoformat() if latest else None,
        contributor=iri(getattr(settings, "DCATDE_CONTRIBUTOR_ID", "") or ""),
    )
    if page is not None:
        solutions, catalogue.view, catalogue.total = _paged(solutions, base_url, page)
    return catalogue, datasets(solutions)


# --- Turtle --------------------------------------------------------------------------------------


_quote = json.JSONEncoder(ensure_ascii=False).encode  # JSON's escapes are all valid Turtle escapes


def _text(value: str, lang: str | None = "de") -> str:
    quoted = _quote(value)
    return f"{quoted}@{lang}" if lang else quoted


def _turtle_head(catalogue: Catalogue) -> str:
    lines = [f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in CONTEXT.items()]
    lines += [
        f"\n<{catalogue.publisher}> a foaf:Agent ;\n    foaf:name {_text(PUBLISHER)} .\n",
        f"\n<{catalogue.iri}> a dcat:Catalog ;\n    dct:title {_text(CATALOGUE_TITLE)} ;\n",
        f"    dct:description {_text(CATALOGUE_DESCRIPTION)} ;\n    dct:publisher <{catalogue.publisher}> ;\n",
        f"    dct:language <{EU_LANGUAGE_DE}> ;\n    foaf:homepage <{catalogue.homepage}>",
    ]
    if catalogue.modified:
        lines.append(f' ;\n    dct:modified "{catalogue.modified}"^^xsd:dateTime')
    if view := catalogue.view:
        lines.append(f" ;\n    hydra:view <{view['@id']}> .\n\n<{view['@id']}> a hydra:PartialCollectionView")
        lines += [f" ;\n    hydra:{key} <{view[key]}>" for key in ("first", "previous", "next", "last") if key in view]
        lines.append(f" ;\n    hydra:totalItems {catalogue.total} ;\n    hydra:itemsPerPage {PAGE_SIZE}")
    lines.append(" .\n")
    return "".join(lines)


def _turtle_dataset(d: Dataset, catalogue: Catalogue) -> str:
    subject = d.iri
    out = [
        f"\n<{catalogue.iri}> dcat:dataset <{subject}> .\n<{subject}> a dcat:Dataset ;\n",
        f"    dct:title {_text(d.title)} ;\n    dct:description {_text(d.description)} ;\n",
        f"    dct:identifier {_text(subject, None)} ;\n    dcat:landingPage <{d.page}> ;\n",
        f"    dct:publisher <{catalogue.publisher}> ;\n    dcat:theme <{EU_THEME_GOVERNMENT}> ;\n",
        f"    dct:language <{EU_LANGUAGE_DE}> ;\n    dct:license <{d.licence_iri}> ;\n",
        f'    dct:modified "{d.modified}"^^xsd:dateTime',
    ]
    if d.issued:
        out.append(f' ;\n    dct:issued "{d.issued}"^^xsd:dateTime')
    out += [f" ;\n    dcat:keyword {_text(keyword)}" for keyword in d.keywords]
    if catalogue.contributor:
        out.append(f" ;\n    dcatde:contributorID <{catalogue.contributor}>")
    if d.states:
        out.append(f" ;\n    dcatde:politicalGeocodingLevelURI <{GEOCODING_LEVEL_STATE}>")
        out += [f" ;\n    dcatde:politicalGeocodingURI <{GEOCODING_STATE.format(key=STATE_KEYS[s])}>" for s in d.states]
    if d.contact_email:
        out.append(f" ;\n    dcat:contactPoint <{d.page}#kontakt>")
    out += [f" ;\n    dcat:distribution <{d.page}#{fragment}>" for fragment, _t, _u in d.distributions]
    out.append(" .\n")
    if d.contact_email:
        out.append(
            f"<{d.page}#kontakt> a vcard:Organization ;\n    vcard:fn {_text(d.contact_label, None)} ;\n"
            f"    vcard:hasEmail <{iri('mailto:' + d.contact_email)}> .\n"
        )
    for fragment, title, url in d.distributions:
        out.append(
            f"<{d.page}#{fragment}> a dcat:Distribution ;\n    dct:title {_text(title)} ;\n"
            f"    dcat:accessURL <{url}> ;\n    dct:license <{d.licence_iri}> ;\n"
            f'    dct:modified "{d.modified}"^^xsd:dateTime'
        )
        if d.attribution is not None:
            out.append(f" ;\n    dcatde:licenseAttributionByText {_text(d.attribution)}")
        out.append(" .\n")
    return "".join(out)


def catalogue_turtle(solutions: QuerySet[Solution] | None = None, **paging) -> Iterator[str]:
    catalogue, chunks = prepare(solutions, **paging)
    yield _turtle_head(catalogue)
    for chunk in chunks:
        yield "".join([_turtle_dataset(dataset, catalogue) for dataset in chunk])


# --- JSON-LD (compact form, prefixed keys as CONTEXT defines them) -----------------------------------


def _de(value: str) -> list[dict]:
    return [{"@value": value, "@language": "de"}]


def _ref(value: str) -> list[dict]:
    return [{"@id": value}]


def _when(value: str) -> list[dict]:
    return [{"@value": value, "@type": "xsd:dateTime"}]


def _jsonld_head(catalogue: Catalogue) -> list[dict]:
    node = {
        "@id": catalogue.iri,
        "@type": ["dcat:Catalog"],
        "dct:title": _de(CATALOGUE_TITLE),
        "dct:description": _de(CATALOGUE_DESCRIPTION),
        "dct:publisher": _ref(catalogue.publisher),
        "dct:language": _ref(EU_LANGUAGE_DE),
        "foaf:homepage": _ref(catalogue.homepage),
    }
    if catalogue.modified:
        node["dct:modified"] = _when(catalogue.modified)
    nodes = [{"@id": catalogue.publisher, "@type": ["foaf:Agent"], "foaf:name": _de(PUBLISHER)}, node]
    if view := catalogue.view:
        node["hydra:view"] = _ref(view["@id"])
        links = {f"hydra:{key}": _ref(view[key]) for key in ("first", "previous", "next", "last") if key in view}
        nodes.append(
            {
                "@id": view["@id"],
                "@type": ["hydra:PartialCollectionView"],
                **links,
                "hydra:totalItems": [{"@value": catalogue.total}],
                "hydra:itemsPerPage": [{"@value": PAGE_SIZE}],
            }
        )
    return nodes


def _jsonld_dataset(d: Dataset, catalogue: Catalogue) -> list[dict]:
    subject = d.iri
    node = {
        "@id": subject,
        "@type": ["dcat:Dataset"],
        "dct:title": _de(d.title),
        "dct:description": _de(d.description),
        "dct:identifier": [subject],
        "dcat:landingPage": _ref(d.page),
        "dct:publisher": _ref(catalogue.publisher),
        "dcat:theme": _ref(EU_THEME_GOVERNMENT),
        "dct:language": _ref(EU_LANGUAGE_DE),
        "dct:license": _ref(d.licence_iri),
        "dct:modified": _when(d.modified),
    }
    if d.issued:
        node["dct:issued"] = _when(d.issued)
    if d.keywords:
        node["dcat:keyword"] = [{"@value": keyword, "@language": "de"} for keyword in d.keywords]
    if catalogue.contributor:
        node["dcatde:contributorID"] = _ref(catalogue.contributor)
    if d.states:
        node["dcatde:politicalGeocodingLevelURI"] = _ref(GEOCODING_LEVEL_STATE)
        node["dcatde:politicalGeocodingURI"] = [{"@id": GEOCODING_STATE.format(key=STATE_KEYS[s])} for s in d.states]
    nodes = [{"@id": catalogue.iri, "dcat:dataset": _ref(subject)}, node]
    if d.contact_email:
        contact = f"{d.page}#kontakt"
        node["dcat:contactPoint"] = _ref(contact)
        nodes.append(
            {
                "@id": contact,
                "@type": ["vcard:Organization"],
                "vcard:fn": [d.contact_label],
                "vcard:hasEmail": _ref(iri("mailto:" + d.contact_email)),
            }
        )
    if d.distributions:
        node["dcat:distribution"] = [{"@id": f"{d.page}#{fragment}"} for fragment, _t, _u in d.distributions]
    for fragment, title, url in d.distributions:
        distribution = {
            "@id": f"{d.page}#{fragment}",
            "@type": ["dcat:Distribution"],
            "dct:title": _de(title),
            "dcat:accessURL": _ref(url),
            "dct:license": _ref(d.licence_iri),
            "dct:modified": _when(d.modified),
        }
        if d.attribution is not None:
            distribution["dcatde:licenseAttributionByText"] = _de(d.attribution)
        nodes.append(distribution)
    return nodes


def _json_lines(nodes: Iterable[dict]) -> str:
    return ",\n".join([_quote(node) for node in nodes])


def catalogue_jsonld(solutions: QuerySet[Solution] | None = None, **paging) -> Iterator[str]:
    catalogue, chunks = prepare(solutions, **paging)
    yield '{"@context": ' + json.dumps(CONTEXT) + ', "@graph": [\n' + _json_lines(_jsonld_head(catalogue))
    for chunk in chunks:
        yield ",\n" + _json_lines(node for dataset in chunk for node in _jsonld_dataset(dataset, catalogue))
    yield "\n]}\n"


def catalogue_graph(solutions: QuerySet[Solution] | None = None, **paging) -> Graph:
    """The whole catalogue as one rdflib graph (for tests and small catalogues; the views stream)."""
    return Graph().parse(data="".join(catalogue_turtle(solutions, **paging)), format="turtle")
