"""Public pages in German and English, error pages, security headers, self-hosted assets."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import data_for_scope, seed_demo_data

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": (
        "Föderaler Kooperationsraum für Verwaltungsmodernisierung",
        "Federal cooperation space for administrative modernisation",
    ),
    "imprint": ("Impressum", "Legal notice"),
    "privacy": ("Datenschutz", "Privacy"),
    "accessibility": ("Barrierefreiheit", "Accessibility"),
    "login": ("Anmelden", "Log in"),
    "password_reset": ("Passwort zurücksetzen", "Reset password"),
}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the class `TestWithDemoData` and rolled back after it (the
    other tests of this module need an empty database)."""
    with data_for_scope(django_db_blocker, seed_demo_data):
        yield


def client_in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def h1_texts(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]


@pytest.mark.usefixtures("demo")
class TestWithDemoData:
    """Pages over the demo data (`seed_demo`, once for the class)."""

    @pytest.mark.parametrize("name", PUBLIC_PAGES)
    @pytest.mark.parametrize("language", ["de", "en"])
    def test_public_page_renders_in_both_languages(self, name, language):
        response = client_in(language).get(reverse(name))
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        headings = h1_texts(html)
        assert len(headings) == 1, headings
        german, english = PUBLIC_PAGES[name]
        expected = german if language == "de" else english
        assert expected.lower() in headings[0].lower() or expected in html

    def test_footer_links_to_the_legal_pages(self):
        html = Client().get(reverse("home")).content.decode()
        for legal_page in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
            assert f'href="{legal_page}"' in html

    def test_start_page_explains_partners_networks_and_focus_areas(self):
        html = Client().get(reverse("home")).content.decode()
        for text in (
            "Baden-Württemberg",
            "Hessen",
            "Rheinland-Pfalz",
            "Metropolregion Rhein-Neckar GmbH",
            "Erprobungsraum Rheinland",
            "Kooperationsraum Rhein-Neckar",
            "Stadt Köln",
            "Offene Bildungsinfrastruktur",
            "Mobile und vernetzte Verwaltung",
            "Offene Verwaltungsdaten und politische Partizipation",
        ):
            assert text in html

    def test_start_page_shows_no_personal_data(self):
        html = Client().get(reverse("home")).content.decode()
        assert "@example.org" not in html
        assert "Andrea Vogt" not in html  # the demo CIO of Baden-Württemberg

    def test_switching_to_english_and_back(self):
        client = Client()
        response = client.post(reverse("set_language"), {"language": "en", "next": "/impressum/"})
        assert response.status_code == 302 and response["Location"] == "/impressum/"
        assert '<html lang="en">' in client.get("/impressum/").content.decode()
        client.post(reverse("set_language"), {"language": "de", "next": "/"})
        assert '<html lang="de">' in client.get("/").content.decode()

    def test_security_headers_on_every_response(self):
        response = Client().get(reverse("home"))
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"

    @pytest.mark.parametrize("name", PUBLIC_PAGES)
    def test_no_inline_script_or_style_and_no_foreign_assets(self, name):
        html = Client().get(reverse(name)).content.decode()
        assert "<style" not in html
        assert " style=" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
        assets = re.findall(r'<(?:script|img|link|source|iframe)[^>]+(?:src|href)="([^"]+)"', html)
        assert assets, "the page loads its stylesheet"
        assert all(url.startswith("/") and not url.startswith("//") for url in assets), assets


def test_start_page_has_an_empty_state(db):
    html = Client().get(reverse("home")).content.decode()
    assert "Noch keine Verbünde eingetragen." in html


def test_unknown_page_is_a_german_404(db):
    response = Client().get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_server_error_is_a_german_500(db, settings):
    settings.ROOT_URLCONF = "tests.test_pages"
    client = Client(raise_request_exception=False)
    response = client.get("/kaputt/")
    assert response.status_code == 500
    assert "Interner Fehler" in response.content.decode()


def test_health_check_answers(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"


def broken_view(request):
    raise RuntimeError("deliberately broken for the 500 test")


from django.urls import path  # noqa: E402  (a urlconf for the 500 test only)

urlpatterns = [path("kaputt/", broken_view)]
