from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from governance.models import AuditVerb, Delivery, NotificationKind

# German dates first (TT.MM.JJJJ), ISO as well, whatever the interface language.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein.")}


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # E-mail addresses are matched case-insensitively here; only the password is not.
        "invalid_login": _(
            "E-Mail-Adresse oder Passwort stimmen nicht. Beim Passwort kommt es auf Groß- und Kleinschreibung an."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: the first Tab must reach the skip link, and screen readers start at the top.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class PersonNameChoiceField(forms.ModelChoiceField):
    """People by name only, for pages where the chooser need not see their addresses."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or _("Person ohne Namen (Nr. %(pk)s)") % {"pk": obj.pk}


class ContentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return capfirst(str(obj.name))  # "CIO-Patenschaft", not capitalize()'s "Cio-patenschaft"


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=_("Format: TT.MM.JJJJ"),
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"autocomplete": "off", "size": 10}),
    )


class AuditFilterForm(forms.Form):
    """The audit trail's filters, sent by GET so that a filtered view is a shareable URL."""

    actor = PersonChoiceField(
        label=_("Person"),
        queryset=None,
        required=False,
        empty_label=_("Alle Personen"),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Person aus der Liste.")},
    )
    actor_text = forms.CharField(
        label=_("Person oder Stelle enthält"),
        required=False,
        max_length=254,
        help_text=_("Teil einer E-Mail-Adresse, oder „System“."),
    )
    target_type = ContentTypeChoiceField(
        label=_("Objektart"),
        queryset=None,
        required=False,
        empty_label=_("Alle Objektarten"),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Objektart aus der Liste.")},
    )
    target = forms.CharField(label=_("Objekt (Bezeichnung oder ID)"), required=False, max_length=300)
    verb = forms.ChoiceField(
        label=_("Vorgang"),
        required=False,
        choices=[("", _("Alle Vorgänge")), *AuditVerb.choices],
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Vorgang aus der Liste.")},
    )
    date_from = _date_field(_("Von (Datum)"))
    date_to = _date_field(_("Bis (Datum)"))

    def __init__(self, *args, actors, target_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors
        self.fields["target_type"].queryset = target_types

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            # Neither date filters then: the pair is what is wrong, not one of them.
            del cleaned["date_from"]
            self.add_error("date_to", _("Das Datum „bis“ darf nicht vor dem Datum „von“ liegen."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The values that passed validation; invalid input never narrows the list."""
        if not self.is_bound:
            return {}
        self.is_valid()  # runs validation once; cleaned_data then holds only the valid fields
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class NotificationPreferencesForm(forms.Form):
    """One choice per kind of notification: sent at once or collected in a daily digest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=Delivery.IMMEDIATE,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Bitte wählen Sie, wie Sie diese Benachrichtigungen erhalten."),
                    "invalid_choice": _("Bitte wählen Sie „sofort“ oder „einmal täglich gesammelt“."),
                },
            )

    def deliveries(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in NotificationKind.values}


class MfaCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Der sechsstellige Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode."),
        error_messages={"required": _("Bitte geben Sie den Code ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "size": 12}),
    )


class MfaSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Code aus der App"),
        max_length=10,
        help_text=_("Geben Sie zur Bestätigung den sechsstelligen Code ein, den die App jetzt anzeigt."),
        error_messages={"required": _("Bitte geben Sie den Code aus der App ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}),
    )
