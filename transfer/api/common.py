"""Addresses of the catalogue's public pages for every machine channel (API, Atom feed, DCAT, CSV,
sitemap); what all machine channels share lives in `kooperationsraum.machine`."""

from urllib.parse import quote

from django.urls import NoReverseMatch, reverse

from kooperationsraum.machine import LANGUAGE, absolute, in_german, site_host  # noqa: F401 (re-exported)


def _reverse_or(name: str, slug: str, literal: str) -> str:
    # The public project and partner pages are built separately; until their URL names exist
    # the agreed addresses are used as they stand.
    try:
        return reverse(name, args=[slug])
    except NoReverseMatch:
        return literal.format(slug=quote(slug))


def solution_path(slug: str) -> str:
    return reverse("transfer:solution-detail", args=[slug])


def project_path(slug: str) -> str:
    return _reverse_or("transfer:project-detail", slug, "/projekte/{slug}/")


def partner_path(slug: str) -> str:
    return _reverse_or("transfer:partner-detail", slug, "/partner/{slug}/")
