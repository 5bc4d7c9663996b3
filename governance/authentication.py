"""Login helpers for django-axes."""


def throttle_username(request, credentials: dict | None) -> str | None:
    """The account key for login throttling: e-mail addresses are case-insensitive here.

    Without this, `Name@example.org` and `name@example.org` would each get five attempts.
    """
    source = credentials if credentials is not None else request.POST
    username = (source or {}).get("username")
    return username.strip().lower() if username else None
