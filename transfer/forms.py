"""Forms of the public transfer platform: the catalogue's filters and the reuse request."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import State
from kooperationsraum.forms_public import honeypot_field, is_bot, require_consent
from transfer.models import AdoptionStage, Inquiry, LicenceType, MaturityModel, OzgThemenfeld
from transfer.selectors import MATURITY_LEVELS, MAX_QUERY_LENGTH

SORT_CHOICES = [
    ("", _("Standard: bei einer Suche nach Relevanz, sonst nach Titel")),
    ("relevance", _("Relevanz")),
    ("title", _("Titel (A–Z)")),
    ("newest", _("Neueste zuerst")),
    ("reused", _("Am häufigsten nachgenutzt")),
]
INVALID_CHOICE = {"invalid_choice": _("Diesen Wert gibt es nicht in der Auswahl.")}


class SearchTextField(forms.CharField):
    """Free text that never fails: NUL characters go, anything past the limit is cut."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value).replace("\x00", "")
        return text[:MAX_QUERY_LENGTH].strip()


def _choice(label, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[("", _("alle"))] + list(choices), required=False, error_messages=INVALID_CHOICE, **kwargs
    )


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, sent by GET so that every view of the list is a shareable URL.

    Invalid values never make the page fail: the view applies only what validated and names the
    rest. Option labels get the facet counts once they are known (`show_counts`).
    """

    q = SearchTextField(
        label=_("Suchbegriff"),
        required=False,
        help_text=_("Zum Beispiel „Mängelmelder“ oder „Kfz-Zulassung“."),
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"}),
    )
    focus_area = _choice(_("Arbeitsschwerpunkt"), [])
    themenfeld = _choice(_("OZG-Themenfeld"), OzgThemenfeld.choices)
    maturity = forms.TypedChoiceField(
        label=_("Reifegrad mindestens"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],  # labels in the request's language: built in __init__, not at import time
        help_text=_("Stufen 0–4 im Reifegradmodell 1.x, 0–7 im Modell 2.0."),
        error_messages=INVALID_CHOICE,
    )
    maturity_model = _choice(_("Reifegradmodell"), MaturityModel.choices)
    land = _choice(_("Land"), State.choices, help_text=_("Land eines beteiligten Partners."))
    partner = _choice(_("Partner"), [])
    licence_type = _choice(_("Lizenzart"), LicenceType.choices)
    open_source = forms.BooleanField(label=_("nur Open Source"), required=False)
    reuse_stage = _choice(
        _("Stand der Nachnutzung"),
        AdoptionStage.choices,
        help_text=_("Mindestens eine Verwaltung ist in diesem Stand."),
    )
    sort = forms.ChoiceField(label=_("Sortierung"), choices=SORT_CHOICES, required=False, error_messages=INVALID_CHOICE)

    # Filters whose options show how many solutions each would leave (keys of `facets`).
    FACETED = ("focus_area", "themenfeld", "maturity", "land", "partner", "licence_type", "reuse_stage")
    GROUPS = (
        (_("Suche"), ("q", "sort")),
        (_("Thema"), ("focus_area", "themenfeld")),
        (_("Reifegrad"), ("maturity", "maturity_model")),
        (_("Herkunft"), ("land", "partner")),
        (_("Lizenz und Nachnutzung"), ("licence_type", "open_source", "reuse_stage")),
    )

    def __init__(self, data=None, *, focus_areas=(), partners=(), **kwargs):
        """`focus_areas` and `partners`: the options, as (slug, name) pairs."""
        if data is not None and len(data.get("q", "")) > MAX_QUERY_LENGTH:
            data = data.copy()  # show the cut text in the field, not 10,000 characters
            data["q"] = data["q"][:MAX_QUERY_LENGTH]
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.fields["focus_area"].choices = [("", _("alle"))] + [(slug, name) for slug, name in focus_areas]
        self.fields["partner"].choices = [("", _("alle"))] + [(slug, name) for slug, name in partners]
        self.fields["maturity"].choices = [("", _("beliebig"))] + [
            (level, _("Stufe %(level)s") % {"level": level}) for level in MATURITY_LEVELS
        ]

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty filters; invalid fields are simply left out (see `ignored`)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None, False)}

    def ignored(self) -> list[str]:
        """Labels of the fields whose values were not applied."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def show_counts(self, facet_counts: dict[str, list[tuple[Any, str, int]]]) -> None:
        """Option labels with their counts; options that would find nothing are left out unless chosen."""
        for name in self.FACETED:
            counts = {str(value): n for value, _label, n in facet_counts.get(name, [])}
            chosen = self.data.get(name, "") if self.is_bound else ""
            options = [("", _("alle"))]
            for value, label in self.fields[name].choices[1:]:
                if str(value) in counts:
                    options.append((value, _("%(label)s (%(count)s)") % {"label": label, "count": counts[str(value)]}))
                elif str(value) == chosen:
                    options.append((value, _("%(label)s (0)") % {"label": label}))
            self.fields[name].widget.choices = options

    def groups(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]


class InquiryForm(forms.ModelForm):
    """A public reuse request. `website` is a honeypot: people leave it empty, bots fill it."""

    website = honeypot_field()

    class Meta:
        model = Inquiry
        fields = ["administration", "contact_name", "contact_email", "message", "consent"]
        labels = {
            "administration": _("Ihre Verwaltung"),
            "contact_name": _("Ihr Name"),
            "contact_email": _("Ihre dienstliche E-Mail-Adresse"),
            "message": _("Ihre Nachricht"),
        }
        help_texts = {
            "administration": _("Zum Beispiel „Stadt Mannheim, Fachbereich Bürgerdienste“."),
            "contact_email": _("An diese Adresse schicken wir einen Link, mit dem Sie die Anfrage bestätigen."),
            "message": _("Höchstens 3000 Zeichen: Was möchten Sie nachnutzen, und bis wann?"),
        }
        error_messages = {
            "administration": {
                "required": _("Bitte nennen Sie Ihre Verwaltung."),
                "max_length": _("Bitte kürzen Sie den Namen auf höchstens %(limit_value)d Zeichen."),
            },
            "contact_name": {
                "required": _("Bitte nennen Sie Ihren Namen."),
                "max_length": _("Bitte kürzen Sie den Namen auf höchstens %(limit_value)d Zeichen."),
            },
            "contact_email": {
                "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@verwaltung.de."),
            },
            "message": {
                "required": _("Bitte schreiben Sie uns kurz, worum es geht."),
                "max_length": _(
                    "Bitte kürzen Sie die Nachricht auf höchstens %(limit_value)d Zeichen (jetzt: %(show_value)d)."
                ),
            },
        }
        widgets = {
            "administration": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        require_consent(
            self.fields["consent"],
            what=_("der Anfrage"),
            refusal=_(
                "Bitte willigen Sie in die Verarbeitung ein; ohne Einwilligung können wir die Anfrage nicht bearbeiten."
            ),
        )
        for name in ("administration", "contact_name", "contact_email", "message"):
            self.fields[name].required = True

    @property
    def is_bot(self) -> bool:
        return is_bot(self)
