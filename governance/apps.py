import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Steuerung und Stammdaten")

    def ready(self) -> None:
        # Register the Celery tasks, which the services enqueue by name: the import stays one-way
        # (tasks → services), with no cycle back.
        importlib.import_module("governance.tasks")
