"""A comment's body as HTML: safe Markdown (front.markdown), with each `@name` that the comment
mentions turned into a link to that member's page."""

import re

from django.urls import reverse
from django.utils.safestring import SafeString

from commoning.front import markdown
from commoning.talk.mentions import MENTION, handle, handles_of


def comment_html(body: str | None, mentioned_members) -> SafeString:
    if body is None:
        return markdown.render("")
    by_handle = {key: member for member in mentioned_members for key in handles_of(member.name)}

    def link(match: re.Match) -> str:
        written = match.group(1).rstrip(".-")
        trailing = match.group(1)[len(written):]  # a full stop after the name stays text
        member = by_handle.get(handle(written))
        if member is None:
            return match.group(0)
        # The name goes in as text of a Markdown link; brackets in it are escaped.
        label = re.sub(r"([\\[\]])", r"\\\1", member.name)
        return f"[@{label}]({reverse('member', args=[member.id])}){trailing}"

    return markdown.render(MENTION.sub(link, body) if by_handle else body)
