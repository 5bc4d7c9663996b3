"""Forms of the steering circle's workspace: validation only; the services decide."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.forms import DATE_INPUT_FORMATS, PersonChoiceField
from governance.models import (
    FocusArea,
    Meeting,
    RequestState,
    ResolutionResult,
    RulesOfProcedure,
    SteeringRequest,
    SteeringSeat,
    User,
    Visibility,
    VoteChoice,
)
from governance.steering_effects import subject_choices, subject_from_value

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"]
DATETIME_ERRORS = {"invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 24.03.2027 10:00.")}
NUMBER_BY_HAND = _("Die Beschlussnummer vergibt das Portal; sie kann nicht von Hand gesetzt werden.")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def datetime_field(label, **kwargs) -> forms.DateTimeField:
    """Entered and shown in Europe/Berlin (the site's time zone)."""
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeLocalInput(),
        error_messages=DATETIME_ERRORS,
        **kwargs,
    )


def _subject_choices_with_blank():
    return [("", _("– ohne –")), *subject_choices()]


class SubjectField(forms.ChoiceField):
    """A project gate or a sponsorship (registered by the later app), or nothing."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Bezug"),
            required=False,
            help_text=_("Ein Phasen-Gate oder eine CIO-Patenschaft, über die beschlossen wird."),
            **kwargs,
        )
        # A callable: the list is built when a form is rendered, not when this module is imported.
        self.choices = _subject_choices_with_blank

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        subject = subject_from_value(value)
        if subject is None:
            raise forms.ValidationError(_("Dieser Bezug ist nicht mehr verfügbar."))
        return subject


def open_requests():
    return SteeringRequest.objects.filter(state=RequestState.FILED).select_related("network", "partner")


class MeetingForm(forms.ModelForm):
    starts_at = datetime_field(_("Beginn"))
    ends_at = datetime_field(_("Ende"))
    chair = PersonChoiceField(queryset=User.objects.filter(is_active=True), label=_("Sitzungsleitung"), required=False)

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "video_link", "chair"]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Grund der Absage"), widget=forms.Textarea(attrs={"rows": 3}))


class AgendaItemForm(forms.Form):
    number = forms.IntegerField(
        label=_("Nummer"), min_value=1, required=False, help_text=_("Leer lassen für die nächste freie Nummer.")
    )
    title = forms.CharField(label=_("Titel"), max_length=250, required=False)
    presenter = forms.CharField(label=_("Vortragende Stelle"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Art"), choices=())
    description = forms.CharField(label=_("Erläuterung"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    is_public = forms.BooleanField(label=_("Öffentlich"), required=False, initial=True)
    subject = SubjectField()
    steering_request = forms.ModelChoiceField(
        queryset=SteeringRequest.objects.none(), label=_("Aufnahme- oder Themenantrag"), required=False
    )

    def __init__(self, *args, **kwargs):
        from governance.models import AgendaItemKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AgendaItemKind.choices
        self.fields["steering_request"].queryset = open_requests()

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Bitte geben Sie dem Tagesordnungspunkt einen Titel."))
        return title


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel der Unterlage"), max_length=200)
    file = forms.FileField(label=_("Datei"), help_text=_("PDF, ODT, DOCX, PNG oder JPG."))
    is_public = forms.BooleanField(label=_("Öffentlich"), required=False)


class AttendanceForm(forms.Form):
    """One field per seat: who represented it (holder or deputy), or nobody."""

    def __init__(self, *args, seat_choices, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for seat, people in seat_choices:
            name = f"seat_{seat.pk}"
            self.people[name] = {str(p.pk): p for p in people}
            current = attendance.get(seat.pk)
            self.fields[name] = forms.ChoiceField(
                label=str(seat.partner),
                required=False,
                choices=[("", _("nicht vertreten"))] + [(str(p.pk), str(p)) for p in people],
                initial=str(current.person_id) if current else "",
            )

    def present(self) -> dict[int, object]:
        return {
            int(name.removeprefix("seat_")): self.people[name].get(value) if value else None
            for name, value in self.cleaned_data.items()
        }


class ResolutionForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=250, required=False)
    text = forms.CharField(label=_("Beschlusstext"), widget=forms.Textarea(attrs={"rows": 5}))
    result = forms.ChoiceField(label=_("Ergebnis"), choices=ResolutionResult.choices, widget=forms.RadioSelect)
    visibility = forms.ChoiceField(label=_("Sichtbarkeit"), choices=Visibility.choices, initial=Visibility.INTERNAL)
    focus_areas = forms.ModelMultipleChoiceField(
        queryset=FocusArea.objects.filter(is_active=True), label=_("Arbeitsschwerpunkte"), required=False
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat_fields = []
        choices = [("", _("keine Angabe"))] + [
            (c, label) for c, label in VoteChoice.choices if c != VoteChoice.OBJECTION
        ]
        for seat in seats:
            name = f"vote_{seat.pk}"
            self.fields[name] = forms.ChoiceField(
                label=_("Stimme %(partner)s") % {"partner": seat.partner}, choices=choices, required=False
            )
            self.seat_fields.append(name)

    def clean(self):
        if "number" in self.data:
            raise forms.ValidationError(NUMBER_BY_HAND)
        return super().clean()

    def votes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("vote_")): self.cleaned_data[name]
            for name in self.seat_fields
            if self.cleaned_data.get(name)
        }


class MinutesForm(forms.Form):
    notes = forms.CharField(label=_("Allgemeine Hinweise"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, items, notes="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].initial = notes
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=_("TOP %(number)s: %(title)s – Ergebnis der Aussprache")
                % {"number": item.number, "title": item.title},
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=item.discussion_summary,
            )

    def summaries(self) -> dict[int, str]:
        return {
            int(name.removeprefix("item_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("item_")
        }


class ApproveMinutesForm(forms.Form):
    approved_in = forms.ModelChoiceField(queryset=Meeting.objects.none(), label=_("Genehmigt in der Sitzung"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_in"].queryset = Meeting.objects.filter(
            circle=meeting.circle, starts_at__gt=meeting.starts_at, starts_at__lte=timezone.now()
        ).exclude(state="cancelled")


class BallotForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=250, required=False)
    motion = forms.CharField(label=_("Beschlussvorschlag"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    deadline = datetime_field(_("Frist"))
    is_public = forms.BooleanField(label=_("Beschluss öffentlich"), required=False, initial=True)
    subject = SubjectField()
    steering_request = forms.ModelChoiceField(
        queryset=SteeringRequest.objects.none(), label=_("Aufnahme- oder Themenantrag"), required=False
    )
    document_title = forms.CharField(label=_("Titel der Unterlage"), max_length=200, required=False)
    document = forms.FileField(label=_("Unterlage"), required=False)

    def __init__(self, *args, default_days: int = 14, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].initial = timezone.localtime(timezone.now() + timedelta(days=default_days)).replace(
            second=0, microsecond=0
        )
        self.fields["steering_request"].queryset = open_requests()

    def clean_motion(self):
        motion = self.cleaned_data["motion"].strip()
        if not motion:
            raise forms.ValidationError(_("Bitte geben Sie den Beschlussvorschlag an."))
        return motion


class VoteForm(forms.Form):
    seat = forms.ModelChoiceField(queryset=SteeringSeat.objects.none(), label=_("Für den Sitz"), empty_label=None)
    choice = forms.ChoiceField(label=_("Ihre Stimme"), choices=VoteChoice.choices, widget=forms.RadioSelect)

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats


class DelegationForm(forms.Form):
    seat = forms.ModelChoiceField(queryset=SteeringSeat.objects.none(), label=_("Sitz"), empty_label=None)
    occasion = forms.ChoiceField(label=_("Für"))

    def __init__(self, *args, seats, meetings, ballots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats
        self.fields["occasion"].choices = [
            (_("Sitzungen"), [(f"meeting:{m.pk}", str(m)) for m in meetings]),
            (_("Umlaufverfahren"), [(f"ballot:{b.pk}", str(b)) for b in ballots]),
        ]
        self.meetings = {str(m.pk): m for m in meetings}
        self.ballots = {str(b.pk): b for b in ballots}

    def occasion_kwargs(self) -> dict:
        kind, _sep, pk = self.cleaned_data["occasion"].partition(":")
        return {"meeting": self.meetings[pk]} if kind == "meeting" else {"ballot": self.ballots[pk]}


class RulesForm(forms.ModelForm):
    valid_from = forms.DateField(label=_("Gültig ab"), input_formats=DATE_INPUT_FORMATS)

    class Meta:
        model = RulesOfProcedure
        fields = [
            "valid_from",
            "majority",
            "majority_base",
            "silence",
            "objection_refers",
            "quorum_percent",
            "min_deadline_days",
            "default_deadline_days",
        ]


class SeatForm(forms.ModelForm):
    class Meta:
        model = SteeringSeat
        fields = ["partner", "position", "is_active"]


class SteeringRequestForm(forms.ModelForm):
    join_on = forms.DateField(label=_("Beitritt zum"), input_formats=DATE_INPUT_FORMATS, required=False)

    class Meta:
        model = SteeringRequest
        fields = [
            "kind",
            "network",
            "partner",
            "applicant",
            "focus_area_name",
            "description",
            "contact_email",
            "join_on",
        ]
