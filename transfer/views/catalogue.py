"""The public catalogue: the list of solutions with search and filters, one solution's page, and
the reuse request with its e-mail confirmation. Thin views: form → selector or service → page."""

from math import ceil
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from kooperationsraum.paging import Clamped, clamp_page
from transfer import selectors, services
from transfer.caching import (
    cache_anonymous_page,
    cached_derived,
    catalogue_version,
    versioned_get_many,
    versioned_set_many,
)
from transfer.forms import CatalogueFilterForm, InquiryForm
from transfer.models import (
    AdoptionStage,
    BaseComponent,
    Solution,
)
from transfer.paging import CatalogueIdsPaginator

PAGE_SIZE = 20
# Deep pages cost an ever larger OFFSET and nobody reads page 400: past this, narrow the search.
MAX_PAGES = 50


class CappedPaginator(CatalogueIdsPaginator):
    """A paginator of ids that never offers more than `MAX_PAGES` pages, whatever the count."""

    rows = False  # the page's cards come from `solution_cards`

    @cached_property
    def uncapped_num_pages(self) -> int:
        if self.count == 0:
            return 1
        return ceil(max(1, self.count - self.orphans) / self.per_page)

    @cached_property
    def num_pages(self) -> int:
        return min(self.uncapped_num_pages, MAX_PAGES)

    @property
    def is_capped(self) -> bool:
        return self.uncapped_num_pages > MAX_PAGES


def capped_page(paginator: CappedPaginator, raw: str | None) -> tuple[Page, str]:
    """The requested page, or the nearest allowed one with a note saying why (the one clamp of
    `kooperationsraum.paging`, with the catalogue's words for it)."""
    page, clamped = clamp_page(paginator, raw)
    if clamped is Clamped.INVALID:
        return page, _("Die Seitenangabe war ungültig; angezeigt wird die erste Seite.")
    if clamped is Clamped.PAST_END and paginator.is_capped:
        return page, _(
            "Es werden höchstens %(pages)s Seiten angezeigt. Bitte grenzen Sie die Auswahl mit einem "
            "Suchbegriff oder Filtern ein."
        ) % {"pages": MAX_PAGES}
    if clamped is Clamped.PAST_END:
        return page, _("Diese Seite gibt es nicht; angezeigt wird die letzte Seite.")
    return page, ""


def _query_string(filters: dict) -> str:
    """The applied filters as a URL query, for page links (never the raw, unchecked input)."""
    return urlencode({key: ("on" if value is True else value) for key, value in filters.items()})


@method_decorator(cache_anonymous_page, name="dispatch")
class SolutionListView(TemplateView):
    """/loesungen/: published solutions, searchable and filterable, 20 per page, 50 pages at most."""

    template_name = "transfer/catalogue.html"

    def get_context_data(self, **kwargs):
        filters, ignored, form_html = checked_filters(self.request)
        page = page_asked_for(self.request.GET.get("page"))
        count, results = cached_derived(
            "results", [get_language(), filters, ignored, page], lambda: catalogue_results(filters, ignored, page)
        )
        return super().get_context_data(
            filter_form=mark_safe(form_html),  # noqa: S308 (our own template's output)
            results=mark_safe(results),  # noqa: S308 (our own template's output)
            result_count=count,
            filtered=bool(_query_string(filters)),
            **kwargs,
        )


def page_asked_for(raw: str | None) -> str | None:
    """The page number in the address as `clamp_page` reads it, so that every address that shows
    the same page shares one cached result: none, a number (past the 50 pages all alike) or garbage."""
    if raw in (None, ""):
        return None
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return "invalid"
    return str(min(number, MAX_PAGES + 1)) if number >= 1 else "invalid"


def catalogue_results(filters: dict, ignored: list[str], page: str | None) -> tuple[int, str]:
    """(how many solutions match, the results section: count, notes, cards, page links), once per
    catalogue version, language, filters and page; the same for everyone, so a visitor, signed in
    or not, is served it without the page query."""
    filters = dict(filters)
    query = _query_string(filters)  # page links carry what the visitor chose, nothing unchecked
    if filters.get("q") and not filters.get("sort"):
        filters["sort"] = "relevance"  # so that a too common term is sorted by date, as the page says
    result = selectors.catalogue(filters=filters)
    paginator = CappedPaginator(result.solutions, PAGE_SIZE, count_key=filters)
    page_obj, page_note = capped_page(paginator, page)
    context = {
        "page_obj": page_obj,
        "cards": solution_cards(list(page_obj.object_list)),
        "page_note": page_note,
        "ignored": ignored,
        "filtered": bool(query),
        "page_prefix": f"?{query}&page=" if query else "?page=",
        "too_many_to_rank": result.too_many_to_rank and filters.get("sort") == "relevance",
        "max_pages": MAX_PAGES,
    }
    return paginator.count, str(render_to_string("transfer/includes/catalogue_results.html", context))


def checked_filters(request) -> tuple[dict, list[str], str]:
    """(the valid filters, labels of the fields not applied, the filter form with its facet
    counts), once per catalogue version, language and submitted values: building the form with
    ~300 partner options and rendering it cost more than all the rest of the page."""
    names = CatalogueFilterForm.base_fields
    submitted = sorted((name, request.GET.getlist(name)) for name in names if name in request.GET)

    def check() -> tuple[dict, list[str], str]:
        options = selectors.filter_options()
        form = CatalogueFilterForm(request.GET, focus_areas=options.focus_areas, partners=options.partners)
        filters = form.filters()
        counted = dict(filters)
        if counted.get("q") and not counted.get("sort"):
            counted["sort"] = "relevance"  # the facets are keyed on the filters the list applies
        form.show_counts(selectors.facets(filters=counted))
        html = render_to_string("transfer/includes/catalogue_form.html", {"form": form, "filtered": bool(filters)})
        return filters, form.ignored(), str(html)

    filters, ignored, html = cached_derived("filter-check", [get_language(), submitted], check)
    return dict(filters), ignored, html


def solution_cards(ids: list[int]) -> list[str]:
    """The cards of these solutions, in order. Each is rendered once per catalogue version and
    language and read back in one round trip, so a page costs the same at 100 or 10,000 solutions."""
    prefix = f"transfer:card:{catalogue_version()}:{get_language()}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    stored = versioned_get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in stored]
    if missing:
        fresh = {}
        for solution in selectors.catalogue_cards(ids=missing):
            solution.maturities = selectors.top_maturities(list(solution.services.all()))
            fresh[keys[solution.pk]] = render_to_string("transfer/includes/solution_card.html", {"solution": solution})
        versioned_set_many(fresh)
        stored.update(fresh)
    return [mark_safe(stored[keys[pk]]) for pk in ids if keys[pk] in stored]  # noqa: S308 (our template)


@method_decorator(cache_anonymous_page, name="dispatch")
class SolutionDetailView(TemplateView):
    """/loesungen/<slug>/: everything a public administration needs to decide on reuse."""

    template_name = "transfer/solution_detail.html"

    def get_context_data(self, **kwargs):
        title, body = cached_derived(
            "solution-page", [get_language(), kwargs["slug"]], lambda: self.render_body(**kwargs)
        )
        return super().get_context_data(title=title, body=mark_safe(body), **kwargs)  # noqa: S308 (our template)

    @staticmethod
    def render_body(**kwargs) -> tuple[str, str]:
        """The page's title and content: the same for everyone (the layout around it is not),
        rendered once per catalogue version and language; an unknown slug is a 404, never stored."""
        solution = selectors.solution_get_public(slug=kwargs["slug"])
        project = solution.public_project
        documents = list(solution.documents.all())
        labels = dict(BaseComponent.choices)
        by_stage: dict[str, list] = {}
        for adoption in solution.adoptions.all():
            by_stage.setdefault(adoption.stage, []).append(adoption)
        context = {
            "solution": solution,
            "project": project,
            "sponsors": selectors.cio_sponsors(project=solution.project),
            "base_components": [labels.get(code, code) for code in solution.base_components or []],
            "services": list(solution.services.all()),
            "maturities": selectors.top_maturities(list(solution.services.all())),
            "images": [d for d in documents if d.is_image],
            "documents": [d for d in documents if not d.is_image],
            "pipeline": [(label, by_stage[stage]) for stage, label in AdoptionStage.choices if stage in by_stage],
        }
        return solution.title, str(render_to_string("transfer/includes/solution_body.html", context))


@method_decorator(never_cache, name="dispatch")
class InquiryCreateView(View):
    """/loesungen/<slug>/nachnutzung/: ask to reuse a published solution."""

    template_name = "transfer/inquiry_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.solution: Solution = selectors.solution_get_public(slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form: InquiryForm, status: int = 200):
        return render(self.request, self.template_name, {"solution": self.solution, "form": form}, status=status)

    def get(self, request, slug: str):
        return self.render_form(InquiryForm())

    def post(self, request, slug: str):
        form = InquiryForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        if services.inquiry_rate_limited(address=get_client_ip_address(request) or "unknown"):
            response = render(request, "transfer/inquiry_rate_limited.html", {"solution": self.solution}, status=429)
            response["Retry-After"] = "3600"
            return response
        if not form.is_bot:
            form.instance.solution = self.solution
            try:
                services.inquiry_submit(inquiry=form.instance)
            except ValidationError as error:
                form.add_error(None, error)
                return self.render_form(form)
        return redirect("transfer:inquiry-sent", slug=self.solution.slug)


class InquirySentView(TemplateView):
    """/loesungen/<slug>/nachnutzung/gesendet/: please confirm your e-mail address."""

    template_name = "transfer/inquiry_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            solution=selectors.solution_get_public(slug=kwargs["slug"]), days=services.INQUIRY_CONFIRM_DAYS, **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class InquiryConfirmView(View):
    """The link from the e-mail. GET only shows a button: mail scanners that follow links confirm nothing."""

    def get(self, request, token: str):
        return render(request, "transfer/inquiry_confirm.html", {"token": token})

    def post(self, request, token: str):
        try:
            inquiry = services.inquiry_confirm(token=token)
        except ValidationError as error:
            return render(request, "transfer/inquiry_invalid.html", {"reasons": error.messages}, status=400)
        return render(request, "transfer/inquiry_confirmed.html", {"solution": inquiry.solution})


class SolutionDocumentView(View):
    """A document or screenshot of a published solution; anything else is a 404."""

    def get(self, request, slug: str, pk: int):
        document = selectors.solution_document_get_public(slug=slug, pk=pk)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=not document.is_image,
            filename=document.file.name.rsplit("/", 1)[-1],
        )
