"""Report files are opened in spreadsheet programs: text people typed must not run as a formula."""

import csv
import io

from openpyxl import load_workbook

from reports.builders import build_monthly_pack
from reports.figures import Figure, all_figures_csv
from reports.periods import parse_period


def test_monthly_pack_files_keep_a_typed_formula_as_text(dataset):
    from projects.models import Project

    Project.objects.filter(acronym="KFZ").update(title='=HYPERLINK("http://example.com","Klick")')
    built = build_monthly_pack(parse_period("monthly", "2026-11"))

    rows = list(csv.reader(io.StringIO(built.files["csv"][1].decode("utf-8-sig")), delimiter=";"))
    titles = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://example.com","Klick")' in titles
    assert not any(title.startswith("=") for title in titles)

    sheet = load_workbook(io.BytesIO(built.files["xlsx"][1])).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://example.com","Klick")' in cells


def test_figure_csv_guards_text_and_keeps_negative_numbers():
    figure = Figure(key="k", title="Saldo", columns=["Land", "Wert"], rows=[["=1+1", -3]])
    own = list(csv.reader(io.StringIO(figure.csv_text()), delimiter=";"))
    assert own[1] == ["'=1+1", "-3"]
    long_form = list(csv.reader(io.StringIO(all_figures_csv([figure])), delimiter=";"))
    assert long_form[1] == ["Saldo", "'=1+1", "Wert", "-3"]
