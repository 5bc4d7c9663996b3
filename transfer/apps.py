import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "transfer"
    verbose_name = _("Transfer und Nachnutzung")

    def ready(self) -> None:
        # Register the Celery tasks, which the services enqueue by name: the import stays one-way
        # (tasks → services), with no cycle back.
        importlib.import_module("transfer.tasks")
