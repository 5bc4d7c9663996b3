"""Site-wide views that belong to no domain app: health check and error pages."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render


def health(request) -> HttpResponse:
    """Liveness for the container health check: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
