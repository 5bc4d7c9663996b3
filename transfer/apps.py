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

        from transfer.caching import renew_on_migrate

        renew_on_migrate()

        # Public links from the steering circle's register to public project pages.
        from transfer.public_subjects import register_public_subjects

        register_public_subjects()
