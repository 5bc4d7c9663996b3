"""The site itself and the accounts: start and legal pages, login, password, language, the second
factor (`governance:mfa-*`, passkeys), the person's own data (`privacy:`). A row per URL name: its
access class (tests/access/classes.py).
"""

URLS = {
    "home": "PUBLIC",
    "imprint": "PUBLIC",
    "privacy": "PUBLIC",
    "accessibility": "PUBLIC",
    "login": "PUBLIC",
    "password_reset_confirm": "PUBLIC",
    "otp_webauthn:js-i18n-catalog": "PUBLIC",
    "password_reset": "PUBLIC",
    "password_reset_done": "PUBLIC",
    "password_reset_complete": "PUBLIC",
    "health": "PUBLIC",
    "logout": "POST_ONLY_PUBLIC",
    "set_language": "PUBLIC_REDIRECT",
    "password_change": "LOGGED_IN",
    "privacy:data-exports": "LOGGED_IN",
    "password_change_done": "LOGGED_IN",
    "governance:mfa-manage": "LOGGED_IN",
    "governance:mfa-setup": "LOGGED_IN",
    "governance:mfa-recovery-codes": "LOGGED_IN",
    "privacy:data-export-download": "LOGGED_IN_OWN_OBJECT",
    "governance:mfa-device-remove": "LOGGED_IN_POST_ONLY",
    "governance:mfa-verify": "LOGGED_IN_REDIRECT",
    "privacy:person-erase": "SECRETARIAT_ONLY",
    "otp_webauthn:credential-registration-begin": "PASSKEY_API",
    "otp_webauthn:credential-registration-complete": "PASSKEY_API",
    "otp_webauthn:credential-authentication-begin": "PASSKEY_API",
    "otp_webauthn:credential-authentication-complete": "PASSKEY_API",
}
