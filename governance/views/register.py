"""The steering circle's public side: the register of resolutions (/beschluesse/) with its Atom
feed, and the meeting calendar (/sitzungen/). Thin views over `governance.selectors_register`,
which lets nothing internal and no person out (rule 6)."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from governance import selectors_register as register
from governance.calendar_feed import meetings_calendar
from governance.models import FocusArea
from governance.public_subjects import link_for, public_links
from kooperationsraum.paging import page_of

PAGE_SIZE = 20
PAST_MEETINGS_PAGE_SIZE = 10


class ResolutionFilterForm(forms.Form):
    """Search and filters of the register. A value that does not fit is ignored and named, never an error."""

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    focus_area = forms.ModelChoiceField(
        label=_("Arbeitsschwerpunkt"),
        required=False,
        queryset=FocusArea.objects.none(),
        to_field_name="slug",
        empty_label=_("Alle Arbeitsschwerpunkte"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Alle Jahre"))] + [(y, str(y)) for y in register.resolution_years()]
        self.fields["focus_area"].queryset = register.resolution_focus_areas()

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def ignored(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def with_public_links(resolutions: list) -> list:
    """Each resolution gets `public_link`: (label, address) of its public project, or None."""
    links = public_links(resolution.subject for resolution in resolutions)
    for resolution in resolutions:
        resolution.public_link = link_for(links, resolution.subject)
    return resolutions


class ResolutionListView(TemplateView):
    """/beschluesse/: public resolutions, newest first, searchable, by year and focus area."""

    template_name = "governance/register/resolution_list.html"

    def get_context_data(self, **kwargs):
        bound = ResolutionFilterForm(self.request.GET)
        filters = bound.filters()
        page = page_of(
            Paginator(register.resolution_list_public(filters=filters), PAGE_SIZE), self.request.GET.get("page")
        )
        query = urlencode({name: getattr(value, "slug", value) for name, value in filters.items()})
        return super().get_context_data(
            form=ResolutionFilterForm(initial=filters),
            ignored=bound.ignored(),
            filtered=bool(filters),
            page_obj=page,
            resolutions=with_public_links(list(page.object_list)),
            page_prefix=f"?{query}&page=" if query else "?page=",
            **kwargs,
        )


class ResolutionDetailView(TemplateView):
    """/beschluesse/LK-2026-07/: one public resolution; an internal or unknown one is a 404."""

    template_name = "governance/register/resolution_detail.html"

    def get_context_data(self, **kwargs):
        resolution = register.resolution_get_public(number=kwargs["number"])
        with_public_links([resolution])
        documents = register.public_documents().filter(ballot__resolution=resolution) if resolution.ballot_id else []
        return super().get_context_data(resolution=resolution, documents=documents, **kwargs)


class MeetingCalendarView(TemplateView):
    """/sitzungen/: upcoming meetings and, paged, past ones, each with its public agenda items."""

    template_name = "governance/register/meeting_list.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        page = page_of(
            Paginator(register.meeting_list_public(upcoming=False, now=now), PAST_MEETINGS_PAGE_SIZE),
            self.request.GET.get("page"),
        )
        return super().get_context_data(
            upcoming=list(register.meeting_list_public(upcoming=True, now=now)),
            page_obj=page,
            past=page.object_list,
            page_prefix="?page=",
            **kwargs,
        )


class MeetingDetailView(TemplateView):
    """/sitzungen/<pk>/: a meeting's date, place and public agenda with results and documents."""

    template_name = "governance/register/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = register.meeting_get_public(pk=kwargs["pk"])
        for item in meeting.public_items:
            item.public_resolution = register.public_resolution_for(item)
        return super().get_context_data(meeting=meeting, **kwargs)


class MeetingIcsView(View):
    """/sitzungen/<pk>/termin.ics: one public meeting for the visitor's calendar."""

    def get(self, request, pk: int):
        meeting = register.meeting_get_public(pk=pk)
        response = HttpResponse(meetings_calendar([meeting]), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sitzung-{meeting.pk}.ics"'
        return response


class PublicDocumentView(View):
    """A public document of a public agenda item or public written procedure; else a 404."""

    def get(self, request, pk: int):
        document = register.document_get_public(pk=pk)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
