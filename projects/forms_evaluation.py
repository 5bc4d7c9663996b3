"""The Reallabor evaluation form and its success indicators (an inline formset)."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from projects.forms import ConstraintErrorsOnFieldsMixin, date_field
from projects.models import EvaluationIndicator, ProjectEvaluation


class EvaluationForm(ConstraintErrorsOnFieldsMixin, forms.ModelForm):
    constraint_fields = {"evaluation_runtime_ends_after_start": "runtime_end"}

    runtime_start = date_field(_("Erprobung von"))
    runtime_end = date_field(_("Erprobung bis"))

    class Meta:
        model = ProjectEvaluation
        fields = [
            "hypothesis",
            "pilot_sites",
            "runtime_start",
            "runtime_end",
            "experimentation_clause",
            "result",
            "result_summary",
            "lessons_learned",
            "what_failed",
            "internal_notes",
            "is_public",
        ]
        widgets = {
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "pilot_sites": forms.Textarea(attrs={"rows": 3}),
            "result_summary": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 4}),
            "what_failed": forms.Textarea(attrs={"rows": 4}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }


IndicatorFormSet = inlineformset_factory(
    ProjectEvaluation,
    EvaluationIndicator,
    fields=["name", "unit", "target_value", "measured_value"],
    extra=2,
    can_delete=True,
)
