"""The portal's admin site: access decided by people's roles instead of the is_staff flag.

It lives in `governance` (which owns roles), so the wiring package `kooperationsraum` depends on no
app: `kooperationsraum/apps.py` names this class by its dotted path only.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.permissions import may_use_admin


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kooperationsraum – Verwaltung")
    site_title = _("Kooperationsraum")
    index_title = _("Stammdaten")

    def has_permission(self, request) -> bool:
        return may_use_admin(request.user)

    def login(self, request, extra_context=None):
        """One login for the whole portal: the admin's own form would skip the throttle, the audit
        event and the second factor, so it sends people to the portal's login."""
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))

    def logout(self, request, extra_context=None):
        from governance.views.accounts import PortalLogoutView

        return PortalLogoutView.as_view(next_page=reverse("admin:index", current_app=self.name))(request)
