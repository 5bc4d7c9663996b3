"""Importing projects from a CSV file: read it, check every row (the preview), then create exactly
the rows the preview showed as valid, all or nothing."""

import codecs
import csv
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.results import RowResult

from governance.models import AuditVerb
from governance.services.audit import audit_record
from projects.models import Project
from projects.permissions import may_manage_portfolio
from projects.resources import IMPORT_COLUMNS, REQUIRED_COLUMNS, ProjectImportResource, row_reasons

logger = logging.getLogger(__name__)

MAX_IMPORT_BYTES = 2 * 1024 * 1024
# One preview page and one transaction; larger portfolios are imported in several files.
MAX_IMPORT_ROWS = 1000
DELIMITERS = (";", ",")
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass
class ImportFile:
    """The file's rows as a tablib dataset, with the line each row starts on."""

    dataset: tablib.Dataset
    lines: list[int]
    unknown_columns: list[str] = field(default_factory=list)


@dataclass
class ImportRow:
    line: int
    acronym: str
    title: str
    lead_partner: str
    reasons: list[str]

    @property
    def valid(self) -> bool:
        return not self.reasons


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    unknown_columns: list[str]

    @property
    def valid_lines(self) -> list[int]:
        return [row.line for row in self.rows if row.valid]

    @property
    def to_create(self) -> int:
        return len(self.valid_lines)

    @property
    def refused(self) -> int:
        return len(self.rows) - self.to_create


def import_decode(content: bytes) -> str:
    """The file as text; anything but UTF-8 is refused with a message that says how to fix it."""
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ValidationError(
            _(
                "Die Datei ist nicht UTF-8-kodiert: Zeile %(line)s enthält Zeichen, die in UTF-8 ungültig "
                "sind (etwa Umlaute aus einer Datei im Format „CSV (Trennzeichen-getrennt)“, also "
                "Windows-1252). Bitte speichern Sie die Datei als „CSV UTF-8“ und laden Sie sie erneut hoch."
            )
            % {"line": line},
            code="encoding",
        ) from None
    if "\x00" in text:
        raise ValidationError(_("Die Datei enthält Binärdaten und ist keine CSV-Datei."), code="binary")
    if not text.strip():
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    return text


def normalize_column(name: str) -> str:
    """ "Geplantes Ende", "geplantes_ende" and "Kürzel"/"kuerzel" name the same column."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower().translate(UMLAUTS))


def _header(cells: list[str]) -> list[str]:
    header = [normalize_column(cell) for cell in cells]
    doubled = sorted({column for column in header if column and header.count(column) > 1})
    if doubled:
        raise ValidationError(
            _("Die Kopfzeile nennt diese Spalten mehrfach: %(columns)s.") % {"columns": ", ".join(doubled)},
            code="columns",
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _(
                "In der Kopfzeile fehlen Pflichtspalten: %(missing)s. Erwartet werden die Spalten "
                "%(expected)s, getrennt durch Semikolon oder Komma."
            )
            % {"missing": ", ".join(missing), "expected": ";".join(IMPORT_COLUMNS)},
            code="columns",
        )
    return header


def import_read(text: str) -> ImportFile:
    """Parse the CSV (semicolon or comma, recognised from the header line) into a dataset."""
    first_line = text.lstrip("\ufeff").splitlines()[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows, lines = [], []
    try:
        header = _header(next(reader))
        width, line = len(header), reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue
            if len(cells) > width:
                if any(cells[width:]):
                    raise ValidationError(
                        _(
                            "Zeile %(line)s hat %(count)s Spalten, die Kopfzeile aber nur %(width)s. Bitte "
                            "prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile."
                        )
                        % {"line": start, "count": len(cells), "width": width},
                        code="width",
                    )
                cells = cells[:width]
            rows.append(cells + [""] * (width - len(cells)))
            lines.append(start)
    except csv.Error as error:
        raise ValidationError(
            _("Die Datei lässt sich ab Zeile %(line)s nicht als CSV lesen (%(error)s).")
            % {"line": reader.line_num, "error": error},
            code="csv",
        ) from None
    if not rows:
        raise ValidationError(_("Die Datei enthält nur die Kopfzeile, aber keine Projekte."), code="empty")
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(
            _(
                "Die Datei enthält %(count)s Projekte; höchstens %(max)s lassen sich auf einmal importieren. "
                "Bitte teilen Sie die Datei auf."
            )
            % {"count": len(rows), "max": MAX_IMPORT_ROWS},
            code="rows",
        )
    unknown = [column for column in header if column and column not in IMPORT_COLUMNS]
    return ImportFile(tablib.Dataset(*rows, headers=header), lines, unknown)


def _check(import_file: ImportFile, *, dry_run: bool, actor=None, request=None) -> tuple[list[ImportRow], list]:
    """Run the resource over every row; without dry_run, valid rows are created."""
    resource = ProjectImportResource(lines=import_file.lines, actor=actor, request=request)
    result = resource.import_data(import_file.dataset, dry_run=dry_run, raise_errors=False, use_transactions=True)
    if result.base_errors:
        raise result.base_errors[0].error
    rows, created = [], []
    for line, values, row_result in zip(import_file.lines, import_file.dataset.dict, result.rows, strict=True):
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            reasons = []
            created.append(row_result.instance)
        elif row_result.validation_error is not None:
            reasons = row_reasons(row_result.validation_error)
        else:
            for error in row_result.errors:
                logger.error("Project import failed in line %s", line, exc_info=error.error)
            reasons = [_("Die Zeile konnte wegen eines unerwarteten Fehlers nicht geprüft werden.")]
        rows.append(
            ImportRow(
                line, values.get("kuerzel", ""), values.get("titel", ""), values.get("federfuehrung", ""), reasons
            )
        )
    return rows, created


def project_import_preview(*, import_file: ImportFile) -> ImportPreview:
    """What a confirmed import would do, row by row; nothing is saved."""
    rows, _created = _check(import_file, dry_run=True)
    return ImportPreview(rows, import_file.unknown_columns)


def _changes(rows: list[ImportRow], expected: set[int]) -> str:
    details = []
    for row in rows:
        if row.line in expected and not row.valid:
            details.append(_("Zeile %(line)s: %(reasons)s") % {"line": row.line, "reasons": " ".join(row.reasons)})
        elif row.line not in expected and row.valid:
            details.append(
                _("Zeile %(line)s ließe sich jetzt anlegen, war in der Vorschau aber abgelehnt.") % {"line": row.line}
            )
    return " ".join(details)


@transaction.atomic
def project_import(
    *, import_file: ImportFile, expected_lines: Sequence[int], actor, request=None, filename: str = ""
) -> list[Project]:
    """Create the rows the preview showed as valid, each through `project_create`, and record the
    import. If the outcome differs from the preview in any row, nothing is created."""
    if not may_manage_portfolio(actor):
        raise PermissionDenied(_("Nur die Geschäftsstelle darf Projekte importieren."))
    if not expected_lines:
        raise ValidationError(
            _("Keine Zeile der Datei kann angelegt werden; es wurde nichts importiert."), code="nothing"
        )
    rows, created = _check(import_file, dry_run=False, actor=actor, request=request)
    if [row.line for row in rows if row.valid] != list(expected_lines):
        # Leaving by exception rolls back every project created above.
        raise ValidationError(
            _(
                "Seit der Vorschau hat sich etwas geändert, darum wurde nichts importiert. %(details)s "
                "Bitte prüfen Sie die aktualisierte Vorschau."
            )
            % {"details": _changes(rows, set(expected_lines))},
            code="changed",
        )
    audit_record(
        verb=AuditVerb.PROJECTS_IMPORTED,
        actor=actor,
        request=request,
        payload={"count": len(created), "file": filename, "acronyms": [project.acronym for project in created]},
    )
    return created


def import_summary(count: int) -> str:
    return ngettext("%(count)s Projekt wurde angelegt.", "%(count)s Projekte wurden angelegt.", count) % {
        "count": count
    }
