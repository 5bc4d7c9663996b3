"""The steering circle in the admin: for looking, never for writing. Every change of a governed
object (seats, rules, meetings, agendas, attendance, minutes, ballots, votes, resolutions,
requests) has its service with permission check, row lock and audit event, reached through the
workspace (/arbeitsbereich/lenkungskreis/); an admin form would bypass all three. So each page
here is read-only, links to the workspace page where the change is made, and has no actions."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotVote,
    Meeting,
    Minutes,
    Resolution,
    ResolutionVote,
    RulesOfProcedure,
    SteeringCircle,
    SteeringDocument,
    SteeringRequest,
    SteeringSeat,
    VoteDelegation,
)
from kooperationsraum.admin import ReadOnlyAdminMixin


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = False


class SteeringAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """No add, change or delete, and no bulk delete action."""

    actions = None


@admin.register(SteeringCircle)
class SteeringCircleAdmin(SteeringAdmin):
    list_display = ["name", "number_prefix", "network"]


@admin.register(RulesOfProcedure)
class RulesOfProcedureAdmin(SteeringAdmin):
    list_display = ["circle", "valid_from", "majority", "majority_base", "silence", "quorum_percent"]
    list_filter = ["circle"]


@admin.register(SteeringSeat)
class SteeringSeatAdmin(SteeringAdmin):
    list_display = ["partner", "circle", "position", "is_active"]
    list_filter = ["circle", "is_active"]
    list_select_related = ["partner", "circle"]


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["number", "title", "kind", "is_public", "request"]


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ["seat", "person", "capacity"]


@admin.register(Meeting)
class MeetingAdmin(SteeringAdmin):
    list_display = ["title", "starts_at", "state", "circle"]
    list_filter = ["state", "circle"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SteeringAdmin):
    list_display = ["__str__", "meeting", "kind", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title"]
    list_select_related = ["meeting"]


@admin.register(Attendance)
class AttendanceAdmin(SteeringAdmin):
    list_display = ["meeting", "seat", "person", "capacity"]
    list_select_related = ["meeting", "seat__partner", "person"]


@admin.register(Minutes)
class MinutesAdmin(SteeringAdmin):
    list_display = ["meeting", "state", "circulated_at", "approved_at"]
    list_filter = ["state"]
    list_select_related = ["meeting"]


class BallotVoteInline(ReadOnlyInline):
    model = BallotVote
    fields = ["seat", "choice", "cast_by", "capacity", "cast_at"]


@admin.register(Ballot)
class BallotAdmin(SteeringAdmin):
    list_display = ["title", "opened_at", "deadline", "state", "outcome"]
    list_filter = ["state", "outcome"]
    search_fields = ["title", "motion"]
    inlines = [BallotVoteInline]


@admin.register(BallotVote)
class BallotVoteAdmin(SteeringAdmin):
    list_display = ["ballot", "seat", "choice", "capacity", "cast_at"]
    list_filter = ["choice"]
    list_select_related = ["ballot", "seat__partner"]


@admin.register(VoteDelegation)
class VoteDelegationAdmin(SteeringAdmin):
    list_display = ["seat", "holder", "deputy", "meeting", "ballot"]
    list_select_related = ["seat__partner", "holder", "deputy", "meeting", "ballot"]


@admin.register(SteeringDocument)
class SteeringDocumentAdmin(SteeringAdmin):
    list_display = ["title", "agenda_item", "ballot", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["title"]


class ResolutionVoteInline(ReadOnlyInline):
    model = ResolutionVote
    fields = ["seat", "choice"]


@admin.register(Resolution)
class ResolutionAdmin(SteeringAdmin):
    list_display = ["number", "title", "result", "visibility", "decided_on"]
    list_filter = ["result", "visibility", "number_year"]
    search_fields = ["number", "title", "text"]
    date_hierarchy = "decided_on"
    inlines = [ResolutionVoteInline]


@admin.register(ResolutionVote)
class ResolutionVoteAdmin(SteeringAdmin):
    list_display = ["resolution", "seat", "choice"]
    list_filter = ["choice"]
    list_select_related = ["resolution", "seat__partner"]


@admin.register(SteeringRequest)
class SteeringRequestAdmin(SteeringAdmin):
    list_display = ["__str__", "kind", "state", "way", "filed_at"]
    list_filter = ["kind", "state"]
    search_fields = ["applicant", "focus_area_name"]
    readonly_fields = ["way", "confirmed_at", "consent", "created_membership", "created_focus_area"]

    @admin.display(description=_("Eingegangen über"))
    def way(self, obj):
        return _("öffentliches Formular") if obj.is_public else _("Geschäftsstelle")
