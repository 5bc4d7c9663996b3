"""Report content against the known data set: numbers, names, period boundaries, files."""

import csv
import io

import pytest
from pypdf import PdfReader

from reports.builders import build_annual_report, build_monthly_pack, build_weekly_brief
from reports.periods import parse_period
from reports.selectors.annual import annual_report
from reports.selectors.monthly import monthly_pack
from reports.selectors.weekly import weekly_brief


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_monthly_pack_takes_the_month_in_berlin_time(dataset):
    pack = monthly_pack(parse_period("monthly", "2026-11"))
    # Decided 23:30 on 30 November (Berlin, 22:30 UTC): November. 00:30 on 1 December: not.
    assert [s.project.acronym for s in pack["decisions"]] == ["KFZ"]
    assert pack["decisions"][0].days == 29
    # Due in November and not reached by then: still open, or reached late.
    assert [m.title for m in pack["slipped_milestones"]] == [
        "Schnittstelle zum KBA",
        "Fachkonzept",
        "Pilot im Rhein-Neckar-Kreis",
    ]
    assert [a.organisation for a in pack["new_adoptions"]] == ["Kreis Bergstraße"]  # not the one at 23:30 on 31 October
    assert [a.organisation for a in pack["advancing_adoptions"]] == ["Stadt Worms"]


def test_monthly_pack_shows_each_light_and_its_change(dataset):
    pack = monthly_pack(parse_period("monthly", "2026-11"))
    by_acronym = {p.acronym: p for p in pack["projects"]}
    assert (by_acronym["KFZ"].light_before, by_acronym["KFZ"].light_now, by_acronym["KFZ"].light_change) == (
        "green",
        "red",
        "worse",
    )
    assert (by_acronym["MM"].light_before, by_acronym["MM"].light_now, by_acronym["MM"].light_change) == (
        "yellow",
        "yellow",
        "same",
    )
    assert by_acronym["BAU"].light_now == "none"
    phases = {row[0]: row[1] for row in pack["figures"][0].rows}
    assert (phases["Erprobung"], phases["Konzept"], phases["Gestoppt"]) == (1, 1, 1)


def test_monthly_pack_files_pdf_tagged_with_charts_csv_and_excel(dataset):
    built = build_monthly_pack(parse_period("monthly", "2026-11"))
    assert set(built.files) == {"pdf", "csv", "xlsx"}
    reader, text = pdf_text(built.files["pdf"][1])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert "Statusbericht für den Lenkungskreis, 11/2026" in text
    assert "KFZ: Digitale Kfz-" in text and "schlechter" in text
    assert "Projekte nach Phase" in text  # the chart's and its table's title
    fonts = {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert any("Fira-Sans" in font for font in fonts)
    rows = csv_rows(built.files["csv"][1])
    assert rows[0] == [
        "Kürzel",
        "Projekt",
        "Phase",
        "Federführung",
        "Land",
        "Ampel Vormonat",
        "Ampel",
        "Veränderung",
        "Hinweis für den Lenkungskreis",
    ]
    assert rows[2][:8] == [
        "KFZ",
        "Digitale Kfz-Zulassung",
        "Erprobung",
        "Baden-Württemberg",
        "BW",
        "im Plan",
        "kritisch",
        "schlechter",
    ]  # by title: Alte Idee, Digitale Kfz-Zulassung, ...
    assert len(rows) == 1 + 4
    assert built.files["xlsx"][1][:2] == b"PK"
    assert built.summary == {
        "projects": 4,
        "worse": 1,
        "attention": 2,
        "slipped_milestones": 3,
        "decisions": 1,
        "new_adoptions": 1,
    }


def test_weekly_brief_as_of_its_monday(dataset):
    brief = weekly_brief(parse_period("weekly", "2026-W48"))  # Monday 23 November 2026
    assert [(i["sponsorship"].project.acronym, i["days"]) for i in brief["waiting_sponsorships"]] == [
        ("KFZ", 21),
        ("MM", 12),
    ]
    # "Fachkonzept" was reached late (20 November), but before the Monday: not overdue then.
    assert [m.title for m in brief["overdue_milestones"]] == ["Schnittstelle zum KBA"]
    assert {p.acronym: p.worst for p in brief["projects_attention"]} == {"BAU": "none", "KFZ": "red"}
    assert [n.subject_de for n in brief["failed_notifications"]] == ["Einladung"]
    assert brief["procedures_closing"] == []  # wired to the steering circle at merge


def test_weekly_brief_csv_and_pdf(dataset):
    built = build_weekly_brief(parse_period("weekly", "2026-W48"))
    rows = csv_rows(built.files["csv"][1])
    assert rows[0] == ["Abschnitt", "Bezeichnung", "Seit/Fällig", "Tage", "Hinweis"]
    assert ["Patenschaftsanfrage", "KFZ (Baden-Württemberg)", "2026-11-01", "21", ""] in rows
    assert ["Meilenstein überfällig", "KFZ: Schnittstelle zum KBA", "2026-11-01", "22", ""] in rows
    _reader, text = pdf_text(built.files["pdf"][1])
    assert "KW 48/2026" in text and "Schnittstelle zum KBA" in text


def test_annual_report_reads_public_data_only(dataset):
    report = annual_report(parse_period("annual", "2026"))
    assert [e.project.acronym for e in report["evaluations"]] == ["KFZ"]
    assert [a.organisation for a in report["transfers"]] == ["Stadt Heidelberg"]
    assert report["sections"][0]["area"].name == "Mobile und vernetzte Verwaltung"
    built = build_annual_report(parse_period("annual", "2026"))
    _reader, text = pdf_text(built.files["pdf"][1])
    for expected in (
        "Erfahrungsbericht 2026",
        "Rhein-Neckar-Kreis",
        "Experimentierklausel § 3 EGovG BW",
        "Stadt Heidelberg",
        "Online-Anteil",
        "55",
    ):
        assert expected in text
    for hidden in ("GEHEIME NOTIZ", "Interne Hypothese", "Geheime Stadt"):
        assert hidden not in text and hidden not in built.body_html


@pytest.mark.parametrize("kind", ["weekly", "monthly", "annual"])
def test_no_network_while_rendering(dataset, kind, monkeypatch):
    import reports.pdf as pdf

    refused = []
    original = pdf.OfflineFetcher.fetch

    def spy(self, url, headers=None):
        try:
            return original(self, url, headers)
        except Exception:
            refused.append(url)
            raise

    monkeypatch.setattr(pdf.OfflineFetcher, "fetch", spy)
    period = parse_period(kind, {"weekly": "2026-W48", "monthly": "2026-11", "annual": "2026"}[kind])
    {"weekly": build_weekly_brief, "monthly": build_monthly_pack, "annual": build_annual_report}[kind](period)
    assert refused == []  # every resource the templates use is local


def test_the_fetcher_refuses_other_hosts():
    from weasyprint.urls import URLFetchingError

    from reports.pdf import OfflineFetcher

    fetcher = OfflineFetcher()
    for url in ("https://example.org/font.ttf", "http://kooperationsraum.invalid/static/x.css", "file:///etc/passwd"):
        with pytest.raises((URLFetchingError, ValueError)):
            fetcher.fetch(url)
    assert fetcher.fetch("https://kooperationsraum.invalid/static/reports/css/pdf.css").read().startswith(b"/*")
