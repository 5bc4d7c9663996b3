"""Paging of public lists: one rule for what a page number in the address means."""

from django.core.paginator import Page, Paginator


def page_of(paginator: Paginator, raw: str | None) -> Page:
    """The requested page; garbage means the first page, a page past the end the last one."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):  # also a 10,000-digit number: Python refuses to convert it
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))
