"""The portal's URLs plus the floor: the cheapest view Django can serve through the same middleware."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), path("", include("kooperationsraum.urls"))]
