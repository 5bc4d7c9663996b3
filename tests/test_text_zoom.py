"""Text enlarged to 200 % (WCAG 1.4.4 Resize Text, BITV 2.0): every page of the accessibility lists
stays usable when the root font size is doubled, as a browser's text-only zoom or a larger default
font does. At a desktop width of 1280 px (the layout stays the desktop one, only the text grows)
and at 640 px (what 1280 px shows at 200 % page zoom), both from one load of the page:

- the page never scrolls sideways: no element pushes the document past the viewport;
- no text is cut off: no element that hides its overflow (overflow hidden or clip, or an
  ellipsis) holds more than it shows, as fixed-height buttons, badges or one-line labels would.

The page lists are the ones of tests/test_accessibility.py (imported, so a new page is checked
here too); the demo data is seeded once for this module (tests/browser.py). The browser context
bypasses CSP only to add the enlarging style sheet; the site's own headers are not weakened.
"""

import pytest

from tests.browser import (
    DESKTOP,
    SECRETARIAT,
    browser,
    demo_server,
    new_context,
    open_page,
    page_overflow,
    reading_contexts,
)
from tests.test_accessibility import PUBLIC_PAGES, WORKSPACE_PAGES

FIXTURES = (browser, demo_server, new_context, open_page, reading_contexts)  # imported for pytest, used by name

pytestmark = pytest.mark.browser

TEXT_ZOOM = "200%"
HALF_DESKTOP = {"width": 640, "height": 900}  # 1280 px at 200 % page zoom
PAGES = [(path, None) for path in PUBLIC_PAGES] + [(path, SECRETARIAT) for path in WORKSPACE_PAGES]

# Elements that hide what does not fit and hold more than they show. Texts hidden on purpose for
# screen readers (`.visually-hidden`, the honeypot field, the skip link before it is focused) are 1 px boxes by design.
CLIPPED_TEXT = """() => {
    const hides = s => ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY)
        || s.textOverflow === 'ellipsis';
    return [...document.body.querySelectorAll('*')]
        .filter(el => !el.closest('.visually-hidden, .hp-field, .skip-link, [hidden], svg, img, iframe'))
        .filter(el => el.clientWidth > 1 && el.clientHeight > 1 && (el.textContent || '').trim())
        .filter(el => {
            const s = getComputedStyle(el);
            if (!hides(s)) return false;
            return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        })
        .slice(0, 5)
        .map(el => {
            const classes = String(el.className || '').trim().split(/\\s+/).filter(Boolean);
            const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
            return `${el.tagName.toLowerCase()}${classes.map(c => '.' + c).join('')} “${text}” `
                + `(${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`;
        });
}"""


def enlarge_text(page) -> None:
    """Double the root font size: everything KERN and site.css size in rem grows with it."""
    page.add_style_tag(content=f"html {{ font-size: {TEXT_ZOOM} !important; }}")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def assert_usable(page, path: str, width: int) -> None:
    overflow = page_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], (
        f"{path} at {width} px with {TEXT_ZOOM} text is {overflow['scrollWidth']} px wide: {overflow['culprits']}"
    )
    clipped = page.evaluate(CLIPPED_TEXT)
    assert not clipped, f"{path} at {width} px with {TEXT_ZOOM} text cuts off text: {clipped}"


@pytest.mark.parametrize(("path", "person"), PAGES)
def test_page_is_usable_with_text_at_200_percent(open_page, path, person):
    """At 1280 px, then the same load narrowed to 640 px (the media queries follow the width)."""
    page, _requested = open_page(path, "de", person=person, viewport=DESKTOP)
    enlarge_text(page)
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 32
    for viewport in (DESKTOP, HALF_DESKTOP):
        page.set_viewport_size(viewport)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert_usable(page, path, viewport["width"])


def test_text_zoom_check_sees_planted_clipping_and_overflow(open_page):
    """The harness works: a one-line label that hides its overflow and a box in px are caught."""
    page, _requested = open_page("/", "de", viewport=DESKTOP)
    enlarge_text(page)
    page.evaluate(
        """() => {
            const main = document.getElementById('inhalt');
            const label = document.createElement('span');
            label.id = 'planted-clip';
            label.className = 'planted-clip';
            label.style.cssText = 'display:block;width:10rem;height:1.5em;overflow:hidden;white-space:nowrap';
            label.textContent = 'Datenschutzfolgenabschätzung für die kreisübergreifende Kfz-Zulassung';
            main.appendChild(label);
            const wide = document.createElement('div');
            wide.id = 'planted-wide';
            wide.style.width = '80rem';
            wide.textContent = 'x';
            main.appendChild(wide);
        }"""
    )
    assert any("planted-clip" in found for found in page.evaluate(CLIPPED_TEXT))
    overflow = page_overflow(page)
    assert overflow["scrollWidth"] > overflow["clientWidth"]
    assert any("planted-wide" in culprit for culprit in overflow["culprits"])
