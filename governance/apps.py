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

        # Every write, in every process, renews the change versions of the pages it touches
        # (kooperationsraum/versions.py), among them the signed-in pages' version.
        from kooperationsraum.session_pages import WORKSPACE
        from kooperationsraum.versions import renew_after_migrate, watch_writes

        watch_writes()
        renew_after_migrate(WORKSPACE, "governance")
