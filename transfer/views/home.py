"""The public start page. It lives in `transfer`, the last app, because it shows all of them:
partners and networks (governance), public projects (projects), solutions and reuse (transfer)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView

from governance import selectors as governance_selectors
from governance import selectors_register
from transfer import selectors
from transfer.caching import cached_derived
from transfer.forms import CatalogueFilterForm
from transfer.views.public import KIND_HEADINGS

UPCOMING_MEETINGS = 3


class HomeView(TemplateView):
    template_name = "transfer/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            catalogue_parts={  # our own templates' output
                name: mark_safe(html)  # noqa: S308
                for name, html in cached_derived("home-parts", [get_language()], catalogue_parts).items()
            },
            search_field=CatalogueFilterForm()["q"],
            networks=governance_selectors.network_list_public(),
            focus_areas=governance_selectors.focus_area_list_public(),
            upcoming_meetings=selectors_register.meeting_list_upcoming_public(limit=UPCOMING_MEETINGS),
            **kwargs,
        )


def catalogue_parts() -> dict[str, str]:
    """The start page's parts that change only with the catalogue (transfer/caching.py: partners,
    projects, solutions and adoptions): its key figures, the newest solutions and projects, and
    the partners by kind. Rendered once per catalogue version and language; with 10,000
    solutions their counts and the partner list cost most of the page (30 ms of 35)."""
    groups: dict[str, list] = {}
    for partner in governance_selectors.partner_list_public():
        groups.setdefault(partner.kind, []).append(partner)
    # Länder first, then the metropolitan region, districts, cities, …, providers (KIND_HEADINGS).
    partner_groups = [(KIND_HEADINGS[kind], groups.pop(kind)) for kind in KIND_HEADINGS if kind in groups]
    partner_groups += list(groups.items())
    context = {"overview": selectors.home_overview(), "partner_groups": partner_groups}
    return {
        name: str(render_to_string(f"transfer/includes/home_{name}.html", context))
        for name in ("figures", "latest", "partners")
    }
