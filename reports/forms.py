from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import ReportKind
from reports.periods import PeriodError, parse_period

REQUESTABLE = [(kind, label) for kind, label in ReportKind.choices if kind != ReportKind.MINUTES]


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Berichtsart"), choices=REQUESTABLE)
    period = forms.CharField(
        label=_("Zeitraum"),
        max_length=12,
        help_text=_("Woche wie 2026-W48, Monat wie 2026-11, Jahr wie 2026."),
    )

    def clean(self):
        data = super().clean()
        if "kind" in data and "period" in data:
            try:
                data["parsed"] = parse_period(data["kind"], data["period"])
            except PeriodError as error:
                self.add_error("period", str(error))
        return data
