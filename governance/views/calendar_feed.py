"""A member's personal calendar subscription: the page to make or revoke it, and the feed itself."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from governance.calendar_feed import meetings_calendar
from governance.models import CalendarFeed
from governance.permissions_steering import may_use_steering_workspace
from governance.selectors_register import calendar_feed_meetings
from governance.services.calendar_feeds import calendar_feed_create, calendar_feed_revoke

# A calendar program polls every few minutes; a write per poll would be noise.
LAST_USED_PRECISION = timezone.timedelta(hours=1)


class CalendarFeedManageView(LoginRequiredMixin, TemplateView):
    """/konto/kalender/: members of the steering circle (and the secretariat) make a secret
    address for their calendar program, replace it or revoke it."""

    template_name = "governance/register/calendar_feed.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_use_steering_workspace(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        token = self.request.session.pop("calendar_feed_token", None)
        address = self.request.build_absolute_uri(reverse("register:calendar-feed", args=[token])) if token else ""
        feed = CalendarFeed.objects.active().filter(person=self.request.user).first()
        return super().get_context_data(feed=feed, address=address, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "revoke":
            if calendar_feed_revoke(person=request.user):
                messages.success(request, _("Die Kalenderadresse ist widerrufen und funktioniert nicht mehr."))
        else:
            # Shown once on the next page, never stored in the clear.
            request.session["calendar_feed_token"] = calendar_feed_create(person=request.user)
            messages.success(request, _("Ihre neue Kalenderadresse ist erstellt; eine frühere gilt nicht mehr."))
        return redirect("register:calendar-feed-manage")


class CalendarFeedView(View):
    """/kalender/<token>.ics: every meeting of the person's circle, for as long as they sit in it."""

    def get(self, request, token: str):
        feed, meetings = calendar_feed_meetings(token=token)
        if feed.last_used_at is None or timezone.now() - feed.last_used_at > LAST_USED_PRECISION:
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
        response = HttpResponse(meetings_calendar(meetings), content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
