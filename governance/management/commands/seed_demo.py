"""`manage.py seed_demo`: the demo data of every app, in app order; safe to run again."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Legt Demodaten an oder bringt sie auf den Stand (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
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
