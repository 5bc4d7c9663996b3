"""`manage.py report <kind> <period> [--send]`: produce a report exactly as the worker does.

Stores it like a scheduled run (the same unique run per kind and period) and prints the
absolute path of each file, one a line. Bad input ends with a German message and exit code 1.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports import services
from reports.models import RunState, Trigger
from reports.periods import PeriodError, parse_period


class Command(BaseCommand):
    help = "Erstellt einen Bericht (weekly 2026-W48, monthly 2026-11, annual 2026) und gibt die Dateipfade aus."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="weekly, monthly oder annual")
        parser.add_argument("period", help="z. B. 2026-W48, 2026-11 oder 2026")
        parser.add_argument("--send", action="store_true", help="den Bericht auch zustellen")

    def handle(self, *args, kind: str, period: str, send: bool, **options):
        translation.activate("de")
        try:
            parsed = parse_period(kind, period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        run, _created = services.report_run_get_or_create(period=parsed, trigger=Trigger.COMMAND)
        try:
            run = services.report_produce(run_id=run.pk)
        except Exception as error:  # noqa: BLE001 - said in one German line, stored on the run
            raise CommandError(f"Der Bericht konnte nicht erstellt werden: {error}") from None
        if run.state != RunState.DONE:
            raise CommandError(
                "Dieser Bericht wird gerade erstellt (von einem anderen Prozess). Bitte später erneut versuchen."
            )
        for report_file in run.files.all():
            self.stdout.write(report_file.file.path)
        if send:
            count = services.report_send(run_id=run.pk)
            self.stderr.write(f"Zugestellt an {count} Empfänger." if count else "Bereits zugestellt.")
