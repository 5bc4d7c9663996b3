"""`manage.py audit_verify`: walk the whole audit chain, report every break and every gap, and
hold the chain against the signed checkpoints published outside the database."""

from django.core.management.base import BaseCommand, CommandError

from governance.services.audit_verification import audit_verify


def _age(delta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24} Tage {hours % 24} Stunden" if hours >= 24 else f"{hours} Stunden"


class Command(BaseCommand):
    help = "Prüft die Kette des Protokolls vollständig und gegen die Prüfpunkte; meldet jede Bruchstelle."

    def handle(self, *args, **options):
        report = audit_verify()
        for problem in report.problems:
            where = f"Eintrag Nr. {problem.sequence}" if problem.sequence is not None else "Protokoll"
            if problem.event_id is not None:
                where += f" (#{problem.event_id})"
            self.stderr.write(f"{where}: {problem.message}")
        if report.checkpoint is None:
            self.stdout.write("Kein Prüfpunkt vorhanden: Kürzungen am Ende der Kette sind nicht erkennbar.")
        else:
            self.stdout.write(
                f"Letzter Prüfpunkt: Eintrag Nr. {report.checkpoint.sequence} vom "
                f"{report.checkpoint.created_at:%d.%m.%Y %H:%M} UTC; seitdem {report.events_since_checkpoint} "
                f"Einträge, vor {_age(report.checkpoint_age)}."
            )
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"Protokoll unversehrt: {report.checked} Einträge geprüft."))
            return
        raise CommandError(
            f"Protokoll gebrochen: {len(report.problems)} Befunde bei {report.checked} geprüften Einträgen."
        )
