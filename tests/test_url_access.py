"""Every URL of the portal is either deliberately public or sends an anonymous visitor to a login.

The walker (tests/access/walker.py) goes through the whole URL configuration (`get_resolver()`,
recursively, every namespace, `path()` and `re_path()` alike), builds one concrete path per pattern
from sample values, requests it anonymously and classifies the answer. A new view that forgets its
login check fails here with its URL name, unless someone adds it to `PUBLIC_URLS`
(tests/access/public_urls.py) with a reason.

A pattern counts as protected when the anonymous GET is redirected to `settings.LOGIN_URL` or to
the admin login, directly or after a few redirects inside the site (the admin's logout, for
example, sends anonymous visitors to the admin index, which sends them to the admin login).
A pattern shadowed by an earlier one with the very same route can never be reached and is skipped
(the earlier one is checked in its place).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, re_path

from tests.access.public_urls import PUBLIC_URLS
from tests.access.walker import Public, build_path, check_url_access, format_problems, iter_endpoints

# --- the tests ----------------------------------------------------------------------------------


def test_every_url_is_public_on_purpose_or_requires_login(client, db):
    problems, seen = check_url_access(client, PUBLIC_URLS)
    assert not problems, format_problems(problems)
    # The walker really walked: the site's own pages, the auth URLs and the admin are all there.
    expected = {"home", "login", "admin:index", "admin:app_list", "governance:agreement-document"}
    assert expected <= seen
    assert len(seen) > 30


def test_public_url_list_has_no_stale_names():
    names = {endpoint.name for endpoint in iter_endpoints()}
    stale = sorted(set(PUBLIC_URLS) - names)
    assert not stale, f"PUBLIC_URLS lists names no URL pattern has any more: {stale}"


def test_sample_paths_for_regex_alternations_and_converters():
    endpoints = {}
    for endpoint in iter_endpoints():  # the first of a name answers; later ones are shadowed
        endpoints.setdefault(endpoint.name, endpoint)
    app_list = build_path(endpoints["admin:app_list"])
    assert re.fullmatch(r"/admin/[a-z_]+/", app_list)
    assert build_path(endpoints["governance:agreement-document"]) == "/vereinbarungen/1/dokument/"
    confirm = build_path(endpoints["password_reset_confirm"])
    # Spelled out, not rebuilt from SAMPLE_BY_NAME: the walker must put the named samples in place.
    assert confirm == "/konto/reset/MQ/c0ffee-0123456789abcdef0123456789abcdef/"


# A tiny URL configuration for the self-test: this module doubles as ROOT_URLCONF there.
def _leaky_view(request):
    return HttpResponse("internal figures")


@login_required
def _guarded_view(request, pk):
    return HttpResponse("guarded")


def _login_view(request):
    return HttpResponse("login form")


_fixture_namespace = ([path("secret/<int:pk>/", _leaky_view, name="secret")], "inner")

urlpatterns = [
    path("anmelden/", _login_view, name="login"),
    path("anmelden/", _leaky_view, name="login-shadowed"),  # unreachable: same route as above
    path("offen/", _leaky_view, name="leaky"),
    re_path(r"^bericht/(?P<kind>jahr|quartal)/$", _leaky_view, name="leaky-regex"),
    path("geschuetzt/<int:pk>/", _guarded_view, name="guarded"),
    path("intern/", include(_fixture_namespace)),
]


@override_settings(ROOT_URLCONF="tests.test_url_access", LOGIN_URL="login")
def test_walker_reports_an_unprotected_view(client, db):
    problems, seen = check_url_access(client, {"login": Public("the login form")})
    assert seen == {"login", "login-shadowed", "leaky", "leaky-regex", "guarded", "inner:secret"}
    reported = dict(problems)
    assert set(reported) == {"leaky", "leaky-regex", "inner:secret"}, format_problems(problems)
    assert "/bericht/jahr/" in reported["leaky-regex"]  # first alternative of the regex group
    assert "/intern/secret/1/" in reported["inner:secret"]
    assert "PUBLIC_URLS" in format_problems(problems) and "leaky" in format_problems(problems)


@override_settings(ROOT_URLCONF="tests.test_url_access", LOGIN_URL="login")
def test_walker_reports_a_public_entry_that_actually_requires_login(client, db):
    public = {"login": Public("the login form"), "guarded": Public("wrongly listed")}
    problems, _seen = check_url_access(client, public)
    assert "remove it from PUBLIC_URLS" in dict(problems).get("guarded", ""), problems


@pytest.mark.parametrize("name", sorted(PUBLIC_URLS))
def test_public_entries_have_reasons(name):
    assert PUBLIC_URLS[name].reason.strip()
