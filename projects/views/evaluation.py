"""The Reallabor evaluation page of a project (secretariat and the project's team)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from projects.forms_evaluation import EvaluationForm, IndicatorFormSet
from projects.models import ProjectEvaluation
from projects.permissions import may_edit_progress
from projects.services.evaluation import evaluation_save, may_have_evaluation
from projects.views.common import ProjectView, refused


class EvaluationEditView(ProjectView):
    def may(self, user, project) -> bool:
        return may_edit_progress(user, project)

    def prepare(self, request, **kwargs) -> None:
        super().prepare(request, **kwargs)
        self.evaluation = ProjectEvaluation.objects.filter(project=self.project).first() or ProjectEvaluation(
            project=self.project
        )

    def forms(self, data=None):
        return EvaluationForm(data, instance=self.evaluation), IndicatorFormSet(
            data, instance=self.evaluation, prefix="indikatoren"
        )

    def get(self, request, **kwargs):
        if not may_have_evaluation(self.project):
            return refused(request, _("Eine Evaluation gibt es ab der Erprobung im Reallabor."), status=409)
        return self.render_page(*self.forms())

    def post(self, request, **kwargs):
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            indicators = [
                {key: f.cleaned_data[key] for key in ("name", "unit", "target_value", "measured_value")}
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                evaluation_save(
                    project=self.project,
                    evaluation=form.instance,
                    indicators=indicators,
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Die Evaluation ist gespeichert."))
                return redirect(self.project.get_absolute_url() + "#evaluation")
        return self.render_page(form, formset)

    def render_page(self, form, formset):
        return render(
            self.request, "projects/evaluation_form.html", {"project": self.project, "form": form, "formset": formset}
        )
