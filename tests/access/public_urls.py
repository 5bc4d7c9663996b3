"""The URLs that anonymous visitors may use on purpose (tests/test_url_access.py checks them).

URL name (namespace:name) → why it is public. Only what really answers an anonymous visitor
belongs here; everything else must send them to a login page. Later issues append, a row per URL.
"""

from tests.access.walker import Public

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
