"""Which report links the workspace navigation shows a person (templates/includes/_workspace_nav.html)."""

from functools import partial

from reports.permissions import cio_lands, may_list_reports, may_see_overview


def report_links(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Callables: evaluated only where the navigation is shown; roles are cached per user.
    return {
        "may_see_overview": partial(may_see_overview, user),
        "may_list_reports": partial(may_list_reports, user),
        "is_cio_office": lambda: bool(cio_lands(user)),
    }
