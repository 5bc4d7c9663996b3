"""Machine access outside the API: the CSV export, the DCAT-AP.de catalogue and robots.txt.
(The Atom feed is transfer/feeds.py, the sitemap transfer/sitemaps.py.)"""

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import condition

from kooperationsraum.exports import csv_lines, csv_response
from transfer import dcat, selectors
from transfer.api.common import LANGUAGE, absolute, in_german, solution_path
from transfer.api.filters import solution_filters
from transfer.caching import catalogue_etag
from transfer.models import Solution


def _maturities(solution: Solution) -> str:
    """The highest level per model version (`selectors.top_maturities`), as "model: level/maximum"."""
    top = selectors.top_maturities(list(solution.services.all()))
    return ", ".join(f"{maturity.model}: {maturity.level}/{maturity.maximum}" for maturity in top)


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


def _names(items) -> str:
    return ", ".join(item.name for item in items)


def _csv_row(solution: Solution) -> list:
    services = list(solution.services.all())
    return [
        solution.title,
        absolute(solution_path(solution.slug)),
        solution.short_description,
        _names(solution.focus_areas.all()),
        ", ".join(sorted({s.get_themenfeld_display() for s in services})),
        ", ".join(service.leika_key for service in services),
        _maturities(solution),
        solution.licence,
        solution.get_licence_display(),
        _yes_no(solution.is_open_source),
        _yes_no(solution.is_software),
        _names(solution.partners.all()),
        ", ".join(sorted({p.get_state_display() for p in solution.partners.all() if p.state})),
        solution.reuse_count,
        solution.source_code_url,
        solution.documentation_url,
        solution.contact_label,
        solution.contact_email,
        solution.published_at,
        solution.updated_at,
    ]


def _csv_header() -> list:
    return [
        _("Titel"),
        _("Adresse"),
        _("Kurzbeschreibung"),
        _("Arbeitsschwerpunkte"),
        _("OZG-Themenfelder"),
        _("LeiKa-Schlüssel"),
        _("Höchster Reifegrad je Modell"),
        _("Lizenz (SPDX)"),
        _("Lizenz"),
        _("Open Source"),
        _("Software"),
        _("Beteiligte Partner"),
        _("Länder der Partner"),
        _("Nachnutzungen im Pilot- oder Produktivbetrieb"),
        _("Quellcode"),
        _("Dokumentation"),
        _("Kontaktstelle"),
        _("Funktionspostfach"),
        _("Veröffentlicht am"),
        _("Zuletzt geändert am"),
    ]


@method_decorator(in_german, name="dispatch")
class SolutionExportView(View):
    """/loesungen/export.csv: the catalogue with the list page's filters, for German Excel."""

    def get(self, request):
        filters, errors = solution_filters(request.GET)
        if errors:
            text = "\n".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
            return HttpResponse(
                _("Ungültige Filter:") + "\n" + text + "\n", status=400, content_type="text/plain; charset=utf-8"
            )
        solutions = selectors.catalogue(filters=filters).solutions.prefetch_related("services")
        rows = (_csv_row(solution) for solution in solutions.iterator(chunk_size=500))
        return csv_response(
            csv_lines(_csv_header(), rows, language=LANGUAGE), filename=f"loesungen-{timezone.localdate():%Y-%m-%d}.csv"
        )


@method_decorator(condition(etag_func=catalogue_etag), name="get")
@method_decorator(in_german, name="dispatch")
class DcatCatalogueView(View):
    """/dcat/catalog.ttl and .jsonld: every published solution as a DCAT-AP.de dataset (or one page of them)."""

    formats = {
        "turtle": (dcat.catalogue_turtle, "text/turtle; charset=utf-8"),
        "jsonld": (dcat.catalogue_jsonld, "application/ld+json"),
    }
    format = "turtle"

    def get(self, request):
        render, content_type = self.formats[self.format]
        # `?page=N`: one page with Hydra links to the others; without it, the whole catalogue.
        paging = {"base_url": absolute(request.path), "page": request.GET.get("page")}
        # Streamed: memory stays flat and the first bytes leave at once, however large the catalogue.
        return StreamingHttpResponse(render(**paging), content_type=content_type)


ROBOTS_DISALLOW = [
    "/arbeitsbereich/",
    "/admin/",
    "/konto/",
    "/benachrichtigungen/",
    "/loesungen/nachnutzung/",
]  # the last: confirmation links from e-mails


class RobotsTxtView(View):
    """/robots.txt: public pages and the API may be crawled; workspaces and accounts not."""

    def get(self, request):
        lines = ["User-agent: *", "Allow: /"]
        lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
        lines += ["", f"Sitemap: {absolute(reverse('transfer:sitemap'))}", ""]
        return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
