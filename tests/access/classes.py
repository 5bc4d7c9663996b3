"""The access matrix's classes (tests/test_access_matrix.py): what each role gets for a GET, and
the one rule for Django's admin. The URL rows that name a class live in tests/access/matrix_*.py.
"""

from tests.access.world import LOGIN

# Access class → the GET answer of each role, in the order of ROLES:
# anonymous, secretariat, CIO A, deputy A, CIO B, steering member, contact X, contact Y, former CIO, plain.
# Names ending in _POST are POST-only forms (a GET is 405 for whoever may use them); _NO_FILE
# classes point at a demo object without a file, so even the allowed person gets 404.
ACCESS_CLASSES = {
    "PUBLIC": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "PUBLIC_NOT_FOUND": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "POST_ONLY_PUBLIC": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "PUBLIC_REDIRECT": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "LOGGED_IN": (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "LOGGED_IN_OWN_OBJECT": (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "LOGGED_IN_POST_ONLY": (LOGIN, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "LOGGED_IN_REDIRECT": (LOGIN, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "SECRETARIAT_ONLY": (LOGIN, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    "SECRETARIAT_ONLY_POST": (LOGIN, 405, 403, 403, 403, 403, 403, 403, 403, 403),
    "SECRETARIAT_ONLY_REDIRECT": (LOGIN, 302, 403, 403, 403, 403, 403, 403, 403, 403),
    "SECRETARIAT_ONLY_NO_FILE": (LOGIN, 404, 403, 403, 403, 403, 403, 403, 403, 403),
    "STEERING_MEMBER": (LOGIN, 200, 403, 403, 403, 200, 403, 403, 403, 403),
    "STEERING_MEMBER_POST": (LOGIN, 405, 403, 403, 403, 405, 403, 403, 403, 403),
    "STEERING_MEMBER_NO_FILE": (LOGIN, 404, 403, 403, 403, 404, 403, 403, 403, 403),
    "PASSKEY_API": (403, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "OWN_NOTIFICATION": (LOGIN, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    "CIO_DASHBOARD": (LOGIN, 403, 200, 200, 200, 403, 403, 403, 403, 403),
    "PROJECT_CONTACTS": (LOGIN, 200, 403, 403, 403, 403, 200, 200, 403, 403),
    "CIO_OFFICES": (LOGIN, 200, 200, 200, 200, 403, 403, 403, 403, 403),
    "CIO_OF_LAND": (LOGIN, 200, 200, 200, 404, 404, 404, 404, 404, 404),
    "CIO_OF_LAND_POST": (LOGIN, 405, 405, 405, 404, 404, 404, 404, 404, 404),
    "SPONSORSHIP_RESUBMIT": (LOGIN, 302, 403, 403, 404, 404, 404, 404, 404, 404),
    "SPONSORSHIP_END": (LOGIN, 302, 302, 403, 404, 404, 404, 404, 404, 404),
    "PROJECT_TEAM_LEAD": (LOGIN, 200, 404, 404, 404, 404, 403, 404, 404, 404),
    "PROJECT_TEAM_LEAD_POST": (LOGIN, 405, 404, 404, 404, 404, 403, 404, 404, 404),
    "PROJECT_TEAM": (LOGIN, 200, 404, 404, 404, 404, 200, 404, 404, 404),
}

# Django's admin, by one rule for all its generated URLs: only the secretariat is staff; everyone
# else, logged in or not, is sent to the admin's login. What the secretariat gets depends on the
# page (200, a redirect for a sample object that does not exist, 403 for a read-only model), so
# for it the rule is only "no login, no server error". The admin checks staff status the same
# way for every account, so four roles stand for all ten here (keeps the runtime down).
ADMIN_ROLES = ("anonymous", "secretariat", "cio_a", "plain")
ADMIN_EXCEPTIONS = {
    # Logging out of the admin is POST-only; a GET goes to the admin index (which sends to login).
    "admin:logout": (302, 405, 302, 302),
    # The portal's own login replaces the admin's: everyone is sent there.
    "admin:login": (LOGIN, LOGIN, LOGIN, LOGIN),
    # The authenticator app's QR code (the TOTP secret) of another person's device: no one but
    # the device's owner may see it, or the second factor is worth nothing (django-otp refuses it).
    "admin:otp_totp_totpdevice_config": (LOGIN, 403, LOGIN, LOGIN),
    "admin:otp_totp_totpdevice_qrcode": (LOGIN, 403, LOGIN, LOGIN),
}
# Cells that are known permission bugs (a person gets in who must be refused): name, role → reason.
KNOWN_BUGS: dict[tuple[str, str], str] = {}
