"""The key figures of a finished run, in words (e-mail body, workspace list)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reports.models import ReportKind, ReportRun

LABELS = {
    "waiting_sponsorships": gettext_noop("Patenschaftsanfragen warten"),
    "overdue_milestones": gettext_noop("Meilensteine überfällig"),
    "projects_attention": gettext_noop("Projekte mit roter oder veralteter Ampel"),
    "inquiries_waiting": gettext_noop("Anfragen zur Nachnutzung warten"),
    "failed_notifications": gettext_noop("Benachrichtigungen fehlgeschlagen"),
    "projects": gettext_noop("Projekte im Portfolio"),
    "worse": gettext_noop("Ampeln verschlechtert"),
    "attention": gettext_noop("Projekte zur Beachtung (rot, Ampel verändert, Meilenstein verschoben)"),
    "slipped_milestones": gettext_noop("Meilensteine verschoben oder verfehlt"),
    "decisions": gettext_noop("Entscheidungen über Patenschaften"),
    "new_adoptions": gettext_noop("neue Nachnutzungen"),
    "evaluations": gettext_noop("Erprobungen"),
    "transfers": gettext_noop("Transfers in den Produktivbetrieb"),
}


def summary_lines(run: ReportRun) -> list[str]:
    if run.kind == ReportKind.MINUTES:
        return []
    return [f"{_(LABELS[key])}: {value}" for key, value in run.summary.items() if key in LABELS]
