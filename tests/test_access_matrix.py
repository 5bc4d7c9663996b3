"""The access matrix, declared: every URL pattern × role × method → the answer the role gets.

The demo data (`seed_demo`) is seeded once for the module inside one transaction that is rolled
back at the end, and each role keeps one logged-in client (`force_login` counts as the second
factor here, see tests/conftest.py). Every URL name of the portal belongs to one access class;
the class says what each role gets for a GET. Refused roles also send a POST to every URL whose
view accepts POST: the refusal must be the same and nothing may be written (the audit trail's
length stays). Allowed POSTs are left to the feature tests: they would change the data later cells
read. A URL pattern missing from `URLS`, or a name in `URLS` no URL has any more, fails.

Where things are: the roles, the demo objects and the URL parameters in tests/access/world.py, the
access classes and the admin's rule in tests/access/classes.py, and the table (a row per URL name
→ its access class) by sub-domain in tests/access/matrix_site.py, matrix_governance.py,
matrix_projects.py and matrix_transfer.py.

Answers: 200, LOGIN (302 to a login page), 302 (another redirect), 403, 404, 405.
"""

from __future__ import annotations

import pytest

from tests.access import matrix_governance, matrix_projects, matrix_site, matrix_transfer
from tests.access.classes import ACCESS_CLASSES, ADMIN_EXCEPTIONS, ADMIN_ROLES, KNOWN_BUGS
from tests.access.world import LOGIN, ROLES, answer, endpoints, seed_world
from tests.conftest import data_for_scope

# The mark makes pytest-django create the test database (it does only for marked tests) and runs
# each cell in a savepoint inside the module's transaction.
pytestmark = pytest.mark.django_db

# The declared table, a row per URL name, kept by sub-domain in tests/access/matrix_*.py.
TABLES = {
    "site": matrix_site.URLS,
    "governance": matrix_governance.URLS,
    "projects": matrix_projects.URLS,
    "transfer": matrix_transfer.URLS,
}
URLS = {name: access for table in TABLES.values() for name, access in table.items()}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Seed once, log each role in once; everything rolls back when the module is done."""
    with data_for_scope(django_db_blocker, seed_world) as data:
        yield data


ENDPOINTS = endpoints()


def _accepts_post(name: str) -> bool:
    view_class = getattr(ENDPOINTS[name].leaf.callback, "view_class", None)
    return view_class is not None and hasattr(view_class, "post")


def expected_get(name: str, role: str):
    if name.startswith("admin:"):
        if name in ADMIN_EXCEPTIONS:
            return ADMIN_EXCEPTIONS[name][ADMIN_ROLES.index(role)]
        return "admin-staff" if role == "secretariat" else LOGIN
    return ACCESS_CLASSES[URLS[name]][ROLES.index(role)]


def _cells():
    for name in ENDPOINTS:
        if name not in URLS and not name.startswith("admin:"):
            continue  # reported by test_every_url_is_declared
        roles = ADMIN_ROLES if name.startswith("admin:") else ROLES
        for role in roles:
            marks = []
            if (name, role) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name, role]))
            yield pytest.param(name, role, "GET", id=f"{name}|{role}|GET", marks=marks)
            if _accepts_post(name) and expected_get(name, role) in (LOGIN, 403, 404):
                yield pytest.param(name, role, "POST", id=f"{name}|{role}|POST", marks=marks)


CELLS = list(_cells())


def test_every_url_is_declared():
    declared = [name for table in TABLES.values() for name in table]
    twice = sorted({name for name in declared if declared.count(name) > 1})
    assert not twice, f"URL names declared in more than one table of tests/access/: {twice}"
    names = {name for name in ENDPOINTS if not name.startswith("admin:")}
    assert not sorted(names - set(URLS)), f"URL patterns missing from the access matrix: {sorted(names - set(URLS))}"
    assert not sorted(set(URLS) - names), f"access matrix entries without a URL: {sorted(set(URLS) - names)}"
    assert set(URLS.values()) <= set(ACCESS_CLASSES)
    assert set(ADMIN_EXCEPTIONS) <= set(ENDPOINTS)
    assert {name for name, _role in KNOWN_BUGS} <= set(ENDPOINTS)


@pytest.mark.parametrize(("name", "role", "method"), CELLS)
def test_access(world, name, role, method):
    from governance.models import AuditEvent

    url = world["urls"].get(name)
    if url is None:
        pytest.skip("shadowed: an earlier admin pattern answers this route")
    client = world["clients"][role]
    expected = expected_get(name, role)
    if method == "GET":
        got = answer(client.get(url))
        if expected == "admin-staff":
            assert got != LOGIN and (got == 302 or got < 500), f"GET {url} as {role}: {got}"
        else:
            assert got == expected, f"GET {url} as {role}: expected {expected}, got {got}"
        return
    # A refused POST gives the same refusal as the GET and writes nothing.
    before = AuditEvent.objects.count()
    got = answer(client.post(url, {}))
    assert got == expected, f"POST {url} as {role}: expected {expected}, got {got}"
    assert AuditEvent.objects.count() == before, f"POST {url} as {role} wrote to the audit trail"
