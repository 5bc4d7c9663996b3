"""The header's link to the sponsorship inbox, for people who may see any request."""

from django import template

from projects.permissions import may_use_sponsorship_inbox

register = template.Library()


@register.simple_tag(takes_context=True)
def sponsorship_inbox_allowed(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and may_use_sponsorship_inbox(user))
