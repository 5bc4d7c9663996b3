"""Hostile input in production settings: nothing answers with a server error (5xx).

Malformed, huge and contradictory page, query and filter parameters, invalid UTF-8 and NUL bytes
in paths and query strings, more than 1,000 parameters, and broken Accept headers, against the
public pages, the machine interfaces and the workspace (as the secretariat, who sees the most).
"""

import pytest
from django.test import Client, override_settings

from governance.models import PartnerKind
from tests.factories import PartnerFactory, ProjectFactory, SolutionFactory

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/loesungen/",
    "/projekte/",
    "/partner/",
    "/loesungen/feed/",
    "/loesungen/export.csv",
    "/api/v1/solutions/",
    "/dcat/catalog.jsonld",
]
WORKSPACE = [
    "/arbeitsbereich/",
    "/arbeitsbereich/protokoll/",
    "/arbeitsbereich/protokoll/export.csv",
    "/arbeitsbereich/loesungen/",
    "/arbeitsbereich/nachnutzung/anfragen/",
    "/arbeitsbereich/patenschaften/",
    "/benachrichtigungen/",
    "/konto/meine-daten/",
]
QUERIES = [
    "page=0",
    "page=-1",
    "page=abc",
    "page=" + "9" * 5000,
    "page=1e308",
    "page=%00",
    "page=1&page=2&page=x",
    "q=%00%00",
    "q=" + "a" * 20000,
    "q=%ff%fe%fd",
    "q=%C0%AF",
    "q=' OR 1=1 --",
    "q=<script>alert(1)</script>",
    "q=\\x00&\\x00=1",
    "state=%00&partner=abc&focus=99999999999999999999999&maturity=-7&licence[]=x",
    "date_from=32.13.2026&date_to=0000-00-00&actor=-1&verb=%ff&target_type=abc",
    "sort=;DROP TABLE x&order=-&format=%00",
    "%ff=%fe",
    "=&&&=&==",
    "page_size=100000000&limit=-1&offset=99999999999999999999",
]
ACCEPTS = ["text/html;q=abc, */*;q=-1", "application/json;;;;q=", "\x00/\x00", "*/*;" + "x" * 5000]


@pytest.fixture
def data(db):
    partner = PartnerFactory(kind=PartnerKind.CITY, state="BW")
    SolutionFactory()
    ProjectFactory(lead_partner=partner)


def requests():
    """(path, query string, extra headers) for every hostile request this test fires."""
    for index, path in enumerate(PUBLIC + WORKSPACE):
        # Each path gets six of the queries, in turn, so every query meets several paths.
        for offset in range(6):
            yield path, QUERIES[(index * 6 + offset) % len(QUERIES)], {}
        yield path, "&".join(f"f{i}={i}" for i in range(1100)), {}  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
        for accept in ACCEPTS:
            yield path, "", {"HTTP_ACCEPT": accept}
    for path in ["/loesungen/%ff%fe/", "/loesungen/%00/", "/projekte/" + "x" * 3000 + "/", "/arbeitsbereich/%c0%af/"]:
        yield path, "", {}


@override_settings(DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_no_hostile_request_gets_a_server_error(data, secretariat):
    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(secretariat)
    fired, errors = 0, []
    for path, query, headers in requests():
        for client in (anonymous,) if path in PUBLIC else (staff,):
            response = client.get(path, QUERY_STRING=query, **headers)
            fired += 1
            if response.status_code >= 500:
                errors.append(f"{response.status_code} GET {path}?{query[:80]} {sorted(headers)}")
    assert fired >= 75
    assert errors == [], "\n".join(errors)


@override_settings(DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_hostile_posts_get_no_server_error(data, secretariat):
    staff = Client(raise_request_exception=False)
    staff.force_login(secretariat)
    bodies = [
        {"q": "\x00"},
        {f"f{i}": "x" for i in range(1100)},
        {"administration": "\x00" * 10, "contact_email": "not-an-address", "consent": "maybe"},
    ]
    for path in ["/konto/meine-daten/", "/arbeitsbereich/personen/999999999/loeschen/", "/loesungen/x/nachnutzung/"]:
        for body in bodies:
            assert staff.post(path, body).status_code < 500, (path, list(body)[:3])
