"""`manage.py grant_app_role --role NAME`: run as the owner (migration) role after `migrate`."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance.database_roles import grant_app_role


class Command(BaseCommand):
    help = "Gibt der Datenbankrolle der Anwendung ihre Rechte (Protokoll nur lesen und anhängen)."

    def add_arguments(self, parser):
        parser.add_argument("--role", default=os.environ.get("DATABASE_APP_ROLE", ""))

    def handle(self, *args, role: str, **options):
        if not role:
            raise CommandError("Bitte --role oder DATABASE_APP_ROLE angeben.")
        try:
            with transaction.atomic():
                statements = grant_app_role(role=role)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Rechte für {role} gesetzt ({len(statements)} Anweisungen)."))
