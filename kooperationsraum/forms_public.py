"""What every public request form shares (reuse requests, membership and theme requests): the
honeypot field that bots fill and people never see, and the consent checkbox with its link to the
privacy notice. The flow behind the forms is in `kooperationsraum.public_requests`."""

from django import forms
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


def honeypot_field() -> forms.CharField:
    """Rendered in `.hp-field` (hidden from people and screen readers); people leave it empty."""
    return forms.CharField(
        label=_("Bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def is_bot(form: forms.Form) -> bool:
    """A filled honeypot: answer as if all went well, store nothing."""
    return bool(form.cleaned_data.get(HONEYPOT))


def consent_label(what):
    """Built per request, in the visitor's language; `what` names the request (e.g. "der Anfrage")."""
    return format_html(
        str(
            _(
                "Ich willige ein, dass die Geschäftsstelle meine Angaben zur Bearbeitung %(what)s verarbeitet. "
                "Einzelheiten stehen in der {}."
            )
            % {"what": what}
        ),
        format_html('<a href="{}">{}</a>', reverse_lazy("privacy"), _("Datenschutzerklärung")),
    )


def require_consent(field: forms.Field, *, what, refusal) -> None:
    field.required = True
    field.label = consent_label(what)
    field.error_messages["required"] = refusal
