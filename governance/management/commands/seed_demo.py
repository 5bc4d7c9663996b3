"""`manage.py seed_demo`: the demo data of every app, in app order; safe to run again.

The demo accounts share a published password, so the command refuses to run under production
settings (DEBUG off) unless `--allow-production` says that this is really wanted.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Legt Demodaten an oder bringt sie auf den Stand (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Auch ohne DEBUG ausführen (legt Demozugänge mit dem veröffentlichten Passwort an).",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        # settings.PRODUCTION is the configured mode; the test runner turns DEBUG off by itself.
        if getattr(settings, "PRODUCTION", not settings.DEBUG) and not allow_production:
            raise CommandError(
                "seed_demo läuft nur mit DEBUG=1: Die Demodaten legen Zugänge mit einem veröffentlichten "
                "Passwort an. Wer sie wirklich in dieser Umgebung will (etwa auf einem Testsystem), "
                "ruft seed_demo --allow-production auf."
            )
        self._seed()

    @transaction.atomic
    def _seed(self) -> None:
        # Each app may ship a `demo` module with `seed()`; later apps build on earlier ones.
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            summary = import_module(module_name).seed()
            self.stdout.write(f"{app_config.verbose_name}: {summary}")
        # The steering circle refers to projects and sponsorships, so it comes after every app.
        self.stdout.write(f"Lenkungskreis: {import_module('governance.demo_steering').seed()}")
        self.stdout.write(self.style.SUCCESS("Demodaten sind auf dem Stand."))
