"""Every URL of the portal is either deliberately public or sends an anonymous visitor to a login.

The walker goes through the whole URL configuration (`get_resolver()`, recursively, every
namespace, `path()` and `re_path()` alike), builds one concrete path per pattern from sample
values, requests it anonymously and classifies the answer. A new view that forgets its login
check fails here with its URL name, unless someone adds it to `PUBLIC_URLS` with a reason.

A pattern counts as protected when the anonymous GET is redirected to `settings.LOGIN_URL` or to
the admin login, directly or after a few redirects inside the site (the admin's logout, for
example, sends anonymous visitors to the admin index, which sends them to the admin login).
A pattern shadowed by an earlier one with the very same route can never be reached and is skipped
(the earlier one is checked in its place).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    include,
    path,
    re_path,
    resolve,
    reverse,
)
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.utils.http import urlsafe_base64_encode

try:  # Python 3.11+
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


class Public(NamedTuple):
    """A URL that anonymous visitors may use on purpose, and the status they get from a GET."""

    reason: str
    status: int = 200


# URL name (namespace:name) → why it is public. Only what really answers an anonymous visitor
# belongs here; everything else must send them to a login page. Later issues append.
PUBLIC_URLS: dict[str, Public] = {
    "home": Public("start page: what the cooperation space is, partners, networks, themes"),
    "imprint": Public("Impressum, required by § 5 DDG"),
    "privacy": Public("privacy statement, required by Art. 13 GDPR"),
    "accessibility": Public("accessibility statement, required by BITV 2.0 / EU 2016/2102"),
    "health": Public("container health check, answers 'ok' without any data"),
    "login": Public("the login form itself"),
    "password_reset": Public("asking for a password reset link works without being logged in"),
    "password_reset_done": Public("confirmation that the reset mail was sent"),
    "password_reset_confirm": Public(
        "the link from the reset mail; a sample uid/token is invalid and shows 'link invalid'"
    ),
    "password_reset_complete": Public("confirmation after setting a new password"),
    "logout": Public("POST-only: a GET is refused with 405 and changes nothing", status=405),
    "set_language": Public(
        "language switch: a GET only redirects back to the start page without changing state",
        status=302,
    ),
    # The second factor's passkey endpoints (django-otp-webauthn, governance/urls_passkeys.py): JSON,
    # POST only, refuse anyone not logged in with 403; the script catalogue is the same for all.
    "otp_webauthn:credential-registration-begin": Public("passkey API: refuses anonymous visitors", status=403),
    "otp_webauthn:credential-registration-complete": Public("passkey API: refuses anonymous visitors", status=403),
    "otp_webauthn:credential-authentication-begin": Public("passkey API: refuses anonymous visitors", status=403),
    "otp_webauthn:credential-authentication-complete": Public("passkey API: refuses anonymous visitors", status=403),
    "otp_webauthn:js-i18n-catalog": Public("translations of the passkey script, the same for everyone"),
    # Machine access to the open data (transfer/urls_machine.py, transfer/api/): published
    # solutions, public projects and partners only; tests/transfer/test_machine_access.py.
    "transfer:solution-feed": Public("Atom feed of published solutions, for everyone"),
    "transfer:solution-export-csv": Public("CSV download of the public catalogue, same filters as the list"),
    "transfer:dcat-turtle": Public("DCAT-AP.de catalogue (Turtle) for the national open-data portal"),
    "transfer:dcat-jsonld": Public("DCAT-AP.de catalogue (JSON-LD) for the national open-data portal"),
    "transfer:sitemap": Public("sitemap for search engines: public pages only"),
    "transfer:robots": Public("robots.txt: tells crawlers what to leave alone"),
    "api:solution-list": Public("open-data API: published solutions"),
    "api:solution-detail": Public("open-data API: one published solution; anything else is a 404"),
    "api:project-list": Public("open-data API: public projects"),
    "api:partner-list": Public("open-data API: partners with kind, Land and networks"),
    "api:schema": Public("OpenAPI description of the open-data API"),
    # Public project and partner pages (transfer/urls_public_pages.py): public projects only,
    # partners and functional mailboxes, never people.
    "transfer:project-list": Public("public projects, filterable by phase and focus area"),
    "transfer:project-detail": Public("one public project; an internal one is a 404"),
    "transfer:project-document": Public("a document marked public of a public project; else 404"),
    "transfer:partner-list": Public("the partners, grouped by kind, with their network memberships"),
    "transfer:partner-detail": Public("one partner: memberships, public projects, solutions, reuse"),
    "transfer:solution-list": Public("the public catalogue of published solutions"),
    "transfer:solution-detail": Public("one published solution; anything else is a 404"),
    "transfer:solution-document": Public("a document or screenshot of a published solution; else 404"),
    "transfer:inquiry-create": Public("the public form to ask for reuse of a published solution"),
    "transfer:inquiry-sent": Public("the page asking to confirm the e-mail address"),
    # The steering circle's public side (governance/urls_register.py, governance/oparl/): public
    # resolutions, invited meetings with their public agenda items and documents, never a person;
    # tests/governance/test_register.py and test_oparl.py.
    "register:resolution-list": Public("the public register of resolutions, searchable by year and focus area"),
    "register:resolution-feed": Public("Atom feed of the public resolutions"),
    "register:resolution-detail": Public("one public resolution; an internal or unknown number is a 404", 404),
    "register:meeting-list": Public("the public meeting calendar: invited meetings, public agenda items"),
    "register:meeting-detail": Public("one invited meeting with its public agenda; else 404", 404),
    "register:meeting-ics": Public("one invited meeting as ICS; else 404", 404),
    "register:document": Public("a public document of a public agenda item or ballot; else 404", 404),
    "register:calendar-feed": Public("a member's calendar feed behind a secret token; a wrong token is a 404", 404),
    "register:join-request": Public("the public form to ask for membership in a network or a new focus area"),
    "register:join-sent": Public("the page asking to confirm the e-mail address of a membership or theme request"),
    "register:join-confirm": Public("the e-mail confirmation link of a membership or theme request (GET: a button)"),
    **{
        f"oparl:{name}": Public("OParl 1.1, read-only: the steering circle's public part, no person")
        for name in (
            "system",
            "body-list",
            "body-detail",
            "body-organization",
            "body-person",
            "body-meeting",
            "body-paper",
            "body-agendaitem",
            "body-consultation",
            "body-file",
            "organization-detail",
        )
    },
    **{
        f"oparl:{name}": Public("OParl 1.1: one public object by id; anything else is an OParl error, 404", 404)
        for name in (
            "meeting-detail",
            "location-detail",
            "agendaitem-detail",
            "paper-detail",
            "consultation-detail",
            "file-detail",
        )
    },
    "transfer:inquiry-confirm": Public("the e-mail confirmation link of a reuse request (GET shows a button)"),
    # Public statistics and the published annual reports (reports/urls.py): public data only;
    # tests/reports/test_views.py.
    "reports:statistics": Public("statistics of published solutions and their reuse"),
    "reports:statistics-csv": Public("the statistics page's numbers as CSV"),
    "reports:annual-list": Public("the published annual reports (Erfahrungsberichte)"),
    "reports:annual-detail": Public("one published annual report; an unpublished year is a 404", status=404),
    "reports:annual-pdf": Public("the PDF of a published annual report; else 404", status=404),
}

# Sample values for named groups, by name (regex groups and route parameters alike).
SAMPLE_BY_NAME = {
    "uidb64": urlsafe_base64_encode(b"1"),
    "token": "c0ffee-0123456789abcdef0123456789abcdef",
}
# Sample values for path converters, by converter type.
SAMPLE_BY_CONVERTER = {
    IntConverter: "1",
    StringConverter: "x",
    SlugConverter: "x",
    PathConverter: "x",
    UUIDConverter: "00000000-0000-4000-8000-000000000001",
}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 3


# --- walking the URL configuration --------------------------------------------------------------


@dataclass
class Endpoint:
    """One leaf pattern of the URL configuration, with the chain of patterns leading to it."""

    levels: list  # the pattern objects (RoutePattern/RegexPattern) from the root to the leaf
    leaf: URLPattern
    namespace: str

    @property
    def route(self) -> str:
        """The full route as `ResolverMatch.route` spells it (inner regexes lose their `^`)."""
        route = ""
        for level in self.levels:
            part = str(level)
            route += part.removeprefix("^") if route else part
        return route

    @property
    def name(self) -> str:
        """`namespace:name` as in `reverse()`, or a label for unnamed patterns."""
        base = self.leaf.name or f"<unnamed {self.route!r}>"
        return f"{self.namespace}:{base}" if self.namespace else base

    @property
    def has_parameters(self) -> bool:
        return any(level.regex.groups for level in self.levels)


def iter_endpoints(resolver: URLResolver | None = None, levels=(), namespace=""):
    """Every leaf pattern under `resolver`, depth first, in resolution order."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner_ns = namespace
            if entry.namespace:
                inner_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_endpoints(entry, (*levels, entry.pattern), inner_ns)
        else:
            yield Endpoint(levels=[*levels, entry.pattern], leaf=entry, namespace=namespace)


class CannotBuildPath(Exception):
    pass


class Shadowed(Exception):
    """An earlier pattern has the very same route: this one can never be reached."""


_PREFERRED_CHARS = "1xa-_.~0"


def _char_in_set(char: str, items) -> bool:
    code = ord(char)
    categories = {
        sre_constants.CATEGORY_DIGIT: char.isdigit(),
        sre_constants.CATEGORY_NOT_DIGIT: not char.isdigit(),
        sre_constants.CATEGORY_WORD: char.isalnum() or char == "_",
        sre_constants.CATEGORY_NOT_WORD: not (char.isalnum() or char == "_"),
        sre_constants.CATEGORY_SPACE: char.isspace(),
        sre_constants.CATEGORY_NOT_SPACE: not char.isspace(),
    }
    negate = False
    found = False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            found = found or code == av
        elif op is sre_constants.RANGE:
            found = found or av[0] <= code <= av[1]
        elif op is sre_constants.CATEGORY:
            found = found or categories.get(av, False)
        else:
            raise CannotBuildPath(f"unsupported character-set item {op}")
    return found != negate


def _sample_char(items) -> str:
    for char in _PREFERRED_CHARS:
        if _char_in_set(char, items):
            return char
    for code in range(33, 127):
        if _char_in_set(chr(code), items):
            return chr(code)
    raise CannotBuildPath("no printable character fits a character set")


def _generate(tree, group_names: dict[int, str], overrides: dict[str, str], values: dict) -> str:
    """One string the parsed regex `tree` matches: first alternatives, minimal repetitions
    (but at least one, so that `.*` yields a visible segment), overrides for named groups."""
    out = []
    for op, av in tree:
        if op is sre_constants.LITERAL:
            out.append(chr(av))
        elif op is sre_constants.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is sre_constants.ANY:
            out.append("x")
        elif op is sre_constants.IN:
            out.append(_sample_char(av))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) or (
            op is getattr(sre_constants, "POSSESSIVE_REPEAT", None)
        ):
            low, high, sub = av
            count = low if low > 0 else min(1, high)
            piece = _generate(sub, group_names, overrides, values)
            out.append(piece * count)
        elif op is sre_constants.SUBPATTERN:
            group, _add, _del, sub = av
            name = group_names.get(group)
            generated = _generate(sub, group_names, overrides, values)
            value = generated
            if name in overrides:
                # An override must fit the group's own sub-pattern, else the generated value wins.
                candidate = overrides[name]
                if re.fullmatch(_tree_to_regex(sub), candidate):
                    value = candidate
            if group is not None:
                values[group] = value
            out.append(value)
        elif op is sre_constants.BRANCH:
            out.append(_generate(av[1][0], group_names, overrides, values))
        elif op is sre_constants.GROUPREF:
            out.append(values.get(av, ""))
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        else:
            raise CannotBuildPath(f"unsupported regex construct {op}")
    return "".join(out)


def _tree_to_regex(tree) -> str:
    """Regex source equivalent to a parse tree (`re._parser` keeps no source text), used to
    check with `re.fullmatch` that a sample value fits its group's own sub-pattern."""
    parts = []
    for op, av in tree:
        if op is sre_constants.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre_constants.NOT_LITERAL:
            parts.append(f"[^{re.escape(chr(av))}]")
        elif op is sre_constants.ANY:
            parts.append(".")
        elif op is sre_constants.IN:
            parts.append(_set_to_regex(av))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) or (
            op is getattr(sre_constants, "POSSESSIVE_REPEAT", None)
        ):
            low, high, sub = av
            upper = "" if high == sre_constants.MAXREPEAT else str(high)
            parts.append(f"(?:{_tree_to_regex(sub)}){{{low},{upper}}}")
        elif op is sre_constants.SUBPATTERN:
            parts.append(f"(?:{_tree_to_regex(av[3])})")
        elif op is sre_constants.BRANCH:
            parts.append("(?:" + "|".join(_tree_to_regex(alt) for alt in av[1]) + ")")
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        else:
            raise CannotBuildPath(f"unsupported regex construct {op}")
    return "".join(parts)


def _set_to_regex(items) -> str:
    categories = {
        sre_constants.CATEGORY_DIGIT: r"\d",
        sre_constants.CATEGORY_NOT_DIGIT: r"\D",
        sre_constants.CATEGORY_WORD: r"\w",
        sre_constants.CATEGORY_NOT_WORD: r"\W",
        sre_constants.CATEGORY_SPACE: r"\s",
        sre_constants.CATEGORY_NOT_SPACE: r"\S",
    }
    body = []
    for op, av in items:
        if op is sre_constants.NEGATE:
            body.append("^")
        elif op is sre_constants.LITERAL:
            body.append(re.escape(chr(av)))
        elif op is sre_constants.RANGE:
            body.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre_constants.CATEGORY:
            body.append(categories[av])
        else:
            raise CannotBuildPath(f"unsupported character-set item {op}")
    return "[" + "".join(body) + "]"


def sample_for_level(pattern) -> str:
    """A concrete string for one level's pattern (RoutePattern or RegexPattern)."""
    regex = pattern.regex
    overrides = dict(SAMPLE_BY_NAME)
    for name, converter in getattr(pattern, "converters", {}).items():
        if name not in overrides:
            for kind, sample in SAMPLE_BY_CONVERTER.items():
                if type(converter) is kind:
                    overrides[name] = sample
                    break
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    group_names = {index: name for name, index in parsed.state.groupdict.items()}
    sample = _generate(parsed, group_names, overrides, {})
    # The generated piece must be matched by the level's own regex, from its start.
    match = regex.match(sample)
    if match is None:
        raise CannotBuildPath(f"sample {sample!r} does not match {regex.pattern!r}")
    return sample


def build_path(endpoint: Endpoint) -> str:
    """A concrete path for the endpoint that resolves back to that very pattern."""
    url = "/" + "".join(sample_for_level(level) for level in endpoint.levels)
    try:
        match = resolve(url)
    except Resolver404 as error:
        raise CannotBuildPath(f"built path {url!r} does not resolve") from error
    if match.func is not endpoint.leaf.callback or (endpoint.leaf.name and match.view_name != endpoint.name):
        if match.route == endpoint.route:
            raise Shadowed(f"{url} is answered by {match.view_name or match.route!r}")
        raise CannotBuildPath(f"built path {url!r} resolves to {match.view_name or match.route!r}")
    return url


# --- classifying the anonymous answer -----------------------------------------------------------


def login_paths() -> set[str]:
    paths = {urlsplit(resolve_url(settings.LOGIN_URL)).path}
    with contextlib.suppress(NoReverseMatch):  # a URL configuration without the admin (the self-test below)
        paths.add(reverse("admin:login"))
    return paths


def anonymous_outcome(client, url: str) -> tuple[int, str | None, list[str]]:
    """(status of the first answer, login path reached or None, redirect hops)."""
    logins = login_paths()
    response = client.get(url)
    first_status = response.status_code
    hops: list[str] = []
    while response.status_code in REDIRECT_STATUSES and len(hops) < MAX_REDIRECTS:
        location = urlsplit(response["Location"])
        hops.append(response["Location"])
        if location.netloc and location.netloc != "testserver":
            break  # leaves the site: never a login page of ours
        if location.path in logins:
            return first_status, location.path, hops
        response = client.get(location.path + (f"?{location.query}" if location.query else ""))
    return first_status, None, hops


def check_url_access(client, public: dict[str, Public]) -> tuple[list[tuple[str, str]], set[str]]:
    """Walk every pattern; return ((URL name, problem) pairs, names seen)."""
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for endpoint in iter_endpoints():
        name = endpoint.name
        seen.add(name)
        try:
            url = build_path(endpoint)
        except Shadowed:
            continue  # unreachable; the earlier pattern with the same route is checked itself
        except CannotBuildPath as error:
            problems.append((name, f"cannot build a sample path ({error})"))
            continue
        try:
            status, login, hops = anonymous_outcome(client, url)
        except Exception as error:
            problems.append((name, f"GET {url} raised {type(error).__name__}: {error}"))
            continue
        finally:
            client.cookies.clear()
        via = f" via {' -> '.join(hops)}" if hops else ""
        if name in public:
            allowed = {public[name].status} | ({404} if endpoint.has_parameters else set())
            if login:
                problems.append(
                    (
                        name,
                        (
                            f"listed as public but GET {url} sends anonymous visitors to the login{via}; "
                            "remove it from PUBLIC_URLS"
                        ),
                    )
                )
            elif status not in allowed:
                problems.append((name, (f"public, expected status {sorted(allowed)} for GET {url}, got {status}{via}")))
        elif not login:
            problems.append(
                (
                    name,
                    (
                        f"GET {url} answered an anonymous visitor with {status}{via}: neither a redirect "
                        "to a login page nor listed in PUBLIC_URLS"
                    ),
                )
            )
    return problems, seen


def format_problems(problems: list[tuple[str, str]]) -> str:
    return "URL access problems:\n  " + "\n  ".join(f"{name}: {text}" for name, text in problems)


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
