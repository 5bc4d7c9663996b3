"""The start page's parts that follow the catalogue (key figures, newest solutions and projects,
partners: transfer/views/home.py) are rendered once per catalogue version, and every change the
catalogue sees shows on the next visit, the same for visitors and signed-in people."""

import re

import pytest

from tests.conftest import login
from tests.factories import AdoptionFactory, PartnerFactory, ProjectFactory, SolutionFactory
from transfer.models import AdoptionStage, SolutionState

pytestmark = pytest.mark.django_db
HOME = "/"


def figure(page: str, label: str) -> int:
    match = re.search(r'<span class="key-figure">(\d+)</span> ' + re.escape(label), page)
    assert match, f"no key figure {label!r}"
    return int(match.group(1))


def test_a_second_visit_reads_the_parts_from_the_cache(client, django_assert_max_num_queries):
    SolutionFactory(title="Digitale Hundesteuer")
    first = client.get(HOME).content.decode()
    with django_assert_max_num_queries(3):  # meetings, networks, focus areas: not the catalogue's
        again = client.get(HOME).content.decode()
    assert "Digitale Hundesteuer" in first and "Digitale Hundesteuer" in again


def test_changes_to_the_catalogue_show_on_the_next_visit(client):
    solution = SolutionFactory(title="Digitale Hundesteuer")
    before = client.get(HOME).content.decode()
    solutions, reuses = figure(before, "Lösungen zur Nachnutzung"), figure(before, "Nachnutzungen im")

    SolutionFactory(title="Online-Gewerbeanmeldung")
    AdoptionFactory(solution=solution, stage=AdoptionStage.PRODUCTION)
    PartnerFactory(name="Gemeinde Neuhausen", slug="neuhausen")
    ProjectFactory(title="Wohngeld digital", is_public=True)
    after = client.get(HOME).content.decode()
    assert figure(after, "Lösungen zur Nachnutzung") == solutions + 1
    assert figure(after, "Nachnutzungen im") == reuses + 1
    assert "Online-Gewerbeanmeldung" in after and "Gemeinde Neuhausen" in after and "Wohngeld digital" in after

    solution.state = SolutionState.DRAFT  # withdrawn: gone from the newest at once
    solution.save()
    withdrawn = client.get(HOME).content.decode()
    assert "Digitale Hundesteuer" not in withdrawn
    assert figure(withdrawn, "Lösungen zur Nachnutzung") == solutions


def test_each_language_has_its_own_parts(client):
    SolutionFactory()
    assert "Der Kooperationsraum in Zahlen" in client.get(HOME, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Der Kooperationsraum in Zahlen" not in english and "Solutions for reuse" in english


def test_signed_in_people_see_the_same_parts_in_their_own_layout(client, secretariat):
    SolutionFactory(title="Digitale Hundesteuer")
    client.get(HOME)
    page = login(client, secretariat).get(HOME).content.decode()
    assert "Digitale Hundesteuer" in page and "Arbeitsbereich" in page
