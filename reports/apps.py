import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports and dashboards: comes after `transfer` and reads all three domain apps."""

    name = "reports"
    verbose_name = _("Berichte")

    def ready(self) -> None:
        # Register the Celery tasks, which the services enqueue by name: the import stays one-way
        # (tasks → services), with no cycle back.
        importlib.import_module("reports.tasks")
