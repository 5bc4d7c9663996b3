from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports and dashboards: comes after `transfer` and reads all three domain apps."""

    name = "reports"
    verbose_name = _("Berichte")
