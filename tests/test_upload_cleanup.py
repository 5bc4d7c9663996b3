"""A replaced or deleted upload leaves no file behind, and only once the change is committed."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from governance.models import Agreement, AgreementKind, SteeringDocument
from projects.models import ProjectDocument, SponsorshipAttachment
from reports.models import ReportFile, ReportRun
from tests.factories import AgendaItemFactory, ProjectFactory, SolutionFactory, SponsorshipFactory
from transfer.models import SolutionDocument

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def agreement():
    return Agreement(kind=AgreementKind.AGREEMENT, title="Vereinbarung", valid_from=timezone.localdate())


def project_document():
    return ProjectDocument(project=ProjectFactory(), title="Konzept")


def sponsorship_attachment():
    return SponsorshipAttachment(sponsorship=SponsorshipFactory(), title="Skizze")


def solution_document():
    return SolutionDocument(solution=SolutionFactory(), title="Handbuch")


def steering_document():
    return SteeringDocument(agenda_item=AgendaItemFactory(), title="Vorlage")


def report_file():
    run = ReportRun.objects.create(kind="weekly", period="2026-W48", trigger="command")
    return ReportFile(run=run, format="pdf")


# Every model with an upload, and the name of its file field.
RECORDS = {
    (Agreement, "document"): agreement,
    (ProjectDocument, "file"): project_document,
    (SponsorshipAttachment, "file"): sponsorship_attachment,
    (SolutionDocument, "file"): solution_document,
    (SteeringDocument, "file"): steering_document,
    (ReportFile, "file"): report_file,
}


def test_every_file_field_is_covered_here():
    fields = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert fields == set(RECORDS)


def stored(make, field: str):
    record = make()
    getattr(record, field).save("erste.pdf", ContentFile(PDF))  # saves the record, too
    return record, getattr(record, field).name


@pytest.mark.parametrize(("model", "field"), RECORDS)
def test_a_replaced_file_is_removed_after_commit(model, field, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record, old = stored(RECORDS[model, field], field)
    storage = getattr(record, field).storage
    with django_capture_on_commit_callbacks(execute=True):
        record = model.objects.get(pk=record.pk)
        getattr(record, field).save("zweite.pdf", ContentFile(PDF))
    assert not storage.exists(old)
    assert storage.exists(getattr(model.objects.get(pk=record.pk), field).name)


@pytest.mark.parametrize(("model", "field"), RECORDS)
def test_a_deleted_record_takes_its_file_along(model, field, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record, name = stored(RECORDS[model, field], field)
    storage = getattr(record, field).storage
    with django_capture_on_commit_callbacks(execute=True):
        model.objects.get(pk=record.pk).delete()
    assert not storage.exists(name)


@pytest.mark.parametrize(("model", "field"), RECORDS)
def test_a_rolled_back_change_keeps_the_file(model, field, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record, name = stored(RECORDS[model, field], field)
    storage = getattr(record, field).storage
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            model.objects.get(pk=record.pk).delete()
            raise RuntimeError("rolled back")
        with pytest.raises(RuntimeError), transaction.atomic():
            again = model.objects.get(pk=record.pk)
            getattr(again, field).save("dritte.pdf", ContentFile(PDF))
            raise RuntimeError("rolled back")
    assert storage.exists(name)
    assert getattr(model.objects.get(pk=record.pk), field).name == name
