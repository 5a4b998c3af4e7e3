"""Markdown members write is rendered without anything that could run or call out: no script,
no raw HTML, no javascript: links, no images from other servers; links get nofollow."""

from commoning.front.markdown import render, sanitise


def test_it_renders_plain_markdown():
    html = render("**Bold** and a [link](https://example.org/a)\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org/a" rel="nofollow noopener">link</a>' in html
    assert "<li>one</li>" in html


def test_it_never_passes_a_script_through():
    html = render("<script>alert(1)</script>\n\nText")
    assert "<script" not in html
    assert "Text" in html


def test_it_shows_raw_html_as_text_not_markup():
    html = render('<b onclick="steal()">hi</b> <iframe src="https://evil.example"></iframe>')
    assert "<b" not in html and "<iframe" not in html
    assert "onclick" not in html or "&lt;b onclick" in html


def test_it_drops_javascript_and_data_links():
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
                "vbscript:x"):
        html = render(f"[click]({url})")
        # No link is made at all: what is left is the writer's text, escaped.
        assert "<a" not in html and "href" not in html and "<script" not in html
        assert "click" in html
    assert "<a" not in render('[x](<javascript:alert(1)>) <a href="javascript:x">y</a>')


def test_the_sanitiser_alone_stops_what_a_parser_might_let_through():
    html = sanitise('<a href="javascript:alert(1)">a</a><script>x()</script>'
                    '<img src="https://evil.example/p.png" onerror="x()"><p style="color:red">t</p>'
                    '<a href="https://example.org">b</a>')
    assert "javascript" not in html and "<script" not in html and "onerror" not in html
    assert "evil.example" not in html and "style" not in html
    assert '<a href="https://example.org" rel="nofollow noopener">b</a>' in html


def test_it_keeps_images_only_from_this_node():
    outside = render("![tracker](https://evil.example/pixel.png) ![x](//evil.example/p.png)")
    assert "evil.example" not in outside
    local = render("![drawing](/work/evidence/abc/)")
    assert '<img src="/work/evidence/abc/" alt="drawing">' in local


def test_it_renders_nothing_for_no_text():
    assert render(None) == "" and render("") == ""
