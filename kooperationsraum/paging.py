"""Paging of lists: one rule for what a page number in the address means, and pages of wide,
sorted querysets fetched in two steps (`IdsFirstPaginator`)."""

from enum import Enum

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class Clamped(Enum):
    """Why the page shown is not the page asked for."""

    NO = ""
    INVALID = "invalid"  # garbage, zero or negative: the first page
    PAST_END = "past_end"  # beyond the last page: the last page


def clamp_page(paginator: Paginator, raw: str | None) -> tuple[Page, Clamped]:
    """The requested page, or the nearest one there is, and why; never an error."""
    if raw in (None, ""):
        return paginator.page(1), Clamped.NO
    try:
        number = int(raw)
    except (TypeError, ValueError):  # also a 10,000-digit number: Python refuses to convert it
        return paginator.page(1), Clamped.INVALID
    if number < 1:
        return paginator.page(1), Clamped.INVALID
    if number > paginator.num_pages:
        return paginator.page(paginator.num_pages), Clamped.PAST_END
    return paginator.page(number), Clamped.NO


def page_of(paginator: Paginator, raw: str | None) -> Page:
    """The requested page; garbage means the first page, a page past the end the last one."""
    return clamp_page(paginator, raw)[0]


class IdsFirstPaginator(Paginator):
    """A page query that sorts whole rows (long texts, annotations with subqueries, joins) costs
    more the longer the list is. Here the page's ids come first from a narrow sorted query (an
    index on PostgreSQL), then the full rows with annotations and prefetches are read for those
    ids only, or (`rows = False`) not at all: the page holds the ids and the caller reads or
    renders the rows itself."""

    rows = True

    def _get_page(self, object_list, number, paginator) -> Page:
        if not isinstance(object_list, QuerySet):
            return super()._get_page(object_list, number, paginator)
        ids = list(object_list.values_list("pk", flat=True))
        if not self.rows:
            return super()._get_page(ids, number, paginator)
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return super()._get_page([rows[pk] for pk in ids if pk in rows], number, paginator)
