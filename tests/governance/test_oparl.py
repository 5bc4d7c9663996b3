"""The OParl 1.1 interface: every object reachable from the System object validates against the
specification's JSON schemas (../shared/oparl-1.1/schema), every link between objects answers,
lists page and filter as section 2.5 says, and nothing internal and no person is published."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from jsonschema import Draft7Validator

from tests.governance.register_data import SECRETS, build_register

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).parent / "oparl_schema"  # a copy of ../shared/oparl-1.1/schema
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
ROOT = "/oparl/v1.1/"
# The specification's own annotations inside properties, not JSON Schema keywords.
ANNOTATIONS = {"references", "schema", "backreference", "cardinality"}


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in ANNOTATIONS}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


@pytest.fixture(scope="module")
def validators():
    return {p.stem: Draft7Validator(_strip(json.loads(p.read_text()))) for p in SCHEMA_DIR.glob("*.json")}


@pytest.fixture
def register():
    return build_register()


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def get_json(client, url: str):
    response = client.get(local(url))
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def oparl_objects(node):
    """Every OParl object in a document, internal ones included."""
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith(TYPE_PREFIX):
            yield node
        for value in node.values():
            yield from oparl_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from oparl_objects(value)


def links(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("type", "oparlVersion", "license", "fileLicense"):
                yield from links(value)
    elif isinstance(node, list):
        for value in node:
            yield from links(value)
    elif isinstance(node, str) and node.startswith(settings.SITE_URL.rstrip("/") + ROOT):
        yield node


def crawl(client) -> dict[str, dict]:
    """Every document reachable from the System object, by URL."""
    seen, queue = {}, [settings.SITE_URL.rstrip("/") + ROOT]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen[url] = get_json(client, url)
        queue.extend(link for link in links(seen[url]) if link not in seen)
    return seen


def test_every_reachable_object_validates_and_every_link_answers(client, register, validators):
    documents = crawl(client)
    kinds = set()
    for url, document in documents.items():
        for obj in oparl_objects(document):
            kind = obj["type"].removeprefix(TYPE_PREFIX)
            kinds.add(kind)
            errors = [e.message for e in validators[kind].iter_errors(obj)]
            assert not errors, (url, kind, errors)
        if "data" in document:
            assert {"pagination", "links"} <= document.keys(), url
    assert {"System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "Consultation", "File"} <= kinds


def test_nothing_internal_and_no_person_is_published(client, register):
    documents = crawl(client)
    everything = json.dumps(documents, ensure_ascii=False)
    leaked = [secret for secret in SECRETS if secret in everything]
    assert not leaked, leaked
    body = get_json(client, f"{ROOT}body/{register.circle.pk}/")
    assert get_json(client, body["person"])["data"] == []
    papers = get_json(client, body["paper"])["data"]
    assert sorted(p["reference"] for p in papers) == ["LK-2026-01", "LK-2026-04"]
    meetings = {m["name"]: m for m in get_json(client, body["meeting"])["data"]}
    assert "Geplante Klausur" not in meetings
    assert meetings["Abgesagte Sondersitzung"]["cancelled"] is True
    items = meetings["12. Sitzung des Lenkungskreises"]["agendaItem"]
    assert [i["name"] for i in items] == ["Gate Verstetigung Kfz-Zulassung"]
    assert items[0]["result"] == "beschlossen" and "Verstetigung" in items[0]["resolutionText"]
    assert "participant" not in meetings["12. Sitzung des Lenkungskreises"]


def test_lists_page_with_stable_order_and_keep_filters(client, register):
    body = get_json(client, f"{ROOT}body/{register.circle.pk}/")
    first = get_json(client, body["meeting"] + "?limit=1&created_since=2000-01-01T00:00:00%2B01:00")
    assert first["pagination"] == {"totalElements": 3, "elementsPerPage": 1, "currentPage": 1, "totalPages": 3}
    names, page = [], first
    while True:
        names += [m["name"] for m in page["data"]]
        assert "created_since=" in page["links"]["self"]
        if "next" not in page["links"]:
            break
        page = get_json(client, page["links"]["next"])
    assert len(names) == len(set(names)) == 3


def test_date_filters_narrow_the_list(client, register):
    body = get_json(client, f"{ROOT}body/{register.circle.pk}/")
    future = get_json(client, body["paper"] + "?created_since=2999-01-01T00:00:00%2B01:00")
    assert future["data"] == [] and future["pagination"]["totalElements"] == 0
    everything = get_json(client, body["paper"] + "?modified_until=2999-01-01T00:00:00%2B01:00")
    assert everything["pagination"]["totalElements"] == 2


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("meeting/999999/", 404),
        ("paper/{internal}/", 404),
        ("body/{circle}/paper/?created_since=gestern", 400),
        ("body/{circle}/meeting/?page=0", 400),
        ("body/{circle}/meeting/?page=99", 404),
        ("body/{circle}/meeting/?limit=abc", 400),
    ],
)
def test_errors_are_oparl_error_objects(client, register, path, status):
    url = ROOT + path.format(internal=register.internal_resolution.pk, circle=register.circle.pk)
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["type"] == f"{TYPE_PREFIX}Error"
    assert response.json()["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_list_query_count_does_not_grow(client, register, django_assert_max_num_queries):
    url = f"{ROOT}body/{register.circle.pk}/meeting/"
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for number in range(3, 30):
        item = register.public_item
        item.pk, item.number = None, number
        item.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
