"""Admin helpers shared by the apps (the admin site itself is `governance.admin_site`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted here: the object has its own audited path."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
