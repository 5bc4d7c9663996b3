import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data subjects' rights (GDPR Art. 15 and 17) and retention periods. It comes after
    `transfer` because it reaches into every app's personal data."""

    name = "privacy"
    verbose_name = _("Datenschutz")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the Celery tasks, which the services enqueue by name: the import stays one-way
        # (tasks → services), with no cycle back.
        importlib.import_module("privacy.tasks")
