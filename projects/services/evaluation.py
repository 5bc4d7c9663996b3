"""The Reallabor evaluation: kept by the project's team, like its status reports."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import AuditVerb
from governance.services.audit import audit_record
from projects.models import EVALUATED_PHASES, EvaluationIndicator, Project, ProjectEvaluation
from projects.permissions import may_edit_progress


def may_have_evaluation(project: Project) -> bool:
    """In or past the pilot phase; a stopped project keeps the record it already has."""
    return project.phase in EVALUATED_PHASES or ProjectEvaluation.objects.filter(project=project).exists()


@transaction.atomic
def evaluation_save(
    *, project: Project, evaluation: ProjectEvaluation, indicators: list[dict], actor, request=None
) -> ProjectEvaluation:
    """Save the record and replace its indicators with `indicators` (name, unit, target, measured)."""
    if not may_edit_progress(actor, project):
        raise PermissionDenied(_("Sie dürfen den Fortschritt dieses Projekts nicht pflegen."))
    if not may_have_evaluation(project):
        raise ValidationError(_("Eine Evaluation gibt es ab der Erprobung im Reallabor."))
    created = evaluation.pk is None
    evaluation.project = project
    evaluation.full_clean()
    evaluation.save()
    evaluation.indicators.all().delete()
    EvaluationIndicator.objects.bulk_create(
        EvaluationIndicator(evaluation=evaluation, position=position, **values)
        for position, values in enumerate(indicators)
    )
    audit_record(
        verb=AuditVerb.PROJECT_CHANGED,
        actor=actor,
        target=project,
        request=request,
        payload={
            "evaluation": "created" if created else "changed",
            "result": evaluation.result,
            "public": evaluation.is_public,
            "indicators": len(indicators),
        },
    )
    return evaluation
