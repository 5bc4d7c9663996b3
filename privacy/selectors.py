"""Reads that need a user: fetch and authorise in one call."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

from governance.permissions import is_secretariat
from privacy.models import DataExport, ExportState


def data_export_list_for_user(*, user):
    return DataExport.objects.filter(person=user)


def data_export_get_for_user(*, user, pk: int) -> DataExport:
    """Only the person the export is about may download it; for anyone else it does not exist."""
    return get_object_or_404(DataExport, pk=pk, person=user, state=ExportState.READY)


def person_get_for_erasure(*, user, pk: int):
    if not is_secretariat(user):
        raise Http404
    return get_object_or_404(get_user_model(), pk=pk)
