"""Forms of the secretariat's workspace: validation only, every change goes through a service."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from governance.forms import DATE_ERRORS, DATE_INPUT_FORMATS, PersonChoiceField
from governance.models import FocusArea, Partner, State, User
from kooperationsraum.forms import FastSelect, NameChoiceField
from projects.models import (
    PHASE_ORDER,
    PHASE_TRANSITIONS,
    Contribution,
    Milestone,
    ParticipationRole,
    Phase,
    Project,
    ProjectDocument,
    StatusReport,
    TeamRole,
    TrafficLight,
)
from projects.selectors import DEFAULT_SORT, SORTS

# Path segments under projekte/ that are pages of their own (here and in urls_exchange.py), so no
# project may take them as its slug: its page would never be reached.
RESERVED_SLUGS = {"neu", "import"}

SORT_LABELS = {
    "title": _("Titel (A–Z)"),
    "-title": _("Titel (Z–A)"),
    "acronym": _("Kürzel"),
    "phase": _("Phase"),
    "start": _("Beginn"),
    "end": _("Geplantes Ende"),
    "-updated": _("Zuletzt geändert"),
}
assert set(SORT_LABELS) == set(SORTS), "every sort of the selector needs a label"


DATE_HELP = _("Format: TT.MM.JJJJ")


def date_field(label, *, required: bool = False, help_text=DATE_HELP) -> forms.DateField:
    """German dates first (TT.MM.JJJJ), ISO accepted as well."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={**DATE_ERRORS, "required": _("Bitte geben Sie ein Datum ein.")},
        help_text=help_text,
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"autocomplete": "off", "size": 10}),
    )


class ConstraintErrorsOnFieldsMixin:
    """Put the model constraints' messages on the field they are about.

    Django reports a violated check constraint, or a unique constraint over an expression such as
    `Lower("acronym")`, as an error of the whole form. `constraint_fields` names, per constraint,
    the field a person has to correct; the same mapping places the errors a service raises.
    """

    constraint_fields: dict[str, str] = {}

    def _constraint_field(self, error: ValidationError) -> str | None:
        message = error.messages[0] if error.messages else ""
        for constraint in self._meta.model._meta.constraints:
            field = self.constraint_fields.get(constraint.name)
            if field in self.fields and message == str(constraint.get_violation_error_message()):
                return field
        return None

    def place_error(self, field: str | None, error: ValidationError) -> None:
        if field not in self.fields:
            field = self._constraint_field(error)
        self.add_error(field, error)

    def _post_clean(self) -> None:
        super()._post_clean()
        general = self._errors.pop(NON_FIELD_ERRORS, None)
        for error in general.as_data() if general else []:
            self.place_error(None, error)


# --- the portfolio list --------------------------------------------------------------------------


class ProjectFilterForm(forms.Form):
    """The list's filters, sent by GET so that every filtered list is a shareable URL."""

    q = forms.CharField(
        label=_("Suche"),
        required=False,
        max_length=200,
        help_text=_("Titel, Kürzel, Kurzbeschreibung oder Beschreibung"),
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, widget=FastSelect, choices=[("", _("Alle Phasen")), *Phase.choices]
    )
    land = forms.ChoiceField(
        widget=FastSelect,
        label=_("Land"),
        required=False,
        choices=[("", _("Alle Länder")), *State.choices],
        help_text=_("Projekte, an denen ein Partner aus diesem Land beteiligt ist"),
    )
    lead_partner = NameChoiceField(
        label=_("Federführender Partner"),
        required=False,
        queryset=Partner.objects.none(),
        empty_label=_("Alle Partner"),
    )
    focus_area = NameChoiceField(
        label=_("Arbeitsschwerpunkt"),
        required=False,
        queryset=FocusArea.objects.none(),
        empty_label=_("Alle Arbeitsschwerpunkte"),
    )
    light = forms.ChoiceField(
        widget=FastSelect,
        label=_("Ampel des letzten Statusberichts"),
        required=False,
        choices=[("", _("Alle")), *TrafficLight.choices],
    )
    overdue = forms.BooleanField(label=_("nur mit überfälligen Meilensteinen"), required=False)
    sort = forms.ChoiceField(
        widget=FastSelect,
        label=_("Sortierung"),
        required=False,
        choices=list(SORT_LABELS.items()),
        initial=DEFAULT_SORT,
    )

    def __init__(self, *args, lead_partners, focus_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_partner"].queryset = lead_partners
        self.fields["focus_area"].queryset = focus_areas
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("Bitte wählen Sie einen Eintrag aus der Liste.")

    def filters(self) -> dict[str, Any]:
        """The values that passed validation; invalid input never narrows the list."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleaned_data then holds only the valid fields
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "", False)}


# --- projects ------------------------------------------------------------------------------------


class ProjectForm(ConstraintErrorsOnFieldsMixin, forms.ModelForm):
    constraint_fields = {"project_acronym_unique": "acronym", "project_ends_after_start": "planned_end_date"}

    start_date = date_field(_("Beginn"))
    planned_end_date = date_field(_("Geplantes Ende"))

    class Meta:
        model = Project
        fields = [
            "title",
            "acronym",
            "slug",
            "summary",
            "description",
            "focus_areas",
            "lead_partner",
            "start_date",
            "planned_end_date",
            "is_public",
        ]
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "slug": _("Teil der Internetadresse: Kleinbuchstaben, Ziffern und Bindestriche, z. B. „kfz-zulassung“."),
            "description": _("Markdown: **fett**, *kursiv*, Listen mit „-“, Links als [Text](https://…)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = FocusArea.objects.order_by("position", "name")
        self.fields["lead_partner"].queryset = Partner.objects.order_by("name")

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("Diese Kurzadresse ist für das Portal reserviert."))
        return slug


class PhaseField(forms.ChoiceField):
    """Offers only the next phases, but accepts any phase: the service decides whether a change
    is allowed and explains a refusal in its own words (a stale page may offer an old choice)."""

    def valid_value(self, value) -> bool:
        return value in Phase.values


class PhaseChangeForm(forms.Form):
    phase = PhaseField(
        label=_("Neue Phase"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie die neue Phase."),
            "invalid_choice": _("Diese Phase gibt es nicht."),
        },
    )
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Zum Beispiel der Beschluss des Lenkungskreises, der das Gate freigibt."),
        error_messages={"required": _("Bitte begründen Sie den Phasenwechsel.")},
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = PHASE_TRANSITIONS.get(project.phase, set())
        order = [*PHASE_ORDER, Phase.STOPPED]
        self.fields["phase"].choices = [(phase.value, phase.label) for phase in order if phase in allowed]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["phase"].choices)


# --- progress ------------------------------------------------------------------------------------


def _participant_choices(project: Project):
    return Partner.objects.filter(participations__project=project).order_by("name")


class MilestoneForm(forms.ModelForm):
    due_on = date_field(_("Fällig am"), required=True)
    done_on = date_field(
        _("Erreicht am"), help_text=_("Format: TT.MM.JJJJ. Leer lassen, solange der Meilenstein offen ist.")
    )

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on", "responsible_partner"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["responsible_partner"].queryset = _participant_choices(project)
        self.fields["responsible_partner"].empty_label = _("Kein Partner")


class StatusReportForm(ConstraintErrorsOnFieldsMixin, forms.ModelForm):
    constraint_fields = {"report_period_ends_after_start": "period_end"}

    period_start = date_field(_("Berichtszeitraum von"), required=True)
    period_end = date_field(_("Berichtszeitraum bis"), required=True)

    class Meta:
        model = StatusReport
        fields = ["period_start", "period_end", "schedule", "budget", "scope", "text"]
        widgets = {
            "schedule": forms.RadioSelect,
            "budget": forms.RadioSelect,
            "scope": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "text": _("Markdown: **fett**, *kursiv*, Listen mit „-“, Links als [Text](https://…)."),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        for name in ("schedule", "budget", "scope"):
            # RadioSelect on a model field with choices starts with an empty "---------" option.
            self.fields[name].choices = TrafficLight.choices


class ContributionForm(ConstraintErrorsOnFieldsMixin, forms.ModelForm):
    """A partner's contribution, proposed for that partner alone; it binds once they confirm."""

    constraint_fields = {"contribution_amount_for_days_and_euros": "amount"}

    class Meta:
        model = Contribution
        fields = ["partner", "kind", "amount", "description"]
        help_texts = {
            "partner": _(
                "Nur beteiligte Partner. Der Beitrag bindet allein diesen Partner und erst, "
                "wenn seine Vertretung ihn bestätigt hat."
            ),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["partner"].queryset = _participant_choices(project)


# --- team and documents --------------------------------------------------------------------------


class TeamMemberForm(forms.Form):
    person = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie eine Person."),
            "invalid_choice": _("Bitte wählen Sie eine Person aus der Liste."),
        },
    )
    role = forms.ChoiceField(
        label=_("Rolle im Projektteam"),
        choices=TeamRole.choices,
        error_messages={"required": _("Bitte wählen Sie eine Rolle.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "email"
        )


class ParticipationForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie einen Partner."),
            "invalid_choice": _("Bitte wählen Sie einen Partner aus der Liste."),
        },
    )
    role = forms.ChoiceField(
        label=_("Rolle im Projekt"),
        choices=[c for c in ParticipationRole.choices if c[0] != ParticipationRole.LEAD],
        error_messages={
            "required": _("Bitte wählen Sie eine Rolle."),
            "invalid_choice": _("Bitte wählen Sie eine Rolle aus der Liste."),
        },
        help_text=_("Die Federführung folgt dem federführenden Partner in den Projektdaten."),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.exclude(pk=project.lead_partner_id).order_by("name")


class ProjectDocumentForm(forms.ModelForm):
    class Meta:
        model = ProjectDocument
        fields = ["title", "file", "is_public"]
        help_texts = {
            "file": _("PDF, ODT, DOCX, PNG oder JPEG. Der Inhalt muss zur Dateiendung passen."),
            "is_public": _("Öffentliche Dokumente dürfen auf der Transferplattform erscheinen."),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
