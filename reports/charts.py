"""Charts as SVG, rendered on the server with pygal.

Why pygal: pure Python and small, writes SVG itself, no JavaScript engine to ship (Vega-Lite
through vl-convert bundles a V8 runtime of its own) and no browser needed. Its tooltip script
is switched off (`js=[]`): nothing loads from another host. The SVG travels as a data: image, so
its internal stylesheet is no inline style of the page (the CSP stays strict) and WeasyPrint
draws the same picture in the PDF. The text alternative (alt) states every figure; the table
beside each chart holds the same numbers.
"""

import base64
import re

import pygal
from pygal.style import Style

from reports.figures import Figure

# The portal's palette (static/css/site.css): brand, accent, ok, focus, then neutrals.
PALETTE = ("#0b4f6c", "#b3261e", "#1e6b34", "#7a6200", "#083a50", "#4a4a4a", "#c8d3da")
LIGHT_COLOURS = ("#1e6b34", "#f2c200", "#b3261e", "#c8d3da")  # green, yellow, red, none

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#4a4a4a",
    colors=PALETTE,
    font_family="'Fira Sans', sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    value_font_size=13,
)


def chart_svg(figure: Figure) -> str:
    """The figure as a standalone SVG document."""
    options = {
        "style": STYLE,
        "title": figure.title,
        "js": [],
        "disable_xml_declaration": False,
        "show_legend": len(figure.series) > 1,
        "legend_at_bottom": True,
        "print_values": True,
        "width": 640,
        "height": 320 if figure.chart == "line" else max(200, 60 + 34 * len(figure.rows)),
        "margin": 12,
        "explicit_size": True,
    }
    labels = [str(row[0]) for row in figure.rows]
    if figure.chart == "line":
        chart = pygal.Line(**options, x_labels=labels, dots_size=4)
        for index, name in enumerate(figure.series, start=1):
            chart.add(str(name), [row[index] for row in figure.rows])
    elif figure.key == "ampeln":
        # One bar per light, each in its own colour; pygal stacks bars from the bottom up, so the
        # rows go in reversed to read top-down in the table's order.
        chart = pygal.HorizontalBar(**{**options, "show_legend": False}, x_labels=labels[::-1])
        bars = [{"value": row[1], "color": LIGHT_COLOURS[i % len(LIGHT_COLOURS)]} for i, row in enumerate(figure.rows)]
        chart.add(str(figure.series[0]), bars[::-1])
    else:
        chart = pygal.HorizontalBar(**options, x_labels=labels[::-1])
        for index, name in enumerate(figure.series, start=1):
            chart.add(str(name), [row[index] for row in figure.rows][::-1])
    # pygal writes its configuration as a script even without tooltips; an image runs no script,
    # but the file is cleaner and smaller without it.
    return SCRIPT.sub("", chart.render(is_unicode=True))


def chart_data_uri(figure: Figure) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(figure).encode()).decode()
