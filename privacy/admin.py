"""Admin: the GDPR records read-only, and the way from a person's admin entry to their erasure.

The erasure itself is the workspace page (confirmation, retention duties shown); the admin only
leads there, so it stays the one write path (`privacy.services.erasure.person_erase`).
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kooperationsraum.admin import ReadOnlyAdminMixin
from privacy.models import DataExport, Erasure


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["requested_at", "person", "state", "finished_at"]
    list_filter = ["state"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["erased_at", "person", "erased_by"]


@admin.action(description=_("Personendaten löschen (Art. 17 DSGVO) …"))
def erase_person(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Bitte genau eine Person auswählen."), messages.WARNING)
        return None
    return redirect(reverse("privacy:person-erase", args=[queryset.get().pk]))


user_admin = admin.site.get_model_admin(get_user_model())
user_admin.actions = [*(user_admin.actions or []), erase_person]
