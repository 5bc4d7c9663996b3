"""The secretariat's solution workspace: list, create and edit, readiness and publication, the
adoption pipeline and confirmed reuse requests. Thin: permission → read → form → service → redirect."""

from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from kooperationsraum.views import WorkspaceView, require, show_service_error
from projects.selectors import project_get_for_user
from transfer import selectors_workspace
from transfer.forms_workspace import (
    AdoptionForm,
    InquiryFilterForm,
    ServiceCoverageFormSet,
    SolutionDocumentFormSet,
    SolutionFilterForm,
    SolutionForm,
    UnpublishForm,
)
from transfer.models import Adoption, Readiness, Solution
from transfer.permissions import may_manage_solutions
from transfer.services import (
    adoption_save,
    inquiry_to_adoption,
    solution_create_from_project,
    solution_mark_reviewed,
    solution_publish,
    solution_save,
    solution_unpublish,
)

PAGE_SIZE = 25


# --- list ----------------------------------------------------------------------------------------


class SolutionRow(NamedTuple):
    solution: Solution
    readiness: Readiness


class SecretariatView(WorkspaceView):
    """Anonymous → login (WorkspaceView), anyone but the secretariat → 403, then the object (404)."""

    def prepare(self, request, **kwargs) -> None:
        require(may_manage_solutions(request.user))
        self.load(**kwargs)

    def load(self, **kwargs) -> None:
        """Load what the view works on; raise Http404 for what does not exist."""


@method_decorator(never_cache, name="dispatch")
class SolutionListView(SecretariatView):
    def get(self, request):
        form = SolutionFilterForm(request.GET or None)
        filters = form.filters()
        solutions = selectors_workspace.solutions_for_workspace(filters=filters)
        page = Paginator(solutions, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "transfer/workspace_solution_list.html",
            {
                "form": form,
                "filtered": bool(filters),
                "page_obj": page,
                "rows": [SolutionRow(solution, solution.readiness()) for solution in page],
            },
        )


class SolutionFromProjectView(SecretariatView):
    def load(self, **kwargs) -> None:
        self.project = project_get_for_user(user=self.request.user, slug=kwargs["project_slug"])

    def post(self, request, project_slug: str):
        solution = solution_create_from_project(project=self.project, actor=request.user, request=request)
        messages.success(
            request,
            _("Aus dem Projekt ist der Entwurf „%(title)s“ entstanden. Ergänzen Sie jetzt, was für den Transfer fehlt.")
            % {"title": solution.title},
        )
        return redirect("transfer:workspace-solution-edit", solution.pk)


# --- create and edit -----------------------------------------------------------------------------


class SolutionFormView(SecretariatView):
    """The solution with its OZG services and documents, saved together or not at all."""

    solution: Solution | None = None
    submit_label = ""

    def forms(self, data=None, files=None):
        instance = self.solution or Solution()
        return (
            SolutionForm(data, instance=instance),
            ServiceCoverageFormSet(data, instance=instance, prefix="leistungen"),
            SolutionDocumentFormSet(data, files, instance=instance, prefix="dokumente"),
        )

    def get(self, request, **kwargs):
        return self.render_forms(*self.forms())

    def post(self, request, **kwargs):
        form, services, documents = self.forms(request.POST, request.FILES)
        if form.is_valid() & services.is_valid() & documents.is_valid():  # validate all, show every error
            created = form.instance.pk is None
            try:
                solution = solution_save(
                    solution=form.instance,
                    focus_areas=form.cleaned_data["focus_areas"],
                    partners=form.cleaned_data["partners"],
                    parts=(services, documents),
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                if created:
                    form.instance.pk = None  # nothing was stored
                show_service_error(form, error)
            else:
                messages.success(request, _("Die Lösung „%(title)s“ ist gespeichert.") % {"title": solution.title})
                return redirect("transfer:workspace-solution-detail", solution.pk)
        return self.render_forms(form, services, documents)

    def render_forms(self, form, services, documents):
        return render(
            self.request,
            "transfer/workspace_solution_form.html",
            {
                "form": form,
                "services": services,
                "documents": documents,
                "solution": self.solution,
                "heading": self.heading(),
                "submit_label": self.submit_label,
                "cancel_url": (
                    reverse("transfer:workspace-solution-detail", args=[self.solution.pk])
                    if self.solution
                    else reverse("transfer:workspace-solution-list")
                ),
                "has_errors": bool(form.errors or services.total_error_count() or documents.total_error_count()),
            },
        )


class SolutionCreateView(SolutionFormView):
    submit_label = gettext_lazy("Lösung anlegen")

    def heading(self) -> str:
        return _("Neue Lösung anlegen")


@method_decorator(never_cache, name="dispatch")
class SolutionEditView(SolutionFormView):
    submit_label = gettext_lazy("Änderungen speichern")

    def load(self, pk: int, **kwargs) -> None:
        self.solution = selectors_workspace.solution_get_for_workspace(pk=pk)
        # Binding the form changes the instance: remember what the stored solution is called.
        self.stored_title = self.solution.title

    def heading(self) -> str:
        return _("Lösung bearbeiten: %(title)s") % {"title": self.stored_title}


# --- the solution's page: readiness, publication, adoptions, inquiries ----------------------------


class SolutionPageView(SecretariatView):
    def load(self, pk: int, **kwargs) -> None:
        self.solution = selectors_workspace.solution_get_for_workspace(pk=pk)

    def render_page(self, *, unpublish_form=None, adoption_form=None, publish_error: str = "", status: int = 200):
        solution = self.solution
        readiness = solution.readiness()
        return render(
            self.request,
            "transfer/workspace_solution_detail.html",
            {
                "solution": solution,
                "checks": readiness.checks,
                "passed": readiness.passed,
                "applicable": len(readiness.applicable),
                "ready": readiness.ready,
                "is_published": solution.is_published,
                "publish_error": publish_error,
                "unpublish_form": unpublish_form or UnpublishForm(),
                "adoption_form": adoption_form or AdoptionForm(prefix="nachnutzung"),
            },
            status=status,
        )

    def back(self, anchor: str = ""):
        url = reverse("transfer:workspace-solution-detail", args=[self.solution.pk])
        return redirect(url + (f"#{anchor}" if anchor else ""))


@method_decorator(never_cache, name="dispatch")
class SolutionDetailView(SolutionPageView):
    def get(self, request, pk: int):
        return self.render_page()


class SolutionPublishView(SolutionPageView):
    def post(self, request, pk: int):
        try:
            solution_publish(solution=self.solution, actor=request.user, request=request)
        except ValidationError as error:  # the service names what is missing
            return self.render_page(publish_error=" ".join(error.messages), status=409)
        messages.success(request, _("Die Lösung ist veröffentlicht und steht im Katalog."))
        return self.back()


class SolutionUnpublishView(SolutionPageView):
    def post(self, request, pk: int):
        form = UnpublishForm(request.POST)
        if form.is_valid():
            try:
                solution_unpublish(
                    solution=self.solution, actor=request.user, reason=form.cleaned_data["reason"], request=request
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Die Lösung ist zurückgezogen und nicht mehr öffentlich."))
                return self.back()
        return self.render_page(unpublish_form=form)


class SolutionReviewView(SolutionPageView):
    def post(self, request, pk: int):
        solution_mark_reviewed(solution=self.solution, actor=request.user, request=request)
        messages.success(request, _("Die Lösung ist als heute geprüft vermerkt."))
        return self.back()


class AdoptionCreateView(SolutionPageView):
    def post(self, request, pk: int):
        form = AdoptionForm(request.POST, prefix="nachnutzung", instance=Adoption(solution=self.solution))
        if form.is_valid():
            try:
                adoption = adoption_save(adoption=form.instance, actor=request.user, request=request)
            except ValidationError as error:
                form.instance.pk = None
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Die Nachnutzung durch %(organisation)s ist eingetragen.")
                    % {"organisation": adoption.organisation},
                )
                return self.back("nachnutzung")
        return self.render_page(adoption_form=form)


@method_decorator(never_cache, name="dispatch")
class AdoptionEditView(SecretariatView):
    """Move an adoption along the pipeline (or correct its details); the service audits the move."""

    def load(self, pk: int, adoption_pk: int, **kwargs) -> None:
        self.adoption = selectors_workspace.adoption_get_for_workspace(solution_pk=pk, pk=adoption_pk)
        self.stored = {"organisation": self.adoption.organisation, "solution": self.adoption.solution}

    def get(self, request, **kwargs):
        return self._render(AdoptionForm(instance=self.adoption))

    def post(self, request, **kwargs):
        form = AdoptionForm(request.POST, instance=self.adoption)
        if form.is_valid():
            try:
                adoption = adoption_save(adoption=form.instance, actor=request.user, request=request)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Nachnutzung durch %(organisation)s: Stand „%(stage)s“.")
                    % {"organisation": adoption.organisation, "stage": adoption.get_stage_display()},
                )
                return redirect(
                    reverse("transfer:workspace-solution-detail", args=[adoption.solution_id]) + "#nachnutzung"
                )
        return self._render(form)

    def _render(self, form):
        return render(
            self.request,
            "transfer/workspace_adoption_form.html",
            {
                "form": form,
                "solution": self.stored["solution"],
                "organisation": self.stored["organisation"],
            },
        )


# --- reuse requests --------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class InquiryListView(SecretariatView):
    def get(self, request):
        form = InquiryFilterForm(request.GET or None)
        filters = form.filters()
        inquiries = selectors_workspace.inquiries_for_workspace(filters=filters)
        page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "transfer/workspace_inquiry_list.html",
            {
                "form": form,
                "filtered": bool(filters),
                "page_obj": page,
            },
        )


class InquiryAdoptView(SecretariatView):
    def load(self, pk: int, **kwargs) -> None:
        self.inquiry = selectors_workspace.inquiry_get_for_workspace(pk=pk)

    def post(self, request, pk: int):
        try:
            adoption = inquiry_to_adoption(inquiry=self.inquiry, actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("transfer:inquiry-list")
        messages.success(
            request,
            _("%(organisation)s steht jetzt mit dem Stand „Interesse“ in der Nachnutzung.")
            % {"organisation": adoption.organisation},
        )
        return redirect(reverse("transfer:workspace-solution-detail", args=[adoption.solution_id]) + "#nachnutzung")
