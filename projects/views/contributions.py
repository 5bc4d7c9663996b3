"""Partners' contributions: proposed by the secretariat or the project lead, confirmed only by a
representative of the contributing partner itself (rule 4: nothing is apportioned to anyone)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from projects import selectors
from projects.forms import ContributionForm
from projects.permissions import may_propose_contribution
from projects.services.progress import contribution_confirm, contribution_propose
from projects.views.common import ProjectFormView, WorkspaceView, refused

PENDING_PAGE_SIZE = 50


class ContributionCreateView(ProjectFormView):
    heading = gettext_lazy("Beitrag vorschlagen")
    intro = gettext_lazy(
        "Ein Beitrag bindet allein den genannten Partner, und erst, wenn eine Vertretung dieses "
        "Partners ihn bestätigt hat. Anderen Partnern wird nichts zugerechnet."
    )
    submit_label = gettext_lazy("Beitrag vorschlagen")
    success_message = gettext_lazy(
        "Der Beitrag ist vorgeschlagen. Er bindet den Partner, sobald dessen Vertretung ihn bestätigt."
    )
    anchor = "beitraege"

    def may(self, user, project) -> bool:
        return may_propose_contribution(user, project)

    def make_form(self, data=None, files=None):
        return ContributionForm(data, project=self.project)

    def perform(self, form) -> None:
        contribution_propose(contribution=form.instance, actor=self.request.user, request=self.request)


class ContributionConfirmView(WorkspaceView):
    """POST only. Found for the partner's representatives and for those who see the project;
    the service alone decides who binds the partner."""

    http_method_names = ["post"]

    def post(self, request, slug: str, pk: int):
        contribution = selectors.contribution_get_for_confirmation(user=request.user, slug=slug, pk=pk)
        try:
            contribution_confirm(contribution=contribution, actor=request.user, request=request)
        except PermissionDenied as error:
            return refused(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Sie haben den Beitrag von %(partner)s verbindlich bestätigt.") % {"partner": contribution.partner},
            )
        if selectors.project_ids_visible_to(user=request.user, ids=[contribution.project_id]):
            return redirect(contribution.project.get_absolute_url() + "#beitraege")
        return redirect(reverse("projects:contribution-pending"))


@method_decorator(never_cache, name="dispatch")
class ContributionPendingView(WorkspaceView):
    """The open contributions of the partners a person represents: theirs to confirm."""

    def get(self, request):
        pending = selectors.contribution_list_pending_for_user(user=request.user)
        page = Paginator(pending, PENDING_PAGE_SIZE).get_page(request.GET.get("page"))
        visible = selectors.project_ids_visible_to(user=request.user, ids={c.project_id for c in page})
        return render(request, "projects/contribution_pending.html", {"page_obj": page, "visible": visible})
