"""The portfolio export (CSV, Excel): content, filters, formula guard, who may, query counts."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Participation, ParticipationRole, Phase, Project, TrafficLight
from tests.factories import FocusAreaFactory, MilestoneFactory, ProjectFactory, StatusReportFactory
from tests.projects.exchange.helpers import (
    EXPORT_CSV,
    EXPORT_XLSX,
    HEADER,
    csv_rows,
    exported_acronyms,
    xlsx_rows,
    xlsx_sheet,
)

pytestmark = pytest.mark.django_db


# --- export: content -----------------------------------------------------------------------------


@pytest.fixture
def portfolio(land_bw, land_he, mrn):
    """Alpha (BW, red, overdue), Beta (HE, pilot, public), Gamma (MRN, idea)."""
    mobile = FocusAreaFactory(name="Mobile Verwaltung", slug="mobile-verwaltung", position=1)
    data = FocusAreaFactory(name="Offene Daten", slug="offene-daten", position=2)
    alpha = ProjectFactory(
        acronym="ALPHA",
        title="Alpha",
        slug="alpha",
        lead_partner=land_bw,
        phase=Phase.CONCEPT,
        start_date=date(2026, 1, 15),
        planned_end_date=date(2027, 6, 30),
    )
    alpha.focus_areas.set([data, mobile])
    Participation.objects.create(project=alpha, partner=land_he, role=ParticipationRole.PARTNER)
    StatusReportFactory(project=alpha, budget=TrafficLight.RED, schedule=TrafficLight.YELLOW)
    MilestoneFactory(project=alpha, due_on=timezone.localdate() - timedelta(days=3))
    beta = ProjectFactory(
        acronym="BETA",
        title="Beta",
        slug="beta",
        lead_partner=land_he,
        phase=Phase.PILOT,
        is_public=True,
        start_date=None,
        planned_end_date=None,
    )
    StatusReportFactory(project=beta)
    gamma = ProjectFactory(acronym="GAMMA", title="Gamma Kfz", slug="gamma", lead_partner=mrn, phase=Phase.IDEA)
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "mobile": mobile}


def test_csv_export_has_the_german_header_and_readable_values(secretariat_client, portfolio):
    rows = csv_rows(secretariat_client.get(EXPORT_CSV))
    assert rows[0] == HEADER
    assert rows[1] == [
        "ALPHA",
        "Alpha",
        "alpha",
        "Konzept",
        "Baden-Württemberg",
        "Baden-Württemberg, Hessen",
        "Mobile Verwaltung, Offene Daten",
        "15.01.2026",
        "30.06.2027",
        "nein",
        "kritisch",
        "1",
    ]
    assert rows[2] == ["BETA", "Beta", "beta", "Erprobung", "Hessen", "Hessen", "", "", "", "ja", "im Plan", "0"]
    assert rows[3][:5] == ["GAMMA", "Gamma Kfz", "gamma", "Idee", "Metropolregion Rhein-Neckar GmbH"]
    assert rows[3][10] == ""  # no status report yet


def test_xlsx_export_has_the_same_columns_with_typed_cells(secretariat_client, portfolio):
    rows = xlsx_rows(secretariat_client.get(EXPORT_XLSX))
    assert rows[0] == HEADER
    alpha = rows[1]
    assert alpha[:7] == [
        "ALPHA",
        "Alpha",
        "alpha",
        "Konzept",
        "Baden-Württemberg",
        "Baden-Württemberg, Hessen",
        "Mobile Verwaltung, Offene Daten",
    ]
    assert alpha[7] == datetime(2026, 1, 15) and alpha[8] == datetime(2027, 6, 30)  # real dates
    assert alpha[9:] == ["nein", "kritisch", 1]
    assert [row[0] for row in rows[1:]] == ["ALPHA", "BETA", "GAMMA"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["ALPHA", "BETA", "GAMMA"]),
        ({"phase": "pilot"}, ["BETA"]),
        ({"land": "HE"}, ["ALPHA", "BETA"]),
        ({"lead_partner": "land_bw"}, ["ALPHA"]),
        ({"focus_area": "mobile"}, ["ALPHA"]),
        ({"light": "red"}, ["ALPHA"]),
        ({"light": "green"}, ["BETA"]),
        ({"overdue": "on"}, ["ALPHA"]),
        ({"q": "kfz"}, ["GAMMA"]),
        ({"sort": "-title"}, ["GAMMA", "BETA", "ALPHA"]),
        ({"phase": "pilot", "q": "alpha"}, []),
        # Invalid values are ignored, never an error.
        (
            {"phase": "unbekannt", "lead_partner": "999999", "focus_area": "x", "light": "lila", "sort": "nix"},
            ["ALPHA", "BETA", "GAMMA"],
        ),
    ],
)
def test_export_mirrors_the_list_filters(secretariat_client, portfolio, land_bw, fmt, params, expected):
    values = {"land_bw": str(land_bw.pk), "mobile": str(portfolio["mobile"].pk)}
    params = {key: values.get(value, value) for key, value in params.items()}
    assert exported_acronyms(secretariat_client, fmt, params) == expected


def test_formula_guard_in_both_formats(secretariat_client, land_bw):
    ProjectFactory(acronym="@SUM", title='=HYPERLINK("http://evil.example","klick")', lead_partner=land_bw)
    row = csv_rows(secretariat_client.get(EXPORT_CSV))[1]
    assert row[0] == "'@SUM"
    assert row[1] == '\'=HYPERLINK("http://evil.example","klick")'
    sheet = xlsx_sheet(secretariat_client.get(EXPORT_XLSX))
    assert sheet["B2"].data_type == "s"  # text, not a formula
    assert sheet["B2"].value.startswith("'=")


# --- export: who --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [EXPORT_CSV, EXPORT_XLSX])
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [EXPORT_CSV, EXPORT_XLSX])
@pytest.mark.parametrize("person", ["outsider", "cio_bw", "steering_member"])
def test_people_without_projects_are_refused(client, request, project, url, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_project_team_member_exports_only_their_own_projects(client, project, project_lead, fmt):
    ProjectFactory(acronym="FREMD")
    client.force_login(project_lead)
    assert exported_acronyms(client, fmt, {}) == [project.acronym]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_secretariat_exports_the_whole_portfolio(secretariat_client, project, fmt):
    ProjectFactory(acronym="ZWEI")
    assert sorted(exported_acronyms(secretariat_client, fmt, {})) == sorted([project.acronym, "ZWEI"])


def _export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [EXPORT_CSV, EXPORT_XLSX])
def test_query_count_does_not_grow_with_the_rows(secretariat_client, land_he, url):
    areas = [FocusAreaFactory(), FocusAreaFactory()]

    def add(count: int) -> None:
        for _ in range(count):
            project = ProjectFactory()
            project.focus_areas.set(areas)
            Participation.objects.create(project=project, partner=land_he)
            StatusReportFactory(project=project)

    add(5)
    few = _export_queries(secretariat_client, url)
    add(95)
    assert Project.objects.count() == 100
    many = _export_queries(secretariat_client, url)
    assert few == many
    assert many <= 8  # session, user, roles, projects, focus areas, participations, and room for two
