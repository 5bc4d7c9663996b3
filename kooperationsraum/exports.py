"""Spreadsheet exports shared by all apps: streamed CSV for German Excel, and the formula guard.

German Excel opens a CSV by double click only if it starts with a UTF-8 byte order mark and uses
semicolons; every cell passes the formula guard, because a spreadsheet runs a cell such as
`=HYPERLINK(...)` as soon as someone opens the file (CSV injection).
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone, translation

# Spreadsheets run a cell starting with one of these as a formula (CSV injection); a leading
# apostrophe makes it text. Tab and carriage return can smuggle such a start in as well.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
BOM = "\ufeff"


class Echo:
    """csv.writer writes to this and gets each formatted line back, ready to stream."""

    def write(self, value: str) -> str:
        return value


def csv_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_STARTS) else text


def csv_text_safe(value: Any) -> Any:
    """The formula guard for tables that keep their numbers typed: only text can smuggle in a
    formula, so a negative number stays a number."""
    return csv_safe(value) if isinstance(value, str) else value


def csv_cell(value: Any) -> str:
    """One cell as German Excel reads it: dates as TT.MM.JJJJ, then the formula guard."""
    if isinstance(value, datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%d.%m.%Y %H:%M")
    elif isinstance(value, date):
        value = value.strftime("%d.%m.%Y")
    return csv_safe(value)


def xlsx_safe(value: Any) -> Any:
    """The formula guard for .xlsx: typed cells (numbers, dates) are safe, and openpyxl stores a
    text as a formula only when it starts with "=", so only that gets the apostrophe."""
    if isinstance(value, str) and value.startswith("="):
        return f"'{value}"
    return value


def csv_lines(header: list[Any], rows: Iterable[list[Any]], *, language: str) -> Iterator[str]:
    """A CSV file line by line: BOM, semicolons, every cell through `csv_cell`.

    The response is streamed after the view has returned, so the request's language is kept
    explicitly for lazily translated headers and labels.
    """
    writer = csv.writer(Echo(), delimiter=CSV_DELIMITER)
    with translation.override(language):
        yield BOM + writer.writerow([csv_cell(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_cell(cell) for cell in row])


def csv_response(lines: Iterable[str], *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
