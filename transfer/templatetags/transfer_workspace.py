"""Which solution-workspace links a person sees: the secretariat's, and nobody else's (no link to a 403)."""

from django import template

from transfer.permissions import may_manage_solutions

register = template.Library()


@register.simple_tag(takes_context=True)
def may_manage_solutions_here(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user is not None and may_manage_solutions(user)
