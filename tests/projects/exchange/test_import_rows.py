"""The CSV import: the good path and refused rows."""

from datetime import date

import pytest
from django.urls import reverse

from governance.models import AuditEvent, AuditVerb
from projects.models import Participation, ParticipationRole, Phase, Project
from tests.factories import ProjectFactory
from tests.projects.exchange.helpers import COLUMNS, CONFIRM, GOOD, confirm, preview, refusals

pytestmark = pytest.mark.django_db


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
