"""Building a report: figures from the selectors → HTML → PDF, CSV, Excel. No side effects.

The worker, the command and the workspace all call `build_report`; `build_monthly_pack` is the
plain function `make bench` times.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.charts import chart_data_uri
from reports.exports import csv_bytes, xlsx_bytes
from reports.models import FileFormat, ReportKind
from reports.pdf import html_to_pdf
from reports.periods import Period
from reports.selectors.annual import annual_report, annual_rows, annual_summary
from reports.selectors.monthly import monthly_pack, monthly_rows, monthly_summary
from reports.selectors.steering import approved_minutes
from reports.selectors.weekly import weekly_brief, weekly_rows, weekly_summary

Progress = Callable[[int], None]


@dataclass
class BuiltReport:
    title: str
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # format → (name, content)
    summary: dict = field(default_factory=dict)
    body_html: str = ""


def with_charts(figures) -> list[dict]:
    return [{"figure": f, "chart": chart_data_uri(f) if f.rows and f.chart != "none" else ""} for f in figures]


def _context(period: Period, data: dict, title: str) -> dict:
    return {**data, "title": title, "period": period, "generated_at": timezone.now()}


def build_weekly_brief(period: Period, progress: Progress = lambda _p: None) -> BuiltReport:
    brief = weekly_brief(period)
    progress(40)
    title = _("Wochenbericht der Geschäftsstelle, %(period)s") % {"period": period.label()}
    header, rows = weekly_rows(brief)
    html = render_to_string("reports/pdf/weekly.html", _context(period, brief, title))
    progress(60)
    name = f"wochenbericht-{period.key}"
    return BuiltReport(
        title,
        {FileFormat.CSV: (f"{name}.csv", csv_bytes(header, rows)), FileFormat.PDF: (f"{name}.pdf", html_to_pdf(html))},
        weekly_summary(brief),
    )


def build_monthly_pack(period: Period, progress: Progress = lambda _p: None) -> BuiltReport:
    """The steering circle's pack for one month: PDF with the summary, the charts and the projects
    that need the circle's attention; CSV and Excel with the table of all projects.

    Why not every project in the PDF: WeasyPrint's layout of a 1,000-row table took 90 s, and a
    table that long is read in a spreadsheet, not on paper.
    """
    pack = monthly_pack(period)
    progress(40)
    title = _("Statusbericht für den Lenkungskreis, %(period)s") % {"period": period.label()}
    header, rows = monthly_rows(pack)
    summary = monthly_summary(pack)
    context = _context(period, pack, title) | {"charts": with_charts(pack["figures"]), "worse_count": summary["worse"]}
    html = render_to_string("reports/pdf/monthly.html", context)
    progress(60)
    name = f"statusbericht-{period.key}"
    return BuiltReport(
        title,
        {
            FileFormat.PDF: (f"{name}.pdf", html_to_pdf(html)),
            FileFormat.CSV: (f"{name}.csv", csv_bytes(header, rows)),
            FileFormat.XLSX: (f"{name}.xlsx", xlsx_bytes(header, rows, title=_("Portfolio"))),
        },
        summary,
    )


def build_annual_report(period: Period, progress: Progress = lambda _p: None) -> BuiltReport:
    report = annual_report(period)
    progress(40)
    title = _("Erfahrungsbericht %(year)s") % {"year": period.key}
    header, rows = annual_rows(report)
    context = _context(period, report, title) | {"charts": with_charts(report["figures"])}
    body = render_to_string("reports/includes/annual_body.html", context)
    html = render_to_string("reports/pdf/annual.html", context | {"body": body})
    progress(60)
    name = f"erfahrungsbericht-{period.key}"
    return BuiltReport(
        title,
        {FileFormat.PDF: (f"{name}.pdf", html_to_pdf(html)), FileFormat.CSV: (f"{name}.csv", csv_bytes(header, rows))},
        annual_summary(report),
        body,
    )


def build_minutes_pdf(meeting_id: int) -> tuple[str, bytes] | None:
    """The approved minutes of a meeting as a tagged PDF (file name, content); None until approved.
    Written in German, like the minutes themselves."""
    with translation.override("de"):
        record = approved_minutes(meeting_id)
        if record is None:
            return None
        meeting = record["meeting"]
        title = _("Protokoll: %(title)s") % {"title": meeting.title}
        html = render_to_string("reports/pdf/minutes.html", record | {"title": title, "generated_at": timezone.now()})
        day = timezone.localtime(meeting.starts_at).date()
        return f"protokoll-{day:%Y-%m-%d}-{meeting.pk}.pdf", html_to_pdf(html)


BUILDERS = {
    ReportKind.WEEKLY: build_weekly_brief,
    ReportKind.MONTHLY: build_monthly_pack,
    ReportKind.ANNUAL: build_annual_report,
}


def build_report(period: Period, progress: Progress = lambda _p: None) -> BuiltReport:
    """Reports are written in German, the cooperation's working language."""
    with translation.override("de"):
        return BUILDERS[period.kind](period, progress)
