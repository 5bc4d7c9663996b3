"""The public start page. It lives in `transfer`, the last app, because it shows all of them:
partners and networks (governance), public projects (projects), solutions and reuse (transfer)."""

from django.views.generic import TemplateView

from governance import selectors as governance_selectors
from governance import selectors_register
from transfer import selectors
from transfer.forms import CatalogueFilterForm
from transfer.views.public import KIND_HEADINGS

UPCOMING_MEETINGS = 3


class HomeView(TemplateView):
    template_name = "transfer/home.html"

    def get_context_data(self, **kwargs):
        groups: dict[str, list] = {}
        for partner in governance_selectors.partner_list_public():
            groups.setdefault(partner.kind, []).append(partner)
        # Länder first, then the metropolitan region, districts, cities, …, providers (KIND_HEADINGS).
        partner_groups = [(KIND_HEADINGS[kind], groups.pop(kind)) for kind in KIND_HEADINGS if kind in groups]
        partner_groups += list(groups.items())
        return super().get_context_data(
            overview=selectors.home_overview(),
            search_field=CatalogueFilterForm()["q"],
            networks=governance_selectors.network_list_public(),
            partner_groups=partner_groups,
            focus_areas=governance_selectors.focus_area_list_public(),
            upcoming_meetings=selectors_register.meeting_list_upcoming_public(limit=UPCOMING_MEETINGS),
            **kwargs,
        )
