"""Admin for roles under rule 1: the four-eyes grants, and role forms that refuse what the
services refuse (a self-grant, a CIO or steering role without a second person)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from governance.models import FOUR_EYES_ROLES, Role, RoleGrant, RoleGrantState
from governance.services import grants as grant_services
from governance.services.roles import role_assignment_refusal


class RoleAssignmentAdminForm(forms.ModelForm):
    """Asks the service's own rule once the instance carries the new values."""

    actor = None  # set per request by the admin (get_form / get_formset)

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.actor is None:
            return
        refusal = role_assignment_refusal(assignment=self.instance, actor=self.actor)
        if refusal:
            self.add_error(None, refusal)


class RoleGrantAdminForm(forms.ModelForm):
    actor = None

    class Meta:
        model = RoleGrant
        fields = ["person", "partner", "role", "valid_from", "valid_until", "assignment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in FOUR_EYES_ROLES]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        self.instance.proposed_by = self.actor
        try:
            grant_services.role_grant_validate(grant=self.instance, actor=self.actor)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    """Adding proposes; a different secretariat member confirms or declines (admin actions)."""

    form = RoleGrantAdminForm
    list_display = ["person", "role", "partner", "valid_from", "valid_until", "state", "proposed_by", "decided_by"]
    list_filter = ["state", "role"]
    search_fields = ["person__email", "person__last_name", "partner__name"]
    autocomplete_fields = ["person", "partner", "assignment"]
    actions = ["confirm", "decline"]
    readonly_fields = ["state", "proposed_by", "proposed_at", "decided_by", "decided_at", "resolution", "reason"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

    def has_change_permission(self, request, obj=None):
        return False  # a proposal is decided by the actions, never edited

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        proposed = grant_services.role_grant_propose(
            person=obj.person,
            partner=obj.partner,
            role=obj.role,
            valid_from=obj.valid_from,
            valid_until=obj.valid_until,
            assignment=obj.assignment,
            actor=request.user,
            request=request,
        )
        obj.pk = proposed.pk
        self.message_user(
            request, _("Vorgeschlagen. Die Rolle gilt, sobald eine zweite Person der Geschäftsstelle bestätigt.")
        )

    def _decide(self, request, queryset, action, done):
        count = 0
        for grant in queryset.filter(state=RoleGrantState.PENDING):
            try:
                action(grant=grant, actor=request.user, request=request)
            except (PermissionDenied, ValidationError) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{grant}: {text}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count})

    @admin.action(description=_("Ausgewählte Vorschläge bestätigen (zweite Person)"))
    def confirm(self, request, queryset):
        self._decide(request, queryset, grant_services.role_grant_confirm, _("%(count)d Rollenvergabe(n) bestätigt."))

    @admin.action(description=_("Ausgewählte Vorschläge ablehnen"))
    def decline(self, request, queryset):
        self._decide(
            request, queryset, grant_services.role_grant_decline, _("%(count)d Vorschlag/Vorschläge abgelehnt.")
        )
