"""What the portfolio export and import tests share: addresses, the header, reading files, uploading a CSV."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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


GOOD = [
    COLUMNS,
    "MM;Mängelmelder;maengelmelder;Schäden mobil melden.;bw;Konzept;01.03.2026;31.12.2027;"
    "mobile-verwaltung|offene-daten",
    "BHH;Bürgerhaushalt;;Haushalt mit Beteiligung.;Hessen;pilot;2026-04-01;;",
]
