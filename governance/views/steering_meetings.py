"""Meetings: list, plan, edit, invite, cancel; agenda and documents; responses, attendance;
resolutions of decision items; minutes."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.forms_steering import (
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceForm,
    CancelForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
    ResolutionForm,
)
from governance.models import AgendaItem, AgendaItemKind, Meeting, MeetingResponse, ResponseChoice
from governance.permissions_steering import is_circle_member, may_manage_steering, member_seats
from governance.selectors_steering import (
    active_seats,
    agenda_item_get_for_user,
    attendance_by_seat,
    meeting_get_for_user,
    meeting_list_for_user,
    reported_ballots,
)
from governance.services.steering import meetings, minutes, resolutions
from governance.steering_effects import subject_value
from governance.views.steering_base import SteeringActionView, SteeringFormView, SteeringView

MEETING_PAGE_SIZE = 50


class MeetingListView(SteeringView):
    def get(self, request):
        upcoming = list(meeting_list_for_user(user=request.user, upcoming=True)[:MEETING_PAGE_SIZE])
        past = list(meeting_list_for_user(user=request.user, upcoming=False)[:MEETING_PAGE_SIZE])
        return self.render("governance/steering/meeting_list.html", upcoming=upcoming, past=past)


class MeetingMixin:
    def prepare(self, request, **kwargs) -> None:
        self.meeting: Meeting = meeting_get_for_user(user=request.user, pk=kwargs["pk"])

    def success_url(self) -> str:
        return reverse("governance:steering-meeting-detail", args=[self.meeting.pk])


class MeetingDetailView(MeetingMixin, SteeringView):
    def get(self, request, pk):
        meeting = self.meeting
        response = MeetingResponse.objects.filter(meeting=meeting, person=request.user).first()
        return self.render(
            "governance/steering/meeting_detail.html",
            meeting=meeting,
            items=list(meeting.agenda_items.all()),
            attendances=list(meeting.attendances.all()),
            quorum=meetings.meeting_quorum(meeting),
            minutes=getattr(meeting, "minutes", None),
            reported_ballots=list(reported_ballots(meeting)),
            responses=list(meeting.responses.select_related("person")) if may_manage_steering(request.user) else [],
            my_response=response,
            may_respond=is_circle_member(request.user, meeting.circle_id)
            and not meeting.is_cancelled
            and not meeting.has_started,
            response_choices=ResponseChoice.choices,
        )


class MeetingCreateView(SteeringFormView):
    secretariat_only = True
    heading = _("Sitzung planen")
    submit_label = _("Sitzung anlegen")
    success_message = _("Die Sitzung ist angelegt.")

    def make_form(self, data=None, files=None):
        return MeetingForm(data, instance=Meeting(circle=self.circle))

    def perform(self, form):
        self.meeting = meetings.meeting_create(meeting=form.instance, actor=self.request.user, request=self.request)

    def success_url(self):
        return reverse("governance:steering-meeting-detail", args=[self.meeting.pk])

    def cancel_url(self):
        return reverse("governance:steering-meeting-list")


class MeetingUpdateView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Sitzung bearbeiten")
    submit_label = _("Speichern")
    success_message = _(
        "Die Sitzung ist gespeichert; Eingeladene erhalten bei geänderter Zeit oder geändertem Ort eine Aktualisierung."
    )

    def make_form(self, data=None, files=None):
        return MeetingForm(data, instance=Meeting.objects.get(pk=self.meeting.pk))

    def perform(self, form):
        meetings.meeting_update(meeting=form.instance, actor=self.request.user, request=self.request)


class MeetingInviteView(MeetingMixin, SteeringActionView):
    secretariat_only = True
    success_message = _("Die Einladung ist versandt.")

    def perform(self):
        meetings.meeting_invite(meeting=self.meeting, actor=self.request.user, request=self.request)


class MeetingCancelView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Sitzung absagen")
    submit_label = _("Sitzung absagen")
    success_message = _("Die Sitzung ist abgesagt.")

    def make_form(self, data=None, files=None):
        return CancelForm(data)

    def perform(self, form):
        meetings.meeting_cancel(
            meeting=self.meeting, reason=form.cleaned_data["reason"], actor=self.request.user, request=self.request
        )


class MeetingRespondView(MeetingMixin, SteeringActionView):
    success_message = _("Ihre Rückmeldung ist gespeichert.")

    def perform(self):
        response = self.request.POST.get("response")
        if response not in ResponseChoice.values:
            raise PermissionDenied(str(_("Bitte wählen Sie Zu- oder Absage.")))
        meetings.meeting_respond(meeting=self.meeting, response=response, actor=self.request.user)


class AgendaItemFormView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Tagesordnungspunkt")
    submit_label = _("Speichern")
    success_message = _("Die Tagesordnung ist gespeichert.")

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        item_pk = kwargs.get("item")
        self.item = (
            agenda_item_get_for_user(user=request.user, meeting=self.meeting, pk=item_pk)
            if item_pk
            else AgendaItem(meeting=self.meeting)
        )

    def make_form(self, data=None, files=None):
        item = self.item
        initial = {
            "number": item.number,
            "title": item.title,
            "presenter": item.presenter,
            "kind": item.kind or AgendaItemKind.INFORMATION,
            "description": item.description,
            "is_public": item.is_public if item.pk else True,
            "subject": subject_value(item.subject) if item.pk else "",
            "steering_request": item.request_id,
        }
        return AgendaItemForm(data, initial=initial)

    def perform(self, form):
        data = form.cleaned_data
        for field in ("number", "title", "presenter", "kind", "description", "is_public"):
            setattr(self.item, field, data[field] if data[field] is not None else getattr(self.item, field))
        meetings.agenda_item_save(
            item=self.item,
            subject=data["subject"],
            steering_request=data["steering_request"],
            actor=self.request.user,
            request=self.request,
        )


class AgendaDocumentView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Unterlage hinzufügen")
    submit_label = _("Hochladen")
    success_message = _("Die Unterlage ist hinzugefügt.")
    multipart = True

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        self.item = agenda_item_get_for_user(user=request.user, meeting=self.meeting, pk=kwargs["item"])

    def make_form(self, data=None, files=None):
        return DocumentForm(data, files)

    def perform(self, form):
        meetings.document_add(
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            is_public=form.cleaned_data["is_public"],
            agenda_item=self.item,
            actor=self.request.user,
        )


class AttendanceView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Anwesenheit erfassen")
    intro = _("Wer hat welchen Sitz vertreten? Daraus ergibt sich, ob die Sitzung beschlussfähig ist.")
    submit_label = _("Anwesenheit speichern")
    success_message = _("Die Anwesenheit ist gespeichert.")

    def make_form(self, data=None, files=None):
        return AttendanceForm(
            data,
            seat_choices=meetings.seat_choices_for_attendance(self.meeting),
            attendance=attendance_by_seat(self.meeting),
        )

    def perform(self, form):
        meetings.attendance_record(
            meeting=self.meeting, present=form.present(), actor=self.request.user, request=self.request
        )


class ResolutionRecordView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Beschluss erfassen")
    submit_label = _("Beschluss erfassen")
    success_message = _("Der Beschluss ist erfasst.")

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        self.item = agenda_item_get_for_user(user=request.user, meeting=self.meeting, pk=kwargs["item"])

    @property
    def intro(self):
        return str(self.item)

    def make_form(self, data=None, files=None):
        return ResolutionForm(data, seats=active_seats(self.circle), initial={"title": self.item.title})

    def perform(self, form):
        data = form.cleaned_data
        resolutions.resolution_record(
            agenda_item=self.item,
            title=data["title"],
            text=data["text"],
            result=data["result"],
            visibility=data["visibility"],
            votes=form.votes(),
            focus_areas=data["focus_areas"],
            actor=self.request.user,
            request=self.request,
        )


class MinutesEditView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Protokoll schreiben")
    submit_label = _("Protokoll speichern")
    success_message = _("Das Protokoll ist gespeichert.")

    def make_form(self, data=None, files=None):
        current = getattr(self.meeting, "minutes", None)
        return MinutesForm(data, items=list(self.meeting.agenda_items.all()), notes=current.notes if current else "")

    def perform(self, form):
        minutes.minutes_save(
            meeting=self.meeting,
            notes=form.cleaned_data["notes"],
            summaries=form.summaries(),
            actor=self.request.user,
            request=self.request,
        )


class MinutesCirculateView(MeetingMixin, SteeringActionView):
    secretariat_only = True
    success_message = _("Der Protokollentwurf ist an die Mitglieder versandt.")

    def perform(self):
        minutes.minutes_circulate(meeting=self.meeting, actor=self.request.user, request=self.request)


class MinutesApproveView(MeetingMixin, SteeringFormView):
    secretariat_only = True
    heading = _("Protokoll genehmigen")
    intro = _("Das Protokoll genehmigt eine spätere Sitzung; danach ist es gesperrt.")
    submit_label = _("Als genehmigt eintragen")
    success_message = _("Das Protokoll ist genehmigt und gesperrt.")

    def make_form(self, data=None, files=None):
        return ApproveMinutesForm(data, meeting=self.meeting)

    def perform(self, form):
        minutes.minutes_approve(
            meeting=self.meeting,
            approved_in=form.cleaned_data["approved_in"],
            actor=self.request.user,
            request=self.request,
        )


def my_seats(user, circle):
    return member_seats(user, circle).select_related("partner")
