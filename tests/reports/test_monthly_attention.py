"""The monthly pack's PDF lists the projects that need the steering circle; CSV and Excel hold all."""

import io
import re

from openpyxl import load_workbook

from reports.builders import build_monthly_pack
from reports.periods import parse_period
from tests.reports.test_content import csv_rows, pdf_text

KFZ_REASONS = (
    "Ampel rot; Ampel verändert (schlechter); "
    "Meilenstein „Schnittstelle zum KBA“ (fällig 01.11.2026) nicht erreicht; "
    "Meilenstein „Pilot im Rhein-Neckar-Kreis“ (fällig 30.11.2026) nicht erreicht"
)
BAU_REASONS = "Meilenstein „Fachkonzept“ (fällig 15.11.2026) erst am 20.11.2026 erreicht"


def test_the_pdf_lists_only_the_projects_that_need_attention_and_points_to_the_files(dataset):
    built = build_monthly_pack(parse_period("monthly", "2026-11"))
    _reader, text = pdf_text(built.files["pdf"][1])
    flat = re.sub(r"\s+", " ", text)
    assert "Auf einen Blick" in flat
    assert "4 Projekte im Portfolio" in flat and "2 Projekte zur Beachtung" in flat
    assert "Vollständige Tabelle aller 4 Projekte in der CSV-/Excel-Datei." in flat
    # KFZ turned red, BAU reached a milestone late; MM (yellow as before, on time) and the stopped
    # project stay in the files only.
    assert "KFZ: Digitale Kfz-Zulassung" in flat and "BAU: Digitaler Bauantrag" in flat
    assert "Schnittstelle zum KBA" in flat and "erst am 20.11.2026 erreicht" in flat
    assert "Mängelmelder" not in flat and "Alte Idee" not in flat
    assert flat.index("KFZ: Digitale") < flat.index("BAU: Digitaler")  # red first


def test_csv_and_excel_hold_every_project_with_the_reason_to_look(dataset):
    built = build_monthly_pack(parse_period("monthly", "2026-11"))
    rows = csv_rows(built.files["csv"][1])
    assert [row[0] for row in rows[1:]] == ["ALT", "KFZ", "BAU", "MM"]  # by title
    reasons = {row[0]: row[-1] for row in rows[1:]}
    assert reasons == {"ALT": "", "KFZ": KFZ_REASONS, "BAU": BAU_REASONS, "MM": ""}
    sheet = load_workbook(io.BytesIO(built.files["xlsx"][1])).active
    assert sheet.title == "Portfolio"
    excel = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    assert excel == rows
    assert sheet["A1"].font.bold
