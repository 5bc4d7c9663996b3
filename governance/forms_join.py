"""The public form for a membership or theme request (/mitmachen/): validation only; the
service (`governance.services.steering.public_requests`) decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Network, RequestKind, SteeringRequest
from kooperationsraum.forms_public import honeypot_field, is_bot, require_consent

DESCRIPTION_MAX = 3000
TOO_LONG = _("Bitte kürzen Sie den Namen auf höchstens %(limit_value)d Zeichen.")


class JoinRequestForm(forms.ModelForm):
    """An administration asks to join a network or proposes a new focus area."""

    kind = forms.ChoiceField(
        label=_("Worum geht es?"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie, ob Sie beitreten oder ein Thema vorschlagen möchten.")},
    )
    network = forms.ModelChoiceField(
        label=_("Verbund"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("– bitte wählen –"),
        help_text=_(
            "Bei einer Aufnahme: der Verbund, dem Ihre Verwaltung beitreten möchte. Bei einem Thema: "
            "der Verbund, für den es gelten soll; leer lassen für den ganzen Kooperationsraum."
        ),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Verbund aus der Liste.")},
    )
    description = forms.CharField(
        label=_("Begründung"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Höchstens 3000 Zeichen: Was möchte Ihre Verwaltung einbringen, und was erwarten Sie? "
            "Eine Kostenbeteiligung ist mit einer Aufnahme nicht verbunden."
        ),
        error_messages={
            "required": _("Bitte begründen Sie den Antrag."),
            "max_length": _(
                "Bitte kürzen Sie die Begründung auf höchstens %(limit_value)d Zeichen (jetzt: %(show_value)d)."
            ),
        },
    )
    consent = forms.BooleanField()
    website = honeypot_field()

    class Meta:
        model = SteeringRequest
        fields = ["applicant", "contact_name", "contact_email", "kind", "network", "focus_area_name", "description"]
        labels = {
            "applicant": _("Ihre Verwaltung"),
            "contact_name": _("Ansprechperson"),
            "contact_email": _("Dienstliche E-Mail-Adresse"),
            "focus_area_name": _("Vorgeschlagener Arbeitsschwerpunkt"),
        }
        help_texts = {
            "applicant": _("Zum Beispiel „Stadt Bonn, Amt für Digitalisierung“ oder „Kreis Mettmann“."),
            "contact_name": _("Wer beantwortet Rückfragen der Geschäftsstelle? Der Name wird nicht veröffentlicht."),
            "contact_email": _("An diese Adresse schicken wir einen Link, mit dem Sie den Antrag bestätigen."),
            "focus_area_name": _("Nur bei einem neuen Thema, z. B. „Künstliche Intelligenz in der Verwaltung“."),
        }
        error_messages = {
            "applicant": {"required": _("Bitte nennen Sie Ihre Verwaltung."), "max_length": TOO_LONG},
            "contact_name": {"required": _("Bitte nennen Sie Ihren Namen."), "max_length": TOO_LONG},
            "contact_email": {
                "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@verwaltung.de."),
            },
            "focus_area_name": {"max_length": TOO_LONG},
        }
        widgets = {
            "applicant": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.order_by("name")
        for name in ("applicant", "contact_name", "contact_email"):
            self.fields[name].required = True
        require_consent(
            self.fields["consent"],
            what=_("des Antrags"),
            refusal=_(
                "Bitte willigen Sie in die Verarbeitung ein; ohne Einwilligung können wir den Antrag nicht bearbeiten."
            ),
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == RequestKind.MEMBERSHIP and not data.get("network"):
            self.add_error("network", _("Bitte wählen Sie den Verbund, dem Ihre Verwaltung beitreten möchte."))
        if data.get("kind") == RequestKind.FOCUS_AREA and not (data.get("focus_area_name") or "").strip():
            self.add_error("focus_area_name", _("Bitte nennen Sie den neuen Arbeitsschwerpunkt."))
        return data

    @property
    def is_bot(self) -> bool:
        return is_bot(self)
