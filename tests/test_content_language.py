"""Entered content is German: on the English interface it carries lang="de" (WCAG 2.1 SC 3.1.2),
on the German one no element repeats the page language."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    AdoptionFactory,
    ContributionFactory,
    FocusAreaFactory,
    MilestoneFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProjectFactory,
    ServiceCoverageFactory,
    SolutionFactory,
    StatusReportFactory,
)
from transfer.models import AdoptionStage

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

PARTNER = "Stadt Mannheim"
PARTNER_TEXT = "Die Stadt erprobt neue Verfahren im Reallabor."
NETWORK = "Verbund Rhein-Neckar"
AREA = "Digitale Daseinsvorsorge"
PROJECT = "Digitale Zulassung im Kreis"
SUMMARY = "Fahrzeuge kreisübergreifend online zulassen."
DESCRIPTION = "Die Zulassungsstellen arbeiten künftig mit einem gemeinsamen Verfahren."
SOLUTION = "Mängelmelder Rhein-Neckar"
SHORT = "Schäden im öffentlichen Raum per App melden."
PROBLEM = "Bürgerinnen und Bürger melden Schlaglöcher bisher per Telefon."
TARGET_GROUP = "Städte und Gemeinden"
ADOPTER = "Stadt Heidelberg"
SERVICE = "Mängelmeldung im öffentlichen Raum"
MILESTONE = "Pilotbetrieb im Kreis gestartet"
REPORT = "Die Erprobung verläuft nach Plan."
CONTRIBUTION = "Fachliche Begleitung der Erprobung"


class _TextLanguages(HTMLParser):
    """Collects, for each text node of the body, the language in effect (the nearest lang)."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        # The <title> cannot hold a lang of its own; form widgets (<option>) are not marked up.
        if "body" not in tags or "option" in tags or not data.strip():
            return
        language = next((lang for _, lang in reversed(self.stack) if lang is not None), None)
        self.texts.append((data.strip(), language))


def languages_of(html: str, text: str) -> set[str | None]:
    """The languages in effect wherever a text node of the body reads exactly `text`."""
    parser = _TextLanguages()
    parser.feed(html)
    return {language for data, language in parser.texts if data == text}


def page(client: Client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def content(db):
    """German entered content on every public page: partner, network, project, solution."""
    partner = PartnerFactory(name=PARTNER, slug="mannheim", description=PARTNER_TEXT)
    NetworkMembershipFactory(network=NetworkFactory(name=NETWORK), partner=partner)
    area = FocusAreaFactory(name=AREA)
    project = ProjectFactory(
        title=PROJECT, slug="zulassung", summary=SUMMARY, description=DESCRIPTION, lead_partner=partner, is_public=True
    )
    project.focus_areas.add(area)
    solution = SolutionFactory(
        title=SOLUTION,
        slug="maengelmelder",
        short_description=SHORT,
        problem=PROBLEM,
        target_group=TARGET_GROUP,
        project=project,
    )
    solution.partners.add(partner)
    solution.focus_areas.add(area)
    ServiceCoverageFactory(solution=solution, name=SERVICE)
    AdoptionFactory(solution=solution, organisation=ADOPTER, stage=AdoptionStage.PRODUCTION)
    MilestoneFactory(project=project, title=MILESTONE)
    StatusReportFactory(project=project, text=REPORT)
    ContributionFactory(project=project, partner=partner, description=CONTRIBUTION)
    return {"partner": partner, "project": project, "solution": solution}


PAGES = {
    "home": (lambda c: reverse("home"), [NETWORK, AREA, PARTNER]),
    "catalogue": (lambda c: reverse("transfer:solution-list"), [SOLUTION, SHORT, AREA, PARTNER]),
    "solution": (
        lambda c: reverse("transfer:solution-detail", args=[c["solution"].slug]),
        [SOLUTION, SHORT, PROBLEM, TARGET_GROUP, AREA, PARTNER, PROJECT, SERVICE, ADOPTER],
    ),
    "public project": (
        lambda c: reverse("transfer:project-detail", args=[c["project"].slug]),
        [PROJECT, SUMMARY, DESCRIPTION, AREA, PARTNER, SOLUTION, SHORT],
    ),
    "project list": (lambda c: reverse("transfer:project-list"), [PROJECT, SUMMARY, AREA, PARTNER]),
    "partner": (
        lambda c: reverse("transfer:partner-detail", args=[c["partner"].slug]),
        [PARTNER, PARTNER_TEXT, NETWORK, PROJECT, SOLUTION, SHORT],
    ),
    "partner list": (lambda c: reverse("transfer:partner-list"), [PARTNER, NETWORK]),
}
WORKSPACE_PAGES = {
    "portfolio": (lambda c: reverse("projects:project-list"), [PROJECT, PARTNER, AREA]),
    "workspace project": (
        lambda c: reverse("projects:project-detail", args=[c["project"].slug]),
        [PROJECT, SUMMARY, DESCRIPTION, AREA, PARTNER, MILESTONE, REPORT, CONTRIBUTION],
    ),
}


def check_english(html: str, texts: list[str]) -> None:
    assert '<html lang="en">' in html
    for text in texts:
        languages = languages_of(html, text)
        assert languages, f"{text!r} not on the page"
        assert languages == {"de"}, f"{text!r} is read as {languages}"


def check_german(html: str, texts: list[str]) -> None:
    assert '<html lang="de">' in html
    assert html.count('lang="de"') == 1, 'lang="de" repeated inside a German page'
    for text in texts:
        assert languages_of(html, text) == {"de"}, f"{text!r} not on the page"


@pytest.mark.parametrize("name", PAGES)
def test_public_page_marks_content_german_on_english_interface(client, content, name):
    url, texts = PAGES[name]
    check_english(page(client, url(content), "en"), texts)


@pytest.mark.parametrize("name", PAGES)
def test_public_page_in_german_has_no_extra_lang(client, content, name):
    url, texts = PAGES[name]
    check_german(page(client, url(content), "de"), texts)


@pytest.mark.parametrize("name", WORKSPACE_PAGES)
def test_workspace_page_marks_content_german_on_english_interface(client, content, secretariat, name):
    client.force_login(secretariat)
    url, texts = WORKSPACE_PAGES[name]
    check_english(page(client, url(content), "en"), texts)


@pytest.mark.parametrize("name", WORKSPACE_PAGES)
def test_workspace_page_in_german_has_no_extra_lang(client, content, secretariat, name):
    client.force_login(secretariat)
    url, texts = WORKSPACE_PAGES[name]
    check_german(page(client, url(content), "de"), texts)


@pytest.mark.parametrize(("language", "expected"), [("en", ' lang="de"'), ("de", "")])
def test_content_lang_tag(language, expected):
    with translation.override(language):
        assert Template("{% load portal %}{% content_lang %}").render(Context()) == expected
