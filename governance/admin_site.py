"""The portal's admin site: access decided by people's roles instead of the is_staff flag.

It lives in `governance` (which owns roles), so the wiring package `kooperationsraum` depends on no
app: `kooperationsraum/apps.py` names this class by its dotted path only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.permissions import may_use_admin


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kooperationsraum – Verwaltung")
    site_title = _("Kooperationsraum")
    index_title = _("Stammdaten")

    def has_permission(self, request) -> bool:
        return may_use_admin(request.user)
