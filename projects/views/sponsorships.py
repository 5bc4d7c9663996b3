"""CIO sponsorship pages: the inbox, the decision page and its actions, the request, attachments.

A request a person may not see does not exist for them (404), on the page and on every POST
endpoint alike; someone who sees it but lacks the right for an action gets 403 with the reason,
in the service's own words where a service refuses.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from guardian.shortcuts import get_users_with_perms

from governance.models import User
from kooperationsraum.session_pages import keep_for_session
from kooperationsraum.views import ServiceFormView
from projects import selectors
from projects.forms_sponsorships import (
    SponsorshipDecisionForm,
    SponsorshipDelegateForm,
    SponsorshipEndForm,
    SponsorshipFilterForm,
    SponsorshipRequestForm,
    SponsorshipRevisionForm,
    SponsorshipWithdrawForm,
)
from projects.models import Sponsorship, SponsorshipAttachment, SponsorshipState
from projects.permissions import (
    DECIDE_SPONSORSHIP,
    delegate_candidates,
    may_decide_sponsorship,
    may_delegate_sponsorship,
    may_end_sponsorship,
    may_request_sponsorship,
    may_use_sponsorship_inbox,
)
from projects.services import sponsorships as services
from projects.steering import confirming_resolution
from projects.views.common import ProjectFormView, WorkspaceView, refused, require, show_service_error
from projects.views.workspace import _sum_rows

PAGE_SIZE = 25


def _delegates(sponsorship: Sponsorship):
    """The people this one request is delegated to (direct grants only, never superusers)."""
    return sorted(
        get_users_with_perms(
            sponsorship, only_with_perms_in=[DECIDE_SPONSORSHIP], with_superusers=False, with_group_users=False
        ),
        key=lambda person: (person.last_name, person.email),
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(keep_for_session, name="get")
class SponsorshipListView(WorkspaceView):
    """The inbox: open requests first; a CIO sees only their own Land's."""

    def prepare(self, request, **kwargs) -> None:
        require(may_use_sponsorship_inbox(request.user))

    def get(self, request):
        form = SponsorshipFilterForm(request.GET or None)
        sponsorships = selectors.sponsorship_list_for_user(user=request.user, state=form.state_filter())
        page = Paginator(sponsorships, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "projects/sponsorship_list.html",
            {
                "form": form,
                "page_obj": page,
                "filtered": bool(form.state_filter()),
                "may_request": may_request_sponsorship(request.user),
            },
        )


class SponsorshipView(WorkspaceView):
    """One request, fetched and authorised by its selector; then the action's own right."""

    refusal = ""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return refused(request, str(error) or _("Dafür fehlt Ihnen die Berechtigung."))

    def prepare(self, request, **kwargs) -> None:
        self.sponsorship: Sponsorship = selectors.sponsorship_get_for_user(user=request.user, pk=kwargs["pk"])
        if not self.may(request.user, self.sponsorship):
            raise PermissionDenied(self.refusal)

    def may(self, user, sponsorship: Sponsorship) -> bool:
        return True

    def back(self):
        return redirect(self.sponsorship)


@method_decorator(never_cache, name="dispatch")
class SponsorshipDetailView(SponsorshipView):
    """Everything needed to decide, and the actions the person may take on it now."""

    def get(self, request, pk: int):
        return self.render_page()

    def render_page(self, decision_form=None):
        user = self.request.user
        detail = selectors.sponsorship_detail(sponsorship=self.sponsorship)
        sponsorship = detail["sponsorship"]
        others = list(detail["other_sponsorships"])
        is_open = sponsorship.is_requested
        may_request = may_request_sponsorship(user)
        may_delegate = is_open and may_delegate_sponsorship(user, sponsorship)
        if decision_form is None and is_open and may_decide_sponsorship(user, sponsorship):
            decision_form = SponsorshipDecisionForm()
        return render(
            self.request,
            "projects/sponsorship_detail.html",
            {
                **detail,
                "other_sponsorships": others,
                "visible_others": set(
                    selectors.sponsorships_visible_to(user)
                    .filter(pk__in=[other.pk for other in others])
                    .values_list("pk", flat=True)
                )
                if others
                else set(),
                "sum_rows": _sum_rows(detail["contribution_sums"]),
                "is_open": is_open,
                "confirmed_by": confirming_resolution(sponsorship),
                "decision_form": decision_form,
                "withdraw_form": SponsorshipWithdrawForm()
                if may_request and sponsorship.can_transition_to(SponsorshipState.WITHDRAWN)
                else None,
                "may_resubmit": may_request and sponsorship.can_transition_to(SponsorshipState.REQUESTED),
                "may_end": sponsorship.can_transition_to(SponsorshipState.ENDED)
                and may_end_sponsorship(user, sponsorship),
                "delegate_form": SponsorshipDelegateForm(people=delegate_candidates(sponsorship, delegator=user))
                if may_delegate
                else None,
                "delegates": _delegates(sponsorship) if may_delegate else [],
            },
        )


class SponsorshipDecideView(SponsorshipDetailView):
    """POST only. The service decides who may decide; its refusals keep the request unchanged."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        form = SponsorshipDecisionForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == SponsorshipDecisionForm.APPROVE
            decide = services.sponsorship_approve if approve else services.sponsorship_decline
            try:
                sponsorship = decide(
                    sponsorship=self.sponsorship,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Sie haben die CIO-Patenschaft übernommen.")
                    if approve
                    else _("Sie haben die CIO-Patenschaft abgelehnt."),
                )
                return redirect(sponsorship)
        return self.render_page(decision_form=form)


class SponsorshipWithdrawView(SponsorshipView):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        form = SponsorshipWithdrawForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            services.sponsorship_withdraw(
                sponsorship=self.sponsorship, actor=request.user, reason=reason, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Die Anfrage ist zurückgezogen."))
        return self.back()


class SponsorshipFormView(SponsorshipView, ServiceFormView):
    """The shared form page (`ServiceFormView`); a request in the wrong state is sent back to its
    page with `wrong_state`."""

    template_name = "projects/sponsorship_form.html"
    wrong_state = ""
    target_state = ""

    def get(self, request, *args, **kwargs):
        if not self.sponsorship.can_transition_to(self.target_state):
            messages.error(request, self.wrong_state)
            return self.back()
        return super().get(request, *args, **kwargs)

    def success_url(self) -> str:
        return self.sponsorship.get_absolute_url()

    def base_context(self) -> dict:
        return {"sponsorship": self.sponsorship, "project": self.sponsorship.project}


class SponsorshipResubmitView(SponsorshipFormView):
    heading = gettext_lazy("Anfrage überarbeiten und erneut senden")
    intro = gettext_lazy(
        "Die überarbeitete Anfrage geht als neue Runde an die oder den CIO. Frühere Runden "
        "bleiben mit ihrer Entscheidung im Verlauf sichtbar."
    )
    submit_label = gettext_lazy("Erneut anfragen")
    success_message = gettext_lazy("Die überarbeitete Anfrage ist gesendet.")
    wrong_state = gettext_lazy("Überarbeiten lässt sich nur eine abgelehnte Anfrage.")
    target_state = SponsorshipState.REQUESTED

    refusal = gettext_lazy("Patenschaften fragt die Geschäftsstelle an.")

    def may(self, user, sponsorship) -> bool:
        return may_request_sponsorship(user)

    def make_form(self, data=None, files=None):
        # The form writes into its instance while validating: keep the loaded request untouched.
        return SponsorshipRevisionForm(data, instance=copy.copy(self.sponsorship))

    def perform(self, form) -> None:
        services.sponsorship_resubmit(
            sponsorship=self.sponsorship, actor=self.request.user, request=self.request, **form.terms()
        )


class SponsorshipEndView(SponsorshipFormView):
    heading = gettext_lazy("Patenschaft beenden")
    intro = gettext_lazy(
        "Eine Patenschaft endet, wenn das Projekt abgeschlossen ist oder ein anderes Land sie übernimmt."
    )
    submit_label = gettext_lazy("Patenschaft beenden")
    success_message = gettext_lazy("Die Patenschaft ist beendet.")
    wrong_state = gettext_lazy("Beenden lässt sich nur eine übernommene Patenschaft.")
    target_state = SponsorshipState.ENDED

    refusal = gettext_lazy("Eine Patenschaft beenden die Geschäftsstelle oder die oder der CIO des Landes.")

    def may(self, user, sponsorship) -> bool:
        return may_end_sponsorship(user, sponsorship)

    def make_form(self, data=None, files=None):
        return SponsorshipEndForm(data)

    def perform(self, form) -> None:
        services.sponsorship_end(
            sponsorship=self.sponsorship,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            actor=self.request.user,
            request=self.request,
        )


class SponsorshipDelegateView(SponsorshipView):
    """POST only: the CIO names someone to decide this one request (the service checks the right)."""

    http_method_names = ["post"]
    action = staticmethod(services.sponsorship_delegate)

    def make_form(self, data):
        return SponsorshipDelegateForm(data, people=delegate_candidates(self.sponsorship, delegator=self.request.user))

    def success(self, person) -> str:
        return _("%(person)s kann jetzt über diese Anfrage entscheiden.") % {"person": person}

    def post(self, request, pk: int):
        form = self.make_form(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["person"]))
            return self.back()
        person = form.cleaned_data["person"]
        try:
            self.action(sponsorship=self.sponsorship, person=person, actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success(person))
        return self.back()


class SponsorshipRevokeDelegationView(SponsorshipDelegateView):
    action = staticmethod(services.sponsorship_revoke_delegation)

    def make_form(self, data):
        delegates = User.objects.filter(pk__in=[person.pk for person in _delegates(self.sponsorship)])
        return SponsorshipDelegateForm(data, people=delegates)

    def success(self, person) -> str:
        return _("%(person)s entscheidet nicht mehr über diese Anfrage.") % {"person": person}


class SponsorshipCreateView(ProjectFormView):
    """The secretariat asks a Land's CIO; the project page links here."""

    heading = gettext_lazy("CIO-Patenschaft anfragen")
    intro = gettext_lazy(
        "Die oder der CIO des gewählten Landes und die Stellvertretung erhalten die Anfrage "
        "und entscheiden im Portal. Je Projekt und Land ist nur eine offene Anfrage möglich."
    )
    submit_label = gettext_lazy("Anfrage senden")
    anchor = "patenschaften"
    created: Sponsorship | None = None

    def may(self, user, project) -> bool:
        return may_request_sponsorship(user)

    def make_form(self, data=None, files=None):
        return SponsorshipRequestForm(data, files, project=self.project)

    def perform(self, form) -> None:
        self.created = services.sponsorship_request(
            project=self.project,
            land=form.cleaned_data["land"],
            attachments=form.attachments(),
            actor=self.request.user,
            request=self.request,
            **form.terms(),
        )
        self.success_message = _("Die Anfrage ist an %(land)s gesendet.") % {"land": self.created.land}

    def success_url(self) -> str:
        return self.created.get_absolute_url() if self.created else super().success_url()

    def context(self) -> dict:
        return {"multipart": True}


@method_decorator(never_cache, name="dispatch")
class SponsorshipAttachmentView(SponsorshipView):
    """Only for people who may see the request; always as a download."""

    def get(self, request, pk: int, attachment_pk: int):
        attachment = get_object_or_404(SponsorshipAttachment, sponsorship=self.sponsorship, pk=attachment_pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])
