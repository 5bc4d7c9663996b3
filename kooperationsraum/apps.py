from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django admin, with access decided by people's roles instead of the is_staff flag."""

    default_site = "governance.admin_site.PortalAdminSite"
