"""Public pages of projects and partners (/projekte/, /partner/): thin views over the transfer
selectors. Nothing internal is read here: no team, milestones, status reports or contributions,
and no person's name or e-mail address (rule 6 of the brief); partners and functional mailboxes only.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from governance.models import PartnerKind
from kooperationsraum.paging import page_of
from projects.models import ParticipationRole, Phase, Project, ProjectDocument, ProjectEvaluation
from transfer import selectors

PAGE_SIZE = 20
ROLE_ORDER = list(ParticipationRole.values)
# Headings of the partner list, in the order a visitor expects: Länder first, providers last.
KIND_HEADINGS = {
    PartnerKind.LAND: _("Länder"),
    PartnerKind.METROPOLITAN_REGION: _("Metropolregionen"),
    PartnerKind.DISTRICT: _("Kreise"),
    PartnerKind.CITY: _("Städte"),
    PartnerKind.MUNICIPALITY: _("Gemeinden"),
    PartnerKind.FEDERAL: _("Bund"),
    PartnerKind.IT_PROVIDER: _("Öffentliche IT-Dienstleister"),
}


class PublicProjectFilterForm(forms.Form):
    """The public list's filters. Validation only: a value that does not fit is ignored, never an error.

    It lives here rather than in transfer/forms.py because only this page uses it; the workspace's
    portfolio filters are `projects.forms.ProjectFilterForm`.
    """

    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("Alle Phasen")), *Phase.choices])
    focus_area = forms.ModelChoiceField(
        label=_("Arbeitsschwerpunkt"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("Alle Arbeitsschwerpunkte"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = selectors.focus_area_choices()

    def filters(self) -> dict:
        """The valid, non-empty filters; invalid ones are dropped (and named by `ignored()`)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def ignored(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def filter_projects(projects: QuerySet[Project], filters: dict) -> QuerySet[Project]:
    if phase := filters.get("phase"):
        projects = projects.filter(phase=phase)
    if area := filters.get("focus_area"):
        projects = projects.filter(focus_areas=area)
    return projects


class ProjectListView(TemplateView):
    """/projekte/: public projects, filtered by phase and focus area, 20 per page."""

    template_name = "transfer/project_list.html"

    def get_context_data(self, **kwargs):
        bound = PublicProjectFilterForm(self.request.GET)
        filters = bound.filters()
        projects = filter_projects(selectors.project_list_public(), filters).order_by("title", "pk")
        page = page_of(Paginator(projects, PAGE_SIZE), self.request.GET.get("page"))
        # Page links carry only the filters that were applied, never unchecked input.
        query = urlencode({name: getattr(value, "slug", value) for name, value in filters.items()})
        return super().get_context_data(
            form=PublicProjectFilterForm(initial=filters),  # shown without error marks: see `ignored`
            ignored=bound.ignored(),
            filtered=bool(filters),
            page_obj=page,
            projects=page.object_list,
            page_prefix=f"?{query}&page=" if query else "?page=",
            **kwargs,
        )


class ProjectDetailView(TemplateView):
    """/projekte/<slug>/: a public project as the public may see it; an internal one is a 404."""

    template_name = "transfer/project_detail.html"

    def get_context_data(self, **kwargs):
        project = selectors.project_get_public(slug=kwargs["slug"])
        participations = sorted(project.participations.all(), key=lambda p: (ROLE_ORDER.index(p.role), p.partner.name))
        # Only documents marked public; who uploaded them is not shown.
        documents = (
            ProjectDocument.objects.public().filter(project=project).only("pk", "title", "project_id").order_by("title")
        )
        return super().get_context_data(
            project=project,
            participations=participations,
            sponsors=selectors.cio_sponsors(project=project),
            evaluation=ProjectEvaluation.objects.public()
            .filter(project=project)
            .prefetch_related("indicators")
            .first(),
            solutions=list(project.solutions.all()),
            documents=documents,
            **kwargs,
        )


class ProjectDocumentView(View):
    """A public document of a public project, as a download; anything else is a 404."""

    def get(self, request, slug: str, pk: int):
        document = selectors.project_document_get_public(slug=slug, pk=pk)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


class PartnerListView(TemplateView):
    """/partner/: every partner, grouped by kind, with its current network memberships."""

    template_name = "transfer/partner_list.html"

    def get_context_data(self, **kwargs):
        groups: dict[str, list] = {}
        for partner in selectors.partner_list_public():
            groups.setdefault(partner.kind, []).append(partner)
        partner_groups = [(kind, KIND_HEADINGS[kind], groups.pop(kind)) for kind in KIND_HEADINGS if kind in groups]
        # A kind added later still shows up, under its own label.
        partner_groups += [
            (kind, PartnerKind(kind).label if kind in PartnerKind.values else kind, partners)
            for kind, partners in groups.items()
        ]
        return super().get_context_data(partner_groups=partner_groups, **kwargs)


class PartnerDetailView(TemplateView):
    """/partner/<slug>/: the partner, its memberships, what it leads, offers and reuses."""

    template_name = "transfer/partner_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.partner_get_public(slug=kwargs["slug"]), **kwargs)
