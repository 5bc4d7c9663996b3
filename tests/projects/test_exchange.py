"""The portfolio export (CSV, Excel) and the CSV import with its preview."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from unittest import mock

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb
from projects import resources
from projects.models import Participation, ParticipationRole, Phase, Project, TrafficLight
from tests.factories import (
    FocusAreaFactory,
    MilestoneFactory,
    PartnerFactory,
    ProjectFactory,
    StatusReportFactory,
)

pytestmark = pytest.mark.django_db

EXPORT_CSV = reverse("projects:project-export-csv")
EXPORT_XLSX = reverse("projects:project-export-xlsx")
IMPORT = reverse("projects:project-import")
PREVIEW = reverse("projects:project-import-preview")
CONFIRM = reverse("projects:project-import-confirm")

HEADER = [
    "Kürzel",
    "Titel",
    "Kurzadresse",
    "Phase",
    "Federführung",
    "Länder",
    "Arbeitsschwerpunkte",
    "Beginn",
    "Geplantes Ende",
    "Öffentlich",
    "Ampel",
    "Überfällige Meilensteine",
]
COLUMNS = "kuerzel;titel;kurzadresse;kurzbeschreibung;federfuehrung;phase;beginn;geplantes_ende;arbeitsschwerpunkte"


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="projekte-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "German Excel needs the byte order mark"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def xlsx_rows(response) -> list[list]:
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]


def exported_acronyms(client, fmt: str, params: dict) -> list[str]:
    if fmt == "csv":
        return [row[0] for row in csv_rows(client.get(EXPORT_CSV, params))[1:]]
    return [row[0] for row in xlsx_rows(client.get(EXPORT_XLSX, params))[1:]]


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


# --- import: helpers ----------------------------------------------------------------------------


def csv_file(*lines: str, encoding: str = "utf-8", name: str = "projekte.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join(lines).encode(encoding), content_type="text/csv")


def upload(client, *lines: str, **kwargs):
    return client.post(IMPORT, {"file": csv_file(*lines, **kwargs)})


def preview(client, *lines: str, **kwargs):
    response = upload(client, *lines, **kwargs)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert response["Location"] == PREVIEW
    return client.get(PREVIEW)


def confirm(client, response):
    return client.post(CONFIRM, {"token": response.context["token"]})


def form_errors(response) -> list[str]:
    assert response.status_code == 200
    return response.context["form"].errors["file"]


def refusals(response) -> dict[int, list[str]]:
    return {row.line: row.reasons for row in response.context["preview"].rows if not row.valid}


@pytest.fixture
def areas(db):
    return [
        FocusAreaFactory(name="Mobile Verwaltung", slug="mobile-verwaltung"),
        FocusAreaFactory(name="Offene Daten", slug="offene-daten"),
    ]


GOOD = [
    COLUMNS,
    "MM;Mängelmelder;maengelmelder;Schäden mobil melden.;bw;Konzept;01.03.2026;31.12.2027;"
    "mobile-verwaltung|offene-daten",
    "BHH;Bürgerhaushalt;;Haushalt mit Beteiligung.;Hessen;pilot;2026-04-01;;",
]


# --- import: the good path ----------------------------------------------------------------------


def test_good_rows_are_previewed_and_then_created_with_lead_and_audit(
    secretariat_client,
    secretariat,
    land_bw,
    land_he,
    areas,
):
    response = preview(secretariat_client, *GOOD)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("wird angelegt") == 2
    assert "2 Projekte werden angelegt" in content and "0 Zeilen werden nicht angelegt" in content
    assert "Jetzt importieren" in content
    assert not Project.objects.exists(), "the preview saves nothing"
    assert not AuditEvent.objects.exists()

    response = confirm(secretariat_client, response)
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project-list")
    mm, bhh = Project.objects.get(acronym="MM"), Project.objects.get(acronym="BHH")
    assert (mm.title, mm.slug, mm.phase, mm.lead_partner) == ("Mängelmelder", "maengelmelder", Phase.CONCEPT, land_bw)
    assert (mm.start_date, mm.planned_end_date) == (date(2026, 3, 1), date(2027, 12, 31))
    assert set(mm.focus_areas.all()) == set(areas)
    assert (bhh.slug, bhh.phase, bhh.lead_partner, bhh.start_date) == ("bhh", Phase.PILOT, land_he, date(2026, 4, 1))
    for project in (mm, bhh):
        assert Participation.objects.get(project=project).role == ParticipationRole.LEAD
    created = AuditEvent.objects.filter(verb=AuditVerb.PROJECT_CREATED)
    assert {event.target_id for event in created} == {str(mm.pk), str(bhh.pk)}
    imported = AuditEvent.objects.get(verb=AuditVerb.PROJECTS_IMPORTED)
    assert imported.actor == secretariat
    assert imported.payload == {"count": 2, "file": "projekte.csv", "acronyms": ["MM", "BHH"]}
    follow = secretariat_client.get(response["Location"])
    assert "2 Projekte wurden angelegt." in [str(message) for message in follow.context["messages"]]
    assert secretariat_client.post(CONFIRM, {"token": "x"}).status_code == 302  # the stash is gone
    assert Project.objects.count() == 2


def test_comma_delimiter_bom_and_german_headers_are_understood(secretariat_client, land_bw):
    response = preview(
        secretariat_client,
        "\ufeffKürzel,Titel,Kurzbeschreibung,Federführung,Geplantes Ende",
        'EA,"E-Akte, landesweit",Die elektronische Akte.,Baden-Württemberg,31.12.2028',
    )
    assert refusals(response) == {}
    confirm(secretariat_client, response)
    project = Project.objects.get()
    assert (project.title, project.slug, project.phase, project.planned_end_date) == (
        "E-Akte, landesweit",
        "ea",
        Phase.IDEA,
        date(2028, 12, 31),
    )


# --- import: refused rows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("X1;Titel;x1;Text;unbekannt;;;;", "Spalte „federfuehrung“: Der Partner „unbekannt“ ist unbekannt"),
        (
            "X1;Titel;x1;Text;bw;Planung;;;",
            "Spalte „phase“: Die Phase „Planung“ ist unbekannt; möglich sind: Idee, Konzept",
        ),
        (
            "X1;Titel;x1;Text;bw;;;;mobile-verwaltung|gibts-nicht",
            "Spalte „arbeitsschwerpunkte“: Unbekannte Arbeitsschwerpunkte: „gibts-nicht“",
        ),
        (
            "X1;Titel;x1;Text;bw;;01.02.2026;01.01.2026;",
            "Spalte „geplantes_ende“: Das geplante Ende (01.01.2026) liegt vor dem Beginn (01.02.2026).",
        ),
        ("X1;Titel;x1;Text;bw;;31.02.2026;;", "Spalte „beginn“: „31.02.2026“ ist kein gültiges Datum"),
        ("X1;;x1;Text;bw;;;;", "Spalte „titel“: Titel fehlt."),
        (";Titel;x1;Text;bw;;;;", "Spalte „kuerzel“: Kürzel fehlt."),
        ("X1;Titel;x1;Text;;;;;", "Spalte „federfuehrung“: Federführung fehlt."),
        ("X1;Titel;x1;;bw;;;;", "Spalte „kurzbeschreibung“: Kurzbeschreibung fehlt."),
        (
            "X1;Titel;x1;" + "K" * 601 + ";bw;;;;",
            "Spalte „kurzbeschreibung“: Die Kurzbeschreibung hat 601 Zeichen; erlaubt sind höchstens 600.",
        ),
        (
            "X1;Titel;import;Text;bw;;;;",
            "Spalte „kurzadresse“: Die Kurzadresse „import“ ist für das Portal reserviert.",
        ),
        ("X1;Titel;Kein Slug!;Text;bw;;;;", "Spalte „kurzadresse“: "),
        ("X1;" + "T" * 201 + ";x1;Text;bw;;;;", "Spalte „titel“: "),
        (
            "kfz-alt;Titel;x1;Text;bw;;;;",
            "Spalte „kuerzel“: Das Kürzel „kfz-alt“ ist bereits an ein bestehendes Projekt vergeben.",
        ),
        (
            "X1;Titel;kfz-alt;Text;bw;;;;",
            "Spalte „kurzadresse“: Die Kurzadresse „kfz-alt“ ist bereits an ein bestehendes Projekt vergeben.",
        ),
    ],
)
def test_bad_rows_are_listed_with_a_german_reason_and_not_created(secretariat_client, land_bw, areas, row, reason):
    ProjectFactory(acronym="KFZ-ALT", slug="kfz-alt")
    response = preview(secretariat_client, COLUMNS, row, "OK;Gut;gut;Text;bw;;;;")
    refused = refusals(response)
    assert list(refused) == [2]
    [text] = refused[2]  # one problem, told once (not again by the model's own checks)
    assert text.startswith(reason)
    content = response.content.decode()
    assert "wird nicht angelegt" in content and "1 Zeile wird nicht angelegt" in content
    assert 'role="alert"' in content

    confirm(secretariat_client, response)
    assert set(Project.objects.values_list("acronym", flat=True)) == {"KFZ-ALT", "OK"}


def test_duplicates_within_the_file_name_the_first_line(secretariat_client, land_bw):
    response = preview(
        secretariat_client,
        COLUMNS,
        "AB;Eins;eins;Text;bw;;;;",
        "",  # blank lines are skipped, but line numbers stay those of the file
        "ab;Zwei;zwei;Text;bw;;;;",
        "CD;Drei;eins;Text;bw;;;;",
    )
    assert refusals(response) == {
        4: ["Spalte „kuerzel“: Das Kürzel „ab“ steht bereits in Zeile 2 dieser Datei."],
        5: ["Spalte „kurzadresse“: Die Kurzadresse „eins“ steht bereits in Zeile 2 dieser Datei."],
    }
    confirm(secretariat_client, response)
    assert list(Project.objects.values_list("acronym", flat=True)) == ["AB"]


def test_every_problem_of_a_row_is_listed(secretariat_client, land_bw):
    response = preview(secretariat_client, COLUMNS, "Z;;z;Text;niemand;Planung;gestern;;")
    assert len(refusals(response)[2]) == 4


# --- import: refused files ----------------------------------------------------------------------


def test_a_file_in_another_encoding_is_refused_with_a_clear_message(secretariat_client, land_bw):
    response = upload(secretariat_client, COLUMNS, "MM;Mängelmelder;mm;Schäden melden;bw;;;;", encoding="cp1252")
    [message] = form_errors(response)
    assert "nicht UTF-8-kodiert" in message and "Zeile 2" in message and "CSV UTF-8" in message
    assert 'role="alert"' in response.content.decode()
    assert "projects.import" not in secretariat_client.session


def test_missing_required_columns_are_named(secretariat_client):
    response = upload(secretariat_client, "kuerzel;kurzadresse;kurzbeschreibung", "A;a;Text")
    [message] = form_errors(response)
    assert message.startswith("In der Kopfzeile fehlen Pflichtspalten: titel, federfuehrung.")


def test_an_oversized_file_is_refused(secretariat_client):
    big = COLUMNS + "\n" + "x" * (2 * 1024 * 1024)
    response = secretariat_client.post(IMPORT, {"file": SimpleUploadedFile("gross.csv", big.encode())})
    [message] = form_errors(response)
    assert "erlaubt sind höchstens 2 MB" in message


@pytest.mark.parametrize(
    ("lines", "name", "expected"),
    [
        ([COLUMNS, "A;B;c;D;bw;;;;"], "projekte.xlsx", "Bitte laden Sie eine CSV-Datei hoch"),
        ([COLUMNS], "projekte.csv", "nur die Kopfzeile"),
        ([COLUMNS, "A;B;c;D;bw;;;;;;zu viel"], "projekte.csv", "Zeile 2 hat 11 Spalten, die Kopfzeile aber nur 9"),
    ],
)
def test_other_broken_files_are_explained(secretariat_client, lines, name, expected):
    [message] = form_errors(upload(secretariat_client, *lines, name=name))
    assert expected in message


def test_uploads_stay_in_memory(secretariat_client, land_bw, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django would otherwise write a temporary file
    with mock.patch(
        "django.core.files.uploadhandler.TemporaryFileUploadHandler.new_file",
        side_effect=AssertionError("written to disk"),
    ):
        response = preview(secretariat_client, *GOOD[:2])
    assert response.status_code == 200


# --- import: who, and the confirmation ----------------------------------------------------------


@pytest.mark.parametrize(("method", "url"), [("get", IMPORT), ("post", IMPORT), ("get", PREVIEW), ("post", CONFIRM)])
def test_import_is_for_the_secretariat_only(client, request, project, project_lead, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for person in (project_lead, request.getfixturevalue("outsider"), request.getfixturevalue("cio_bw")):
        client.force_login(person)
        assert getattr(client, method)(url).status_code == 403


def test_the_form_page_is_accessible(secretariat_client):
    content = secretariat_client.get(IMPORT).content.decode()
    assert content.count("<h1") == 1
    assert re.search(r'<label[^>]*\bfor="id_file"', content)
    assert reverse("projects:project-list") in content


def test_confirm_without_a_preview_redirects_with_a_message(secretariat_client):
    response = secretariat_client.post(CONFIRM, {"token": "geraten"}, follow=True)
    assert response.redirect_chain == [(IMPORT, 302)]
    assert "Es liegt keine geprüfte Datei vor" in response.content.decode()
    assert secretariat_client.get(CONFIRM).status_code == 405
    assert not AuditEvent.objects.exists()


def test_preview_without_an_upload_redirects(secretariat_client):
    response = secretariat_client.get(PREVIEW)
    assert response.status_code == 302 and response["Location"] == IMPORT


def test_confirm_with_a_wrong_token_creates_nothing(secretariat_client, land_bw, land_he, areas):
    preview(secretariat_client, *GOOD)
    response = secretariat_client.post(CONFIRM, {"token": "falsch"})
    assert response["Location"] == IMPORT
    assert not Project.objects.exists()


def test_a_row_that_became_a_duplicate_rolls_back_the_whole_import(secretariat_client, land_bw, land_he, areas):
    response = preview(secretariat_client, *GOOD)
    ProjectFactory(acronym="bhh", slug="inzwischen")  # someone was faster
    response = confirm(secretariat_client, response)
    assert response["Location"] == PREVIEW
    assert list(Project.objects.values_list("acronym", flat=True)) == ["bhh"]
    assert not AuditEvent.objects.exists()
    follow = secretariat_client.get(PREVIEW)
    [message] = [str(message) for message in follow.context["messages"]]
    assert message.startswith("Seit der Vorschau hat sich etwas geändert, darum wurde nichts importiert.")
    assert "Zeile 3: Spalte „kuerzel“: Das Kürzel „BHH“ ist bereits an ein bestehendes Projekt vergeben." in message
    assert refusals(follow) == {
        3: ["Spalte „kuerzel“: Das Kürzel „BHH“ ist bereits an ein bestehendes Projekt vergeben."]
    }


def test_a_failure_while_saving_rolls_back_the_projects_already_created(
    secretariat_client,
    land_bw,
    land_he,
    areas,
):
    response = preview(secretariat_client, *GOOD)
    real_create = resources.project_create
    calls = []

    def failing_second(**kwargs):
        calls.append(kwargs["project"].acronym)
        if len(calls) == 2:
            raise RuntimeError("Datenbank weg")
        return real_create(**kwargs)

    with mock.patch.object(resources, "project_create", side_effect=failing_second):
        response = confirm(secretariat_client, response)
    assert calls == ["MM", "BHH"]
    assert response["Location"] == PREVIEW
    assert not Project.objects.exists(), "the first project was rolled back with the second"
    assert not AuditEvent.objects.exists()


def test_a_row_that_became_valid_also_stops_the_import(secretariat_client, land_bw):
    response = preview(secretariat_client, COLUMNS, "A;Eins;a;Text;bw;;;;", "B;Zwei;b;Text;neu;;;;")
    assert list(refusals(response)) == [3]
    PartnerFactory(slug="neu", name="Neuer Partner")
    confirm(secretariat_client, response)
    assert not Project.objects.exists(), "the preview promised one project, not two"
