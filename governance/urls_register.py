"""The steering circle's public register and meeting calendar, the public membership and theme
request (/mitmachen/), and the members' calendar feed."""

from django.urls import path

from governance.feeds import ResolutionFeed
from governance.views import calendar_feed, register, register_join

app_name = "register"

urlpatterns = [
    path("beschluesse/", register.ResolutionListView.as_view(), name="resolution-list"),
    path("beschluesse/feed/", ResolutionFeed(), name="resolution-feed"),
    path("beschluesse/<str:number>/", register.ResolutionDetailView.as_view(), name="resolution-detail"),
    path("sitzungen/", register.MeetingCalendarView.as_view(), name="meeting-list"),
    path("sitzungen/<int:pk>/", register.MeetingDetailView.as_view(), name="meeting-detail"),
    path("sitzungen/<int:pk>/termin.ics", register.MeetingIcsView.as_view(), name="meeting-ics"),
    path("sitzungen/unterlagen/<int:pk>/", register.PublicDocumentView.as_view(), name="document"),
    path("mitmachen/", register_join.JoinRequestCreateView.as_view(), name="join-request"),
    path("mitmachen/gesendet/", register_join.JoinRequestSentView.as_view(), name="join-sent"),
    path("mitmachen/bestaetigen/<str:token>/", register_join.JoinRequestConfirmView.as_view(), name="join-confirm"),
    path("konto/kalender/", calendar_feed.CalendarFeedManageView.as_view(), name="calendar-feed-manage"),
    path("kalender/<str:token>.ics", calendar_feed.CalendarFeedView.as_view(), name="calendar-feed"),
]
