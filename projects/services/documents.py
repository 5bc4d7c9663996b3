"""Project documents: the secretariat uploads them; nothing else is written than the row itself."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from projects.models import ProjectDocument
from projects.permissions import may_manage_portfolio


@transaction.atomic
def project_document_create(*, document: ProjectDocument, actor) -> ProjectDocument:
    """Check the right and the file (type by content, size), then store file and row."""
    if not may_manage_portfolio(actor):
        raise PermissionDenied(_("Nur die Geschäftsstelle darf Dokumente hochladen."))
    document.uploaded_by = actor
    document.full_clean()  # runs validate_document on the file before anything is stored
    document.save()
    return document
