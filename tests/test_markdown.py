"""User Markdown is rendered and sanitised: script, event handlers and javascript: URLs never survive."""

import pytest

from kooperationsraum.markdown import render_markdown

PROBES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<iframe src="https://example.org"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '![bild](x "onerror=alert(1)")',
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


@pytest.mark.parametrize("probe", PROBES)
def test_xss_probe_is_defused(probe):
    html = str(render_markdown(probe)).lower()
    for dangerous in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "ontoggle",
        "javascript:",
        "<iframe",
        "style=",
        "data:text",
        "<svg",
        "<img",
    ):
        assert dangerous not in html, (probe, html)


def test_ordinary_markdown_survives_with_headings_below_the_page_title():
    html = str(render_markdown("# Ziel\n\n**Kfz-Zulassung** online, siehe [Doku](https://example.org)."))
    assert "<h2>Ziel</h2>" in html and "<h1" not in html
    assert "<strong>Kfz-Zulassung</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
