"""The steering circle's public register and meeting calendar, and the members' calendar feed."""

from django.urls import path

from governance.feeds import ResolutionFeed
from governance.views import calendar_feed, register

app_name = "register"

urlpatterns = [
    path("beschluesse/", register.ResolutionListView.as_view(), name="resolution-list"),
    path("beschluesse/feed/", ResolutionFeed(), name="resolution-feed"),
    path("beschluesse/<str:number>/", register.ResolutionDetailView.as_view(), name="resolution-detail"),
    path("sitzungen/", register.MeetingCalendarView.as_view(), name="meeting-list"),
    path("sitzungen/<int:pk>/", register.MeetingDetailView.as_view(), name="meeting-detail"),
    path("sitzungen/<int:pk>/termin.ics", register.MeetingIcsView.as_view(), name="meeting-ics"),
    path("sitzungen/unterlagen/<int:pk>/", register.PublicDocumentView.as_view(), name="document"),
    path("konto/kalender/", calendar_feed.CalendarFeedManageView.as_view(), name="calendar-feed-manage"),
    path("kalender/<str:token>.ics", calendar_feed.CalendarFeedView.as_view(), name="calendar-feed"),
]
