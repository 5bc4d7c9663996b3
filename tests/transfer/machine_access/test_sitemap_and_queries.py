"""Machine access: sitemap and robots.txt, and query counts that do not grow with rows."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import data_for_scope
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProjectFactory,
    ServiceCoverageFactory,
    SolutionFactory,
)
from tests.transfer.machine_access.helpers import SITE, assert_no_secrets
from transfer.models import AdoptionStage

pytestmark = pytest.mark.django_db


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


URLS = [
    "/api/v1/solutions/?page_size=100",
    "/api/v1/solutions/?page_size=100&land=RP&maturity=1&focus_area={area}&partner={partner}",
    "/api/v1/projects/?page_size=100",
    "/api/v1/partners/?page_size=100",
    "/loesungen/feed/",
    "/dcat/catalog.ttl",
    "/dcat/catalog.jsonld",
    "/loesungen/export.csv",
    "/sitemap.xml",
]


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker):
    """{url: (queries with 5 solutions, queries with 200)}: the rows are made once for all URLs
    (200 solutions through the factories take some 3 s) and rolled back after the module."""
    from django.test import Client

    from governance.models import FocusArea, Partner
    from transfer.caching import bump_catalogue_version

    def cold(client, address: str) -> int:
        bump_catalogue_version()  # each URL from a cold cache, as when it was a test of its own
        return queries_for(client, address)

    def measure():
        populate(5)
        client = Client()
        area, partner = FocusArea.objects.get().slug, Partner.objects.order_by("pk").first().slug
        urls = {url: url.format(area=area, partner=partner) for url in URLS}
        few = {url: cold(client, address) for url, address in urls.items()}
        populate(195)
        return {url: (few[url], cold(client, address)) for url, address in urls.items()}

    with data_for_scope(django_db_blocker, measure) as counts:
        yield counts


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_rows(query_counts, url):
    few, many = query_counts[url]
    assert many == few
    assert few <= 12
