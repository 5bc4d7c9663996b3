"""Template helpers shared by every app's templates."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kooperationsraum.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user Markdown as sanitised HTML: `{{ project.description|markdown }}`."""
    return render_markdown(text)


@register.simple_tag
def content_lang():
    """` lang="de"` on an element with entered content while the interface is in another language.

    Titles and texts are entered in German only; marked up like this, screen readers read them with
    German pronunciation on the English interface (WCAG 2.1 SC 3.1.2, language of parts):
    `<h1{% content_lang %}>{{ solution.title }}</h1>`.
    """
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def nav_state(context) -> str:
    """All that the main navigation's `nav_current` marks depend on, as a key for the layout's
    cache: the path's first segment, and whether the path is that segment itself. Every link of
    the main navigation is a first segment (`/`, `/loesungen/`, …; tests/test_layout_cache.py)."""
    path = getattr(context.get("request"), "path", "") or "/"
    first = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    top = f"/{first}/" if first else "/"
    return top if path == top else f"{top}…"


@register.simple_tag(takes_context=True)
def nav_current(context, href: str, section: str = ""):
    """` aria-current="page"` on the link to this very page, ` aria-current="true"` on the link
    to the section the page belongs to (its path starts with `section`): `{% nav_current href %}`."""
    request = context.get("request")
    path = getattr(request, "path", "")
    if path == href:
        return mark_safe(' aria-current="page"')
    if section and path.startswith(section):
        return mark_safe(' aria-current="true"')
    return ""
