"""The start page and the agreement documents."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from governance import selectors
from governance.models import Agreement, PartnerKind
from governance.permissions import is_secretariat


class HomeView(TemplateView):
    """The public start page: what the cooperation space is, its partners, networks and themes."""

    template_name = "governance/home.html"

    def get_context_data(self, **kwargs):
        partners = list(selectors.partner_list_public())
        kinds = dict(PartnerKind.choices)
        groups = {}
        for partner in partners:
            groups.setdefault(kinds[partner.kind], []).append(partner)
        return super().get_context_data(
            networks=selectors.network_list_public(),
            partner_groups=groups.items(),
            focus_areas=selectors.focus_area_list_public(),
            **kwargs,
        )


class AgreementDocumentView(LoginRequiredMixin, View):
    """The signed agreement document, for the secretariat only."""

    def get(self, request, pk: int):
        if not is_secretariat(request.user):
            raise PermissionDenied
        agreement = get_object_or_404(Agreement.objects.exclude(document=""), pk=pk)
        return FileResponse(agreement.document.open("rb"), as_attachment=True)
