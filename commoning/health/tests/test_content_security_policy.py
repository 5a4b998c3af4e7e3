"""Every page answers with a strict Content-Security-Policy, and no template needs it loosened:
no inline script, style or event handler (issue 10, finding 9: pages sent no policy)."""

import re
from pathlib import Path

import pytest

from commoning.accounts.actions import create_api_token
from commoning.accounts.operators import grant
from commoning.commons.actions import create_commons

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("*/templates/**/*.html"))
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)",
                                re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx hx-on": re.compile(r"\bhx-on", re.I),
}


def test_it_finds_the_templates():
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_template_has_inline_script_or_style(template):
    text = template.read_text()
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert found == [], f"{template}: {found}"


@pytest.mark.django_db
def test_every_page_answers_with_the_policy(client, alice, net):
    grant("alice")
    commons = create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0", description="")
    create_api_token(alice, "laptop")
    visitor_pages = ["/", "/commons/", f"/commons/{commons.id}/", "/members/", "/log/",
                     f"/log/{commons.id}/", "/login/", "/signup/", "/no-such-page/",
                     "/api/docs", "/api/openapi.json", f"/sync/{net}/frontier"]
    member_pages = ["/work/", "/profile/", "/tokens/", "/commons/new/", "/peers/"]
    for path in visitor_pages:
        assert_policy(client.get(path), path)
    client.force_login(alice)
    for path in member_pages + visitor_pages:
        assert_policy(client.get(path), path)


def assert_policy(response, path):
    policy = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, path
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, path
