"""Forms of the CIO sponsorship pages: validation only, every change goes through a service."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms import PersonNameChoiceField
from governance.models import Partner, PartnerKind, User
from kooperationsraum.forms import FastSelect
from kooperationsraum.uploads import validate_document
from projects.forms import ConstraintErrorsOnFieldsMixin, date_field
from projects.models import EndReason, Sponsorship, SponsorshipScope, SponsorshipState

MAX_ATTACHMENTS = 3
CONSTRAINT_FIELDS = {
    "one_open_sponsorship_per_project_and_land": "land",
    "sponsorship_term_ends_after_start": "term_end",
}
TERM_END_HELP = _("Format: TT.MM.JJJJ. Leer lassen, wenn bis zum Projektende.")
REQUIRED = {
    "scope": _("Bitte wählen Sie den Umfang der Patenschaft."),
    "justification": _("Bitte begründen Sie die Anfrage."),
}


class SponsorshipFilterForm(forms.Form):
    """The inbox's filter, sent by GET so that a filtered inbox is a shareable URL."""

    state = forms.ChoiceField(
        widget=FastSelect,
        label=_("Status"),
        required=False,
        choices=[("", _("Alle Status")), *SponsorshipState.choices],
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Eintrag aus der Liste.")},
    )

    def state_filter(self) -> str | None:
        """The chosen state, if valid; invalid input never narrows the list."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["state"] or None


class _TermsForm(ConstraintErrorsOnFieldsMixin, forms.ModelForm):
    """Scope, term and justification, as the CIO will see them in this round."""

    constraint_fields = CONSTRAINT_FIELDS

    term_start = date_field(_("Laufzeit von"), required=True)
    term_end = date_field(_("Laufzeit bis"), help_text=TERM_END_HELP)

    class Meta:
        model = Sponsorship
        fields = ["scope", "term_start", "term_end", "justification"]
        widgets = {"scope": forms.RadioSelect, "justification": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"justification": _("Warum dieses Land? Was soll die oder der CIO verantworten?")}
        error_messages = {name: {"required": message} for name, message in REQUIRED.items()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # RadioSelect on a model field with choices starts with an empty "---------" option.
        self.fields["scope"].choices = SponsorshipScope.choices

    def terms(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("scope", "term_start", "term_end", "justification")}


class SponsorshipRequestForm(_TermsForm):
    class Meta(_TermsForm.Meta):
        fields = ["land", *_TermsForm.Meta.fields]
        error_messages = {
            **_TermsForm.Meta.error_messages,
            "land": {
                "required": _("Bitte wählen Sie das Land."),
                "invalid_choice": _("Bitte wählen Sie ein Land aus der Liste."),
            },
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["land"].queryset = Partner.objects.filter(kind=PartnerKind.LAND).order_by("name")
        self.fields["land"].empty_label = _("Bitte wählen")
        for number in range(1, MAX_ATTACHMENTS + 1):
            self.fields[f"attachment_{number}_title"] = forms.CharField(
                label=_("Titel der Anlage %(number)s") % {"number": number}, required=False, max_length=200
            )
            self.fields[f"attachment_{number}_file"] = forms.FileField(
                label=_("Datei der Anlage %(number)s") % {"number": number},
                required=False,
                validators=[validate_document],
                help_text=_("PDF, ODT, DOCX, PNG oder JPEG. Der Inhalt muss zur Dateiendung passen."),
            )

    def clean(self):
        data = super().clean()
        for number in range(1, MAX_ATTACHMENTS + 1):
            title, upload = f"attachment_{number}_title", f"attachment_{number}_file"
            if data.get(upload) and not data.get(title, "").strip():
                self.add_error(title, _("Bitte geben Sie der Anlage einen Titel."))
            elif data.get(title, "").strip() and not data.get(upload) and upload not in self.errors:
                self.add_error(upload, _("Bitte wählen Sie die Datei zu diesem Titel."))
        return data

    def attachments(self) -> list[tuple[str, Any]]:
        data = self.cleaned_data
        pairs = [
            (data.get(f"attachment_{n}_title", "").strip(), data.get(f"attachment_{n}_file"))
            for n in range(1, MAX_ATTACHMENTS + 1)
        ]
        return [(title, upload) for title, upload in pairs if upload]


class SponsorshipRevisionForm(_TermsForm):
    """After a decline: the request as it goes to the CIO in the next round."""


class SponsorshipDecisionForm(forms.Form):
    """The reason is optional for an approval; the service insists on one for a decline."""

    APPROVE, DECLINE = "approve", "decline"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Übernehmen")), (DECLINE, _("Ablehnen"))],
        error_messages={
            "required": _("Bitte wählen Sie „Übernehmen“ oder „Ablehnen“."),
            "invalid_choice": _("Bitte wählen Sie „Übernehmen“ oder „Ablehnen“."),
        },
    )
    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bei einer Ablehnung erforderlich; sie geht an die Geschäftsstelle und die Projektleitung."),
    )


class SponsorshipWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (freiwillig)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SponsorshipEndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Grund des Endes"),
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie den Grund des Endes."),
            "invalid_choice": _("Bitte wählen Sie einen Grund aus der Liste."),
        },
    )
    note = forms.CharField(
        label=_("Anmerkung (freiwillig)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel, an welches Land die Patenschaft übergeben wird."),
    )


class SponsorshipDelegateForm(forms.Form):
    """Offers only the people the service would accept (`delegate_candidates`), by name."""

    person = PersonNameChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        help_text=_(
            "Zur Wahl stehen Personen, die für das Land handeln: die Stellvertretung und Personen mit "
            "einer Rolle für das Land, nicht aber die Geschäftsstelle, das Projektteam oder andere Länder."
        ),
        error_messages={
            "required": _("Bitte wählen Sie eine Person."),
            "invalid_choice": _("Bitte wählen Sie eine Person aus der Liste."),
        },
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].empty_label = _("Bitte wählen")
