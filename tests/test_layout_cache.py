"""The layout's cached parts (templates/base.html, the "layout" cache): whatever order pages are
asked for in, each shows its own navigation marks, in its own language, and a signed-in person's
navigation is never kept for, or served to, anyone else."""

import re

import pytest
from django.core.cache import caches

from tests.conftest import login
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav id="hauptnavigation".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"(?: aria-current="(page|true)")?>([^<]+)</a>')


def main_nav(response) -> list[tuple[str, str, str]]:
    """(href, aria-current or "", label) of each link of the page's main navigation."""
    assert response.status_code == 200
    return LINK.findall(NAV.search(response.content.decode()).group(0))


def marks(response) -> dict[str, str]:
    return {href: current for href, current, _label in main_nav(response) if current}


@pytest.fixture
def fresh_layout():
    caches["layout"].clear()
    yield
    caches["layout"].clear()


def test_every_page_marks_its_own_place_whatever_came_before(client, fresh_layout):
    partner = PartnerFactory(slug="bw")
    expected = {
        "/": {"/": "page"},
        "/loesungen/": {"/loesungen/": "page"},
        "/loesungen/?q=Zulassung": {"/loesungen/": "page"},
        "/projekte/": {"/projekte/": "page"},
        "/partner/": {"/partner/": "page"},
        f"/partner/{partner.slug}/": {"/partner/": "true"},
        "/beschluesse/": {"/beschluesse/": "page"},
        "/impressum/": {},
    }
    # Twice over, forwards and backwards: the second round is served from the layout cache.
    for path in [*expected, *reversed(expected)]:
        assert marks(client.get(path)) == expected[path], path


def test_main_navigation_links_are_first_segments(client, fresh_layout):
    """What the cache key (`nav_state`) relies on: a new link deeper than one segment needs a new key."""
    hrefs = [href for href, _current, _label in main_nav(client.get("/"))]
    assert len(hrefs) == 5
    assert all(re.fullmatch(r"/([^/]+/)?", href) for href in hrefs), hrefs


def test_each_language_keeps_its_own_navigation_and_footer(client, fresh_layout):
    german = client.get("/loesungen/", HTTP_ACCEPT_LANGUAGE="de")
    english = client.get("/loesungen/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Lösungskatalog" in [label for *_rest, label in main_nav(german)]
    assert "Solution catalogue" in [label for *_rest, label in main_nav(english)]
    assert "Impressum" in german.content.decode() and "Legal notice" in english.content.decode()
    german_again = client.get("/loesungen/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Lösungskatalog" in [label for *_rest, label in main_nav(german_again)]


def test_a_signed_in_navigation_is_neither_kept_nor_served_to_visitors(client, secretariat, fresh_layout):
    client.get("/projekte/")  # an anonymous visit first fills the cache
    login(client, secretariat)
    signed_in = [label for *_rest, label in main_nav(client.get("/projekte/"))]
    assert "Arbeitsbereich" in signed_in
    client.logout()
    anonymous = [label for *_rest, label in main_nav(client.get("/projekte/"))]
    assert "Arbeitsbereich" not in anonymous and len(anonymous) == 5
