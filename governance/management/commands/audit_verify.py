"""`manage.py audit_verify`: walk the audit chain and report the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from governance.services.audit import audit_verify


class Command(BaseCommand):
    help = "Prüft die Hash-Kette des Protokolls und meldet die erste gebrochene Stelle."

    def handle(self, *args, **options):
        checked, broken, reason = audit_verify()
        if broken is None:
            self.stdout.write(self.style.SUCCESS(f"Protokoll unversehrt: {checked} Einträge geprüft."))
            return
        what = {
            "hash": "sein Inhalt passt nicht mehr zu seinem Hash (verändert)",
            "previous_hash": "er verweist nicht auf den Eintrag davor (Eintrag davor gelöscht oder verändert)",
        }[reason]
        raise CommandError(
            f"Protokoll gebrochen bei Eintrag #{broken.pk} vom {broken.occurred_at:%d.%m.%Y %H:%M}: "
            f"{what}. {checked} Einträge davor sind unversehrt."
        )
