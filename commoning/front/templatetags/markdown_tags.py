"""`{{ text|markdown }}`: Markdown someone wrote, rendered safely (front.markdown)."""

from django import template

from commoning.front import markdown as safe_markdown

register = template.Library()


@register.filter
def markdown(text):
    return safe_markdown.render(text)
