"""The CSV import: refused files, who may import, and the confirmation that rolls back as a whole."""

import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import AuditEvent
from projects import resources
from projects.models import Project
from tests.factories import PartnerFactory, ProjectFactory
from tests.projects.exchange.helpers import (
    COLUMNS,
    CONFIRM,
    GOOD,
    IMPORT,
    PREVIEW,
    confirm,
    form_errors,
    preview,
    refusals,
    upload,
)

pytestmark = pytest.mark.django_db


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
