"""The portfolio as CSV and Excel, and the CSV import with a preview (secretariat only)."""

import base64
import secrets
import zlib
from io import BytesIO

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from kooperationsraum.exports import csv_cell, csv_lines, csv_response, xlsx_safe
from projects import selectors
from projects.forms import ProjectFilterForm
from projects.permissions import may_manage_portfolio
from projects.resources import ProjectExportResource, with_export_relations
from projects.services.imports import (
    MAX_IMPORT_BYTES,
    ImportFile,
    import_decode,
    import_read,
    import_summary,
    project_import,
    project_import_preview,
)
from projects.views.common import WorkspaceView, require

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "projects.import"


def portfolio_url() -> str:
    return reverse("projects:project-list")


# --- export ---------------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class PortfolioExportView(WorkspaceView):
    """Who sees the list may take it along: the secretariat all, a project team its own projects."""

    def prepare(self, request, **kwargs) -> None:
        require(may_manage_portfolio(request.user) or selectors.user_has_workspace_projects(user=request.user))

    def projects(self):
        # The list page's own filter form: invalid values are dropped, never an error.
        form = ProjectFilterForm(
            self.request.GET or None,
            lead_partners=selectors.lead_partner_choices(),
            focus_areas=selectors.focus_area_choices(),
        )
        projects = selectors.project_list_for_user(user=self.request.user, filters=form.filters())
        return with_export_relations(projects)

    def filename(self, extension: str) -> str:
        return f"projekte-{timezone.localdate():%Y-%m-%d}.{extension}"


class ProjectExportCsvView(PortfolioExportView):
    def get(self, request):
        resource = ProjectExportResource(cell=csv_cell)
        projects = self.projects()
        rows = (resource.export_resource(project) for project in resource.iter_queryset(projects))
        lines = csv_lines(resource.get_export_headers(), rows, language=translation.get_language())
        return csv_response(lines, filename=self.filename("csv"))


class ProjectExportXlsxView(PortfolioExportView):
    def get(self, request):
        dataset = ProjectExportResource(cell=xlsx_safe).export(queryset=self.projects())
        dataset.title = _("Projekte")
        response = HttpResponse(dataset.export("xlsx"), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.filename("xlsx")}"'
        return response


# --- import ---------------------------------------------------------------------------------------


class CappedMemoryUploadHandler(FileUploadHandler):
    """Keeps an upload in memory (never a temporary file) and stops storing past the limit; the
    file's `size` still tells the real length, so the form can refuse it with a clear message."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer, self.received = BytesIO(), 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.received + len(raw_data) <= self.limit:
            self.buffer.write(raw_data)
        self.received += len(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-Datei"),
        help_text=gettext_lazy("UTF-8-kodiert, Semikolon oder Komma als Trennzeichen, höchstens 2 MB."),
        error_messages={
            "required": gettext_lazy("Bitte wählen Sie eine CSV-Datei aus."),
            "empty": gettext_lazy("Die Datei ist leer."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Bitte laden Sie eine CSV-Datei hoch (Dateiendung .csv)."))
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("Die Datei ist %(size)s MB groß; erlaubt sind höchstens 2 MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")}
            )
        self.text = import_decode(upload.read())
        self.import_file = import_read(self.text)
        return upload


def _stash(request, *, text: str, filename: str) -> None:
    """Keep the file between preview and confirmation: in the session, compressed (the upload
    is at most 2 MB), with a token the confirmation must send back. Never on disk."""
    packed = base64.b64encode(zlib.compress(text.encode("utf-8"))).decode("ascii")
    request.session[SESSION_KEY] = {
        "token": secrets.token_urlsafe(16),
        "content": packed,
        "filename": filename,
        "valid_lines": [],
    }


def _stashed(request) -> tuple[dict, ImportFile] | None:
    stash = request.session.get(SESSION_KEY)
    if not stash:
        return None
    text = zlib.decompress(base64.b64decode(stash["content"])).decode("utf-8")
    return stash, import_read(text)


def _import_page_context() -> dict:
    return {"portfolio_url": portfolio_url()}


class ImportView(WorkspaceView):
    def prepare(self, request, **kwargs) -> None:
        require(may_manage_portfolio(request.user))


@method_decorator([never_cache, csrf_exempt], name="dispatch")  # CSRF is checked in `post` below
class ProjectImportView(ImportView):
    def get(self, request):
        return render(request, "projects/import_form.html", {"form": ProjectImportForm(), **_import_page_context()})

    def post(self, request):
        # Upload handlers must be set before anything reads the body, the CSRF check included.
        request.upload_handlers = [CappedMemoryUploadHandler(request, limit=MAX_IMPORT_BYTES)]
        return self.upload(request)

    @method_decorator(csrf_protect)
    def upload(self, request):
        form = ProjectImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "projects/import_form.html", {"form": form, **_import_page_context()})
        _stash(request, text=form.text, filename=form.cleaned_data["file"].name)
        return redirect("projects:project-import-preview")


@method_decorator(never_cache, name="dispatch")
class ProjectImportPreviewView(ImportView):
    def get(self, request):
        stashed = _stashed(request)
        if stashed is None:
            messages.warning(request, _("Es liegt keine Datei zur Vorschau vor. Bitte laden Sie eine CSV-Datei hoch."))
            return redirect("projects:project-import")
        stash, import_file = stashed
        preview = project_import_preview(import_file=import_file)
        # The confirmation creates exactly the rows shown here as valid.
        stash["valid_lines"] = preview.valid_lines
        request.session.modified = True
        return render(
            request,
            "projects/import_preview.html",
            {
                "preview": preview,
                "token": stash["token"],
                "filename": stash["filename"],
                "portfolio_url": portfolio_url(),
            },
        )


class ProjectImportConfirmView(ImportView):
    http_method_names = ["post"]

    def post(self, request):
        stashed = _stashed(request)
        stash = stashed[0] if stashed else None
        if stash is None or not secrets.compare_digest(stash["token"], request.POST.get("token", "")):
            messages.warning(
                request,
                _(
                    "Es liegt keine geprüfte Datei vor. Bitte laden Sie die Datei hoch und "
                    "prüfen Sie die Vorschau, bevor Sie importieren."
                ),
            )
            return redirect("projects:project-import")
        try:
            created = project_import(
                import_file=stashed[1],
                expected_lines=stash["valid_lines"],
                actor=request.user,
                request=request,
                filename=stash["filename"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("projects:project-import-preview")
        del request.session[SESSION_KEY]
        messages.success(request, import_summary(len(created)))
        return redirect(portfolio_url())
