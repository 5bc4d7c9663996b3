"""Django admin for the secretariat's master data; access follows from roles (see permissions)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Importing admin_steering registers the steering circle's read-only pages.
import governance.admin_steering  # noqa: F401

# Importing admin_grants also registers the four-eyes grants (RoleGrantAdmin).
from governance.admin_grants import RoleAssignmentAdminForm
from governance.models import (
    Agreement,
    AuditEvent,
    FocusArea,
    Network,
    NetworkMembership,
    Notification,
    NotificationState,
    Partner,
    RoleAssignment,
    User,
    periods_overlap,
)
from governance.permissions import is_break_glass
from governance.services import accounts as account_services
from governance.services import roles as role_services
from governance.services.notifications import notification_retry
from kooperationsraum.admin import QuerySetFlagFilter, ReadOnlyAdminMixin


class CurrentFilter(QuerySetFlagFilter):
    """Filter dated rows by whether they hold today."""

    title = _("Gültigkeit")
    parameter_name = "current"
    method = "current"
    yes_label = _("aktuell gültig")
    no_label = _("beendet oder künftig")


class CurrentMembershipFilter(CurrentFilter):
    title = _("Mitgliedschaft")


class MembershipFormSet(BaseInlineFormSet):
    """Model clean() sees only saved rows; two new rows of one submission are compared here."""

    def clean(self):
        super().clean()
        periods = [
            (form.cleaned_data["partner"], form.cleaned_data["joined_on"], form.cleaned_data.get("left_on"))
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("partner")
            and form.cleaned_data.get("joined_on")
        ]
        for i, (partner, start, end) in enumerate(periods):
            for other, other_start, other_end in periods[i + 1 :]:
                if partner == other and periods_overlap(start, end, other_start, other_end):
                    raise ValidationError(
                        _("Die Mitgliedschaften von %(partner)s überschneiden sich."),
                        params={"partner": partner},
                    )


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ["partner"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    form = RoleAssignmentAdminForm
    extra = 0
    autocomplete_fields = ["partner"]
    fk_name = "person"
    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.actor = request.user
        return formset


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "state"]
    list_filter = ["kind", "state", "networks"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "founded_on"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkMembershipInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not NetworkMembership:
            return super().save_formset(request, form, formset, change)
        # Membership changes are governance actions: they go through the audited services.
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            role_services.network_membership_delete(membership=membership, actor=request.user, request=request)
        for membership in memberships:
            role_services.network_membership_save(membership=membership, actor=request.user, request=request)


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["partner", "network", "joined_on", "left_on"]
    list_filter = ["network", CurrentMembershipFilter]
    search_fields = ["partner__name", "network__name"]
    autocomplete_fields = ["partner", "network"]
    date_hierarchy = "joined_on"

    def save_model(self, request, obj, form, change):
        role_services.network_membership_save(membership=obj, actor=request.user, request=request)

    def delete_model(self, request, obj):
        role_services.network_membership_delete(membership=obj, actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            self.delete_model(request, membership)


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "network", "signed_on", "valid_from", "valid_until"]
    list_filter = ["kind", "network"]
    search_fields = ["title", "summary", "parties__name"]
    filter_horizontal = ["parties"]
    date_hierarchy = "valid_from"


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["network", "is_active"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "partner", "valid_from", "valid_until"]
    list_filter = ["role", CurrentFilter, "partner"]
    search_fields = ["person__email", "person__last_name", "partner__name"]
    autocomplete_fields = ["person", "partner"]
    date_hierarchy = "valid_from"
    form = RoleAssignmentAdminForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request, obj, form, change):
        role_services.role_assignment_save(assignment=obj, actor=request.user, request=request)


class PersonInviteForm(forms.ModelForm):
    """A new account has no password: the person sets their own through the invitation link."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "preferred_language"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["is_active", "role_assignments__role", "preferred_language"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleAssignmentInline]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "preferred_language", "public_consent"]}),
        (_("Zugang"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_form = PersonInviteForm
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "first_name", "last_name", "preferred_language"]}),
    ]
    actions = ["send_invitation"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or is_break_glass(request.user):
            return fieldsets
        # Nobody sets another person's password: no password field, no link to the password form.
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f != "password"]}) for name, opts in fieldsets]

    def user_change_password(self, request, id, form_url=""):
        """Only a break-glass superuser reaches the password form; each use is recorded."""
        if not is_break_glass(request.user):
            raise PermissionDenied
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            changed = request.method == "POST" and response.status_code == 302
            if changed and response.url != request.get_full_path():
                person = User.objects.get(pk=self.get_object(request, id).pk)
                account_services.person_password_break_glass_record(person=person, actor=request.user, request=request)
        return response

    def save_model(self, request, obj, form, change):
        if change:
            role_services.person_save(person=obj, actor=request.user, request=request)
        else:
            account_services.person_invite(person=obj, actor=request.user, request=request)

    @admin.action(description=_("Link zum Festlegen des Passworts senden"))
    def send_invitation(self, request, queryset):
        people = list(queryset.filter(is_active=True))
        for person in people:
            account_services.person_invite(person=person, actor=request.user, request=request)
        message = ngettext(
            "%(count)d Person erhält einen Link zum Festlegen ihres Passworts.",
            "%(count)d Personen erhalten einen Link zum Festlegen ihres Passworts.",
            len(people),
        )
        self.message_user(request, message % {"count": len(people)})

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        for assignment in formset.save(commit=False):
            role_services.role_assignment_save(assignment=assignment, actor=request.user, request=request)

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser may hand out superuser rights.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not is_break_glass(request.user):
            # Changing someone's address would send their next reset link elsewhere: a takeover.
            fields.append("email")
        return fields if request.user.is_superuser else [*fields, "is_staff", "is_superuser"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only: visible, never editable or deletable (the secretariat's view is /arbeitsbereich/protokoll/)."""

    list_display = ["occurred_at", "actor_label", "verb", "target_label", "ip_address"]
    list_filter = ["verb", "target_type"]
    search_fields = ["actor_label", "target_label"]
    date_hierarchy = "occurred_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject_de", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", "delivery"]
    search_fields = ["recipient__email", "subject_de", "last_error"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]

    @admin.action(description=_("Fehlgeschlagene erneut versenden"))
    def retry_failed(self, request, queryset):
        failed = list(queryset.filter(state=NotificationState.FAILED))
        for notification in failed:
            notification_retry(notification=notification, actor=request.user, request=request)
        message = ngettext(
            "%(count)d Benachrichtigung wird erneut versandt.",
            "%(count)d Benachrichtigungen werden erneut versandt.",
            len(failed),
        )
        self.message_user(request, message % {"count": len(failed)})
