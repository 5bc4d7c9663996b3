"""Forms of the secretariat's solution workspace: validation only, every change goes through a service."""

from pathlib import Path
from typing import Any

import yaml
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from governance.forms import PersonChoiceField
from governance.models import FocusArea, Partner, User
from kooperationsraum.uploads import validate_document
from projects.forms import ConstraintErrorsOnFieldsMixin
from projects.models import Project
from transfer.models import (
    LISTED_INQUIRY_STATES,
    Adoption,
    BaseComponent,
    ServiceCoverage,
    Solution,
    SolutionDocument,
    SolutionState,
)

CHOICE_ERRORS = {"invalid_choice": _("Bitte wählen Sie einen Eintrag aus der Liste.")}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg"}
PUBLICCODE_MAX_LENGTH = 50_000

leika_key_validator = RegexValidator(
    r"^\d{14}\Z",
    _("Der LeiKa-Schlüssel besteht aus genau 14 Ziffern, zum Beispiel 99050012104000."),
    code="leika_key",
)


class SolutionFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages=CHOICE_ERRORS,
        choices=[("", _("Alle Status")), *SolutionState.choices],
    )

    def filters(self) -> dict[str, Any]:
        """The values that passed validation; invalid input never narrows the list."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}


class InquiryFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages=CHOICE_ERRORS,
        choices=[
            ("", _("Alle bestätigten Anfragen")),
            *[(state.value, state.label) for state in LISTED_INQUIRY_STATES],
        ],
    )

    filters = SolutionFilterForm.filters


def check_publiccode(text: str) -> None:
    """Parse with PyYAML's safe loader (no object construction) and ask for the one key every
    publiccode.yml has; the full standard is checked by the publiccode-parser, not here."""
    if len(text) > PUBLICCODE_MAX_LENGTH:
        raise ValidationError(
            _("Die publiccode.yml ist zu lang (höchstens %(limit)s Zeichen)."),
            params={"limit": PUBLICCODE_MAX_LENGTH},
            code="publiccode_length",
        )
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            raise ValidationError(
                _("Die publiccode.yml ist kein gültiges YAML (Zeile %(line)s, Spalte %(column)s)."),
                params={"line": mark.line + 1, "column": mark.column + 1},
                code="publiccode_yaml",
            ) from error
        raise ValidationError(_("Die publiccode.yml ist kein gültiges YAML."), code="publiccode_yaml") from error
    if not isinstance(data, dict) or "publiccodeYmlVersion" not in data:
        raise ValidationError(
            _(
                "Eine publiccode.yml beginnt mit der Angabe „publiccodeYmlVersion“, "
                'zum Beispiel: publiccodeYmlVersion: "0.4".'
            ),
            code="publiccode_version",
        )


class SolutionForm(forms.ModelForm):
    base_components = forms.MultipleChoiceField(
        label=_("Benötigte Basiskomponenten"),
        required=False,
        choices=BaseComponent.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
        help_text=_("Welche nationalen Basisdienste eine nachnutzende Verwaltung anbinden muss."),
    )
    contact_person = PersonChoiceField(
        label=_("Zuständige Person (intern)"),
        required=False,
        queryset=User.objects.none(),
        help_text=_("Wird nie öffentlich angezeigt; erhält Anfragen zur Nachnutzung als Benachrichtigung."),
    )

    class Meta:
        model = Solution
        fields = [
            "title",
            "slug",
            "short_description",
            "problem",
            "target_group",
            "how_it_works",
            "prerequisites",
            "licence",
            "is_software",
            "source_code_url",
            "documentation_url",
            "publiccode_yml",
            "operating_model",
            "base_components",
            "focus_areas",
            "project",
            "partners",
            "contact_label",
            "contact_email",
            "contact_person",
        ]
        widgets = {
            "short_description": forms.Textarea(attrs={"rows": 2}),
            "problem": forms.Textarea(attrs={"rows": 6}),
            "how_it_works": forms.Textarea(attrs={"rows": 6}),
            "prerequisites": forms.Textarea(attrs={"rows": 4}),
            "operating_model": forms.Textarea(attrs={"rows": 4}),
            "publiccode_yml": forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
            "focus_areas": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Teil der öffentlichen Internetadresse: Kleinbuchstaben, Ziffern und Bindestriche."),
            "licence": _("Für Software eine Open-Source-Lizenz (SPDX), für Daten die Datenlizenz Deutschland."),
            "contact_email": _("Ein Funktionspostfach, zum Beispiel transfer@…; keine persönliche Adresse."),
            "documentation_url": _("Link auf die Dokumentation; alternativ die Funktionsweise beschreiben."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = FocusArea.objects.order_by("position", "name")
        self.fields["partners"].queryset = Partner.objects.order_by("name")
        self.fields["project"].queryset = Project.objects.order_by("title")
        self.fields["contact_person"].queryset = User.objects.filter(is_active=True).order_by("last_name", "email")
        self.fields["licence"].error_messages.update(CHOICE_ERRORS)

    def clean_publiccode_yml(self) -> str:
        text = self.cleaned_data["publiccode_yml"].strip()
        if text:
            check_publiccode(text)
        return text


class ServiceCoverageForm(ConstraintErrorsOnFieldsMixin, forms.ModelForm):
    """One OZG service; the model's check constraint keeps the level inside the chosen model."""

    constraint_fields = {"maturity_level_within_model": "maturity_level", "one_coverage_per_service": "leika_key"}

    class Meta:
        model = ServiceCoverage
        fields = ["leika_key", "name", "themenfeld", "maturity_model", "maturity_level"]
        help_texts = {"maturity_level": _("Modell 1.x: Stufen 0 bis 4 (OZG-konform ab 3); Modell 2.0: Stufen 0 bis 7.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's view-only page builds this form without its (read-only) fields.
        if "leika_key" in self.fields:
            self.fields["leika_key"].validators.append(leika_key_validator)
            self.fields["leika_key"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        if "maturity_level" in self.fields:
            self.fields["maturity_level"].widget.attrs["max"] = 7
        for name in ("themenfeld", "maturity_model"):
            if name in self.fields:
                self.fields[name].error_messages.update(CHOICE_ERRORS)

    def clean_leika_key(self) -> str:
        return self.cleaned_data["leika_key"].strip()


class SolutionDocumentForm(forms.ModelForm):
    """A document or screenshot: its content must match its extension, and an image needs a text
    that says what it shows (BITV 2.0)."""

    class Meta:
        model = SolutionDocument
        fields = ["title", "file", "alt_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's view-only page builds this form without its (read-only) fields.
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Ohne Angabe gilt der Dateiname.")
        if "file" in self.fields:
            self.fields["file"].help_text = _("PDF, ODT, DOCX, PNG oder JPEG.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a stored file was checked when it came in
            validate_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            self.instance.is_image = Path(upload.name).suffix.lower() in IMAGE_EXTENSIONS
            if not data.get("title"):
                data["title"] = Path(upload.name).stem[:200]
            if self.instance.is_image and not (data.get("alt_text") or "").strip():
                self.add_error("alt_text", _("Bitte beschreiben Sie im Alternativtext, was auf dem Bild zu sehen ist."))
        return data


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Entfernen")


ServiceCoverageFormSet = inlineformset_factory(
    Solution, ServiceCoverage, form=ServiceCoverageForm, formset=LabelledInlineFormSet, extra=1, can_delete=True
)
SolutionDocumentFormSet = inlineformset_factory(
    Solution, SolutionDocument, form=SolutionDocumentForm, formset=LabelledInlineFormSet, extra=1, can_delete=True
)


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund für das Zurückziehen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Steht im Protokoll, zum Beispiel „Sicherheitslücke in Version 2.1“."),
        error_messages={"required": _("Bitte geben Sie an, warum die Lösung zurückgezogen wird.")},
    )


class AdoptionForm(forms.ModelForm):
    """An organisation reusing the solution: a partner of the cooperation or an outside administration."""

    class Meta:
        model = Adoption
        fields = ["partner", "organisation", "stage", "contact", "evidence"]
        help_texts = {
            "partner": _("Nur wenn ein Partner des Kooperationsraums nachnutzt."),
            "organisation": _("Für Verwaltungen außerhalb des Kooperationsraums; bei Partnern gilt sonst dessen Name."),
            "contact": _("Eine Stelle oder ein Funktionspostfach, keine Person."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["partner"].empty_label = _("kein Partner (Verwaltung außerhalb)")
        self.fields["organisation"].required = False
        for name in ("partner", "stage"):
            self.fields[name].error_messages.update(CHOICE_ERRORS)

    def clean(self):
        data = super().clean()
        organisation = (data.get("organisation") or "").strip()
        if not organisation and data.get("partner"):
            organisation = data["partner"].name
        if not organisation and "partner" not in self.errors:
            self.add_error("organisation", _("Bitte wählen Sie einen Partner oder nennen Sie die Verwaltung."))
        data["organisation"] = organisation
        return data
