"""The notification centre: everyone's own notifications and settings; failures for the secretariat."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from governance import selectors
from governance.forms import NotificationPreferencesForm
from governance.models import Notification
from governance.permissions import may_resend_notifications
from governance.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_save,
    notification_retry,
)
from kooperationsraum.views import WorkspaceView

NOTIFICATION_PAGE_SIZE = 25
FAILED_PAGE_SIZE = 50


@dataclass
class NotificationRow:
    notification: Notification
    subject: str


def _rows(page, language: str) -> list[NotificationRow]:
    return [NotificationRow(n, n.subject_in(language)) for n in page]


def _portal_link(request, link: str) -> str:
    """The notification's link, only if it stays inside the portal (a path, no other host)."""
    if link.startswith("/") and url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return link
    return ""


class NotificationListView(LoginRequiredMixin, TemplateView):
    template_name = "governance/notification_list.html"

    def get_context_data(self, **kwargs):
        notifications = selectors.notification_list_for_user(user=self.request.user)
        page = Paginator(notifications, NOTIFICATION_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, rows=_rows(page, get_language()), **kwargs)


class NotificationMarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        notification_mark_all_read(person=request.user)
        messages.success(request, _("Alle Benachrichtigungen sind als gelesen markiert."))
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("governance:notification-list")
        return redirect(back)


class NotificationDetailView(LoginRequiredMixin, View):
    """Opening a notification marks it read; someone else's answers 404, as if it did not exist."""

    def get(self, request, pk: int):
        notification = selectors.notification_get_for_user(user=request.user, pk=pk)
        notification_mark_read(notification=notification)
        language = get_language()
        return render(
            request,
            "governance/notification_detail.html",
            {
                "notification": notification,
                "subject": notification.subject_in(language),
                "body": notification.body_in(language),
                "link": _portal_link(request, notification.link),
            },
        )


class NotificationPreferencesView(LoginRequiredMixin, FormView):
    template_name = "governance/notification_preferences.html"
    form_class = NotificationPreferencesForm
    success_url = reverse_lazy("governance:notification-preferences")

    def get_initial(self):
        return selectors.notification_preferences_for_user(user=self.request.user)

    def form_valid(self, form):
        notification_preferences_save(person=self.request.user, deliveries=form.deliveries())
        messages.success(self.request, _("Ihre Einstellungen für Benachrichtigungen sind gespeichert."))
        return super().form_valid(form)


class ResendView(WorkspaceView):
    def may(self, user, *objects) -> bool:
        return may_resend_notifications(user)


class NotificationFailedListView(ResendView, TemplateView):
    template_name = "governance/notification_failed.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.notification_list_failed(), FAILED_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, rows=_rows(page, get_language()), **kwargs)


class NotificationRetryView(ResendView):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        notification = selectors.notification_get(pk=pk)
        try:
            notification_retry(notification=notification, actor=request.user, request=request)
        except PermissionError as error:
            raise PermissionDenied from error
        except ValueError:
            messages.error(
                request, _("Diese Benachrichtigung ist nicht fehlgeschlagen und wird daher nicht erneut gesendet.")
            )
        else:
            messages.success(
                request,
                _("Die Benachrichtigung an %(email)s wird erneut gesendet.")
                % {
                    "email": notification.recipient.email,
                },
            )
        return redirect("governance:notification-failed")
