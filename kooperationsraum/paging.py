"""Paging of public lists: one rule for what a page number in the address means."""

from enum import Enum

from django.core.paginator import Page, Paginator


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
