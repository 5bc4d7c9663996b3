"""Template helpers shared by every app's templates."""
from django import template

from kooperationsraum.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user Markdown as sanitised HTML: `{{ project.description|markdown }}`."""
    return render_markdown(text)
