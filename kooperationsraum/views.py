"""Site-wide views that belong to no domain app: health check and error pages."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language as django_set_language


def health(request) -> HttpResponse:
    """Liveness for the container health check: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


@csrf_exempt
def set_language(request) -> HttpResponse:
    """The language switch. For anonymous visitors without CSRF: the token would set a cookie on
    every public page and so make none of them cacheable, and a forged switch changes only the
    display language of a visitor who has no account. Logged-in people keep the CSRF check."""
    if request.user.is_authenticated:
        return csrf_protect(django_set_language)(request)
    return django_set_language(request)
