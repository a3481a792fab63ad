"""A donut's centre figure in a Word chart: a text box over the hole, drawn by the chart
itself (its user shapes), with the plot area laid out so that the hole is where the box is.

Word and LibreOffice draw the box with the chart: it moves and scales with it, and an
official who edits the figure edits it in place."""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree

from sectorial.doc.model import Chart
from sectorial.layout import GLYPH_WIDTH, PT_MM, centre_lines
from sectorial.style import Look

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CDR = "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SHAPES_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml"
SHAPES_RELATIONSHIP = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                       "chartUserShapes")
PLOT = (0.02, 0.05, 0.58, 0.90)  # the plot area's x, y, width, height, of the chart's
HOLE = 0.5  # the hole's share of the donut's diameter (c:holeSize 50)


def fix_plot_area(space: etree._Element) -> None:
    """Lay the donut's plot area out at ``PLOT``: the hole is then at a known place."""
    plot = space.find(f"{{{C}}}chart/{{{C}}}plotArea")
    layout = plot.find(f"{{{C}}}layout")
    if layout is None:
        layout = etree.Element(f"{{{C}}}layout")
        plot.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, f"{{{C}}}manualLayout")
    etree.SubElement(manual, f"{{{C}}}layoutTarget").set("val", "inner")
    etree.SubElement(manual, f"{{{C}}}xMode").set("val", "edge")
    etree.SubElement(manual, f"{{{C}}}yMode").set("val", "edge")
    for name, value in zip(("x", "y", "w", "h"), PLOT):
        etree.SubElement(manual, f"{{{C}}}{name}").set("val", repr(value))


def centre_shapes(chart: Chart, look: Look, size_mm: tuple[float, float],
                  language: str) -> bytes:
    """The chart drawing with the centre figure in the hole: the figure on one line, its
    words on the next, at the largest size (up to the figures') that fits the hole."""
    x, y, w, h = PLOT
    width_mm, height_mm = size_mm
    diameter_mm = min(w * width_mm, h * height_mm)
    hole_mm = HOLE * diameter_mm
    lines = centre_lines(chart.center_label)
    longest = max(len(line) for line in lines)
    size_pt = min(look.size("grafico_etiqueta") + 2,
                  0.7 * hole_mm / PT_MM / (longest * GLYPH_WIDTH),
                  0.55 * hole_mm / PT_MM / (len(lines) * 1.2))
    half_w, half_h = 0.45 * hole_mm / width_mm, 0.45 * hole_mm / height_mm
    centre_x, centre_y = x + w / 2, y + h / 2
    colour = look.color("cifra").lstrip("#")
    runs = "".join(
        f'<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="{language}" '
        f'sz="{round(size_pt * 100)}" b="1"><a:solidFill><a:srgbClr val="{colour}"/>'
        f'</a:solidFill><a:latin typeface="{escape(look.docx_font)}"/></a:rPr>'
        f"<a:t>{escape(line)}</a:t></a:r></a:p>" for line in lines)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:userShapes xmlns:c="{C}" xmlns:a="{A}"><cdr:relSizeAnchor xmlns:cdr="{CDR}">'
        f"<cdr:from><cdr:x>{centre_x - half_w:.4f}</cdr:x><cdr:y>{centre_y - half_h:.4f}"
        f"</cdr:y></cdr:from><cdr:to><cdr:x>{centre_x + half_w:.4f}</cdr:x>"
        f"<cdr:y>{centre_y + half_h:.4f}</cdr:y></cdr:to>"
        '<cdr:sp macro="" textlink=""><cdr:nvSpPr><cdr:cNvPr id="2" name="Centro"/>'
        '<cdr:cNvSpPr txBox="1"/></cdr:nvSpPr><cdr:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:noFill/></cdr:spPr><cdr:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" '
        'rIns="0" bIns="0" anchor="ctr"/><a:lstStyle/>'
        f"{runs}</cdr:txBody></cdr:sp></cdr:relSizeAnchor></c:userShapes>"
    ).encode()

