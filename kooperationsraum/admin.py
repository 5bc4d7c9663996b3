from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.permissions import may_use_admin


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kooperationsraum – Verwaltung")
    site_title = _("Kooperationsraum")
    index_title = _("Stammdaten")

    def has_permission(self, request) -> bool:
        return may_use_admin(request.user)


class QuerySetFlagFilter(admin.SimpleListFilter):
    """A yes/no list filter backed by a queryset method such as `current()` or `overdue()`."""

    method: str
    yes_label = _("ja")
    no_label = _("nein")

    def lookups(self, request, model_admin):
        return [("yes", self.yes_label), ("no", self.no_label)]

    def queryset(self, request, queryset):
        matching = getattr(queryset, self.method)()
        if self.value() == "yes":
            return matching
        if self.value() == "no":
            return queryset.exclude(pk__in=matching.values("pk"))
        return queryset
