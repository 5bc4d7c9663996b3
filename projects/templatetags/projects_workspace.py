"""The header's workspace link: shown only to people who have a workspace page to go to."""

from django import template
from django.urls import reverse

from projects.selectors import workspace_entry_for_user

register = template.Library()

ENTRY_URLS = {"list": "projects:project-list", "pending": "projects:contribution-pending"}


@register.simple_tag(takes_context=True)
def workspace_url(context) -> str:
    """The portfolio for the secretariat and project teams, open contributions for partners'
    representatives, nothing for anyone else (no link to a page that would answer 403)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    entry = workspace_entry_for_user(user=user) if user is not None else None
    return reverse(ENTRY_URLS[entry]) if entry else ""
