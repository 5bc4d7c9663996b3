"""Thin views: a person's own data export (Art. 15), the secretariat's erasure (Art. 17)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from governance.permissions import is_secretariat
from privacy import selectors
from privacy.services.erasure import erasure_blockers, person_erase
from privacy.services.exports import data_export_request, export_path


@method_decorator(never_cache, name="dispatch")
class DataExportListView(LoginRequiredMixin, TemplateView):
    template_name = "privacy/data_exports.html"

    def get_context_data(self, **kwargs):
        exports = selectors.data_export_list_for_user(user=self.request.user)
        return super().get_context_data(exports=exports, **kwargs)

    def post(self, request):
        data_export_request(person=request.user, request=request)
        messages.success(
            request, _("Ihre Datenauskunft wird erstellt. Laden Sie sie hier herunter, sobald sie bereit ist.")
        )
        return redirect("privacy:data-exports")


@method_decorator(never_cache, name="dispatch")
class DataExportDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        export = selectors.data_export_get_for_user(user=request.user, pk=pk)
        return FileResponse(
            export_path(export).open("rb"),
            as_attachment=True,
            filename=export.file_name,
            content_type="application/json",
        )


@method_decorator(never_cache, name="dispatch")
class PersonEraseView(LoginRequiredMixin, UserPassesTestMixin, TemplateView):
    template_name = "privacy/person_erase.html"

    def test_func(self) -> bool:
        return is_secretariat(self.request.user)

    def get_context_data(self, **kwargs):
        person = selectors.person_get_for_erasure(user=self.request.user, pk=self.kwargs["pk"])
        return super().get_context_data(person=person, blockers=erasure_blockers(person), **kwargs)

    def post(self, request, pk: int):
        person = selectors.person_get_for_erasure(user=request.user, pk=pk)
        try:
            person_erase(person=person, actor=request.user, request=request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(reverse("privacy:person-erase", args=[pk]))
        messages.success(
            request,
            _("Die Daten der Person wurden gelöscht; im Protokoll bleibt %(ref)s.") % {"ref": person.audit_label()},
        )
        return redirect("governance:audit-list")
