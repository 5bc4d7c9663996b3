"""After 0008 numbered every event: the sequence is required, new events are keyed (version 2),
and the new verbs (chain switch, GDPR requests, retention) are known. A migration of
its own, so PostgreSQL alters the table in a transaction without pending row events."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0010_audit_keyed_chain_and_owner_only_override"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="Laufende Nummer"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "SHA-256 ohne Schlüssel (vor der Umstellung)"), (2, "HMAC-SHA256 mit Schlüssel")],
                default=2,
                editable=False,
                verbose_name="Kettenversion",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="verb",
            field=models.CharField(
                choices=[
                    ("role.granted", "Rolle vergeben"),
                    ("role.changed", "Rolle geändert"),
                    ("membership.added", "Mitgliedschaft eingetragen"),
                    ("membership.changed", "Mitgliedschaft geändert"),
                    ("membership.removed", "Mitgliedschaft gelöscht"),
                    ("person.access_changed", "Zugang einer Person geändert"),
                    ("person.erased", "Personendaten gelöscht (Art. 17 DSGVO)"),
                    ("person.data_exported", "Auskunft erteilt (Art. 15 DSGVO)"),
                    ("notification.retried", "Benachrichtigung erneut versandt"),
                    ("audit.exported", "Protokoll exportiert"),
                    ("audit.chain_switched", "Protokollkette auf HMAC umgestellt"),
                    ("privacy.retention_enforced", "Aufbewahrungsfristen durchgesetzt"),
                    ("sponsorship.requested", "Patenschaft angefragt"),
                    ("sponsorship.approved", "Patenschaft übernommen"),
                    ("sponsorship.declined", "Patenschaft abgelehnt"),
                    ("sponsorship.withdrawn", "Patenschaftsanfrage zurückgezogen"),
                    ("sponsorship.ended", "Patenschaft beendet"),
                    ("sponsorship.delegated", "Entscheidung über Patenschaft übertragen"),
                    ("project.created", "Projekt angelegt"),
                    ("project.changed", "Projekt geändert"),
                    ("project.phase_changed", "Projektphase geändert"),
                    ("project.team_changed", "Projektteam geändert"),
                    ("project.milestone_saved", "Meilenstein gepflegt"),
                    ("project.status_report_filed", "Statusbericht erstellt"),
                    ("contribution.proposed", "Beitrag vorgeschlagen"),
                    ("contribution.confirmed", "Beitrag bestätigt"),
                    ("project.imported", "Projekte importiert"),
                    ("solution.created", "Lösung angelegt"),
                    ("solution.changed", "Lösung geändert"),
                    ("solution.published", "Lösung veröffentlicht"),
                    ("solution.unpublished", "Lösung zurückgezogen"),
                    ("adoption.changed", "Nachnutzung geändert"),
                    ("resolution.adopted", "Beschluss gefasst"),
                    ("ballot.vote_cast", "Stimme abgegeben"),
                ],
                db_index=True,
                max_length=40,
                verbose_name="Vorgang",
            ),
        ),
    ]
