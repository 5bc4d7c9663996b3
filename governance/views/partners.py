"""The agreement documents (the start page is transfer.views.home: it shows every app)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views import View

from governance.models import Agreement
from governance.permissions import is_secretariat


class AgreementDocumentView(LoginRequiredMixin, View):
    """The signed agreement document, for the secretariat only."""

    def get(self, request, pk: int):
        if not is_secretariat(request.user):
            raise PermissionDenied
        agreement = get_object_or_404(Agreement.objects.exclude(document=""), pk=pk)
        return FileResponse(agreement.document.open("rb"), as_attachment=True)
