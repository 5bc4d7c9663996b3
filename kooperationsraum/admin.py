"""Admin helpers shared by the apps (the admin site itself is `governance.admin_site`)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted here: the object has its own audited path."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def login(self, request, extra_context=None):
        """One login for the whole portal: the admin's own form would skip the throttle, the audit
        event and the second factor, so it sends people to the portal's login."""
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))

    def logout(self, request, extra_context=None):
        from governance.views.accounts import PortalLogoutView

        return PortalLogoutView.as_view(next_page=reverse("admin:index", current_app=self.name))(request)


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
