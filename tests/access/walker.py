"""The URL walker of tests/test_url_access.py, and what the access matrix (tests/test_access_matrix.py)
takes from it: every leaf pattern of the URL configuration (`get_resolver()`, recursively, every
namespace, `path()` and `re_path()` alike), one concrete path per pattern built from sample values,
and the anonymous visitor's answer classified.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
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
