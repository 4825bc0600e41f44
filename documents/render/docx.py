"""A document as an editable Word file (.docx) in the GB/T 9704 layout, from its frozen content.

python-docx (kept, MIT, no Office needed) writes plain WordprocessingML that Word and WPS both
open. The fonts are named, not embedded, as the districts' own templates name them:
方正小标宋简体 for the mark and the title, 仿宋_GB2312 for the body, 黑体 and 楷体_GB2312 for
headings; a machine without them shows its own substitutes. The seal is left off: an editable
file must not carry a seal; it is applied when the document is issued.
"""

import io

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..layout import issuer_size, title_lines

RED = RGBColor(0xE6, 0x00, 0x12)
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
LINE = Pt(28.95)  # 22 lines in the 225 mm 版心
BODY = Pt(16)  # 3号
CHAR = Pt(16)


def _fonts(run, east_asia: str, size: Pt, bold: bool = False, colour: RGBColor | None = None):
    run.font.name = LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _para(
    doc,
    text="",
    *,
    font=BODY_FONT,
    size=BODY,
    bold=False,
    colour=None,
    align=None,
    indent_chars=0,
    space_before=0,
    line=LINE,
    right_chars=0,
):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(16 * indent_chars)
    if right_chars:
        fmt.right_indent = Pt(16 * right_chars)
    if align is not None:
        paragraph.alignment = align
    if text:
        _fonts(paragraph.add_run(text), font, size, bold, colour)
    return paragraph


PPR_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
# Edge order inside pBdr: top, left, bottom, right, between, bar.
EDGES = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")


def _border(paragraph, side: str, size_eighths: int, colour: str = "000000"):
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # WordprocessingML is a sequence: Word refuses a pBdr after spacing, ind or jc.
        ppr.insert_element_before(borders, *PPR_AFTER_BORDERS)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), colour)
    later = {qn(tag) for tag in EDGES[EDGES.index(f"w:{side}") + 1 :]}
    successor = next((child for child in borders if child.tag in later), None)
    if successor is None:
        borders.append(edge)
    else:
        successor.addprevious(edge)


def _page_number(paragraph):
    """— PAGE —, 4号 宋体, as a field Word and WPS update themselves."""
    _fonts(paragraph.add_run("— "), "宋体", Pt(14))
    run = paragraph.add_run()
    _fonts(run, "宋体", Pt(14))
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._element.append(field)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
    _fonts(paragraph.add_run(" —"), "宋体", Pt(14))


def _table(doc, block: dict):
    head, rows, align = block.get("head") or [], block.get("rows") or [], block.get("align") or []
    width = len(head) or max((len(r) for r in rows), default=1)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    shares = block.get("widths") or [100 / width] * width
    table.autofit = False
    for column, share in zip(table.columns, shares, strict=False):
        column.width = Mm(156 * share / 100)  # the grid: what LibreOffice and WPS lay out by
    for r, row in enumerate(([head] if head else []) + rows):
        cells = table.add_row().cells
        for cell, share in zip(cells, shares, strict=False):
            cell.width = Mm(156 * share / 100)
        for i, text in enumerate(row[:width]):
            paragraph = cells[i].paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.15
            if head and r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _fonts(paragraph.add_run(str(text)), HEI_FONT, Pt(12), bold=True)
            else:
                if i < len(align) and align[i] == "r":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _fonts(paragraph.add_run(str(text)), BODY_FONT, Pt(12))


def docx_bytes(document) -> bytes:
    content = document.content
    head = content["letterhead"]
    doc = new_docx()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = LATIN_FONT, BODY
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = document.title
    doc.core_properties.subject = document.number
    doc.core_properties.author = head["seal"]
    doc.core_properties.language = "zh-CN"

    # 版头: the red mark 35 mm below the top of the type area, the number two lines under it,
    # the red rule 4 mm under the number, the title two lines under the rule.
    _para(
        doc,
        head["issuer"],
        font=TITLE_FONT,
        size=Pt(issuer_size(head["issuer"])),
        colour=RED,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=Mm(35).pt,
        line=Pt(44),
    )
    number = _para(doc, document.number, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=LINE.pt * 2)
    number.paragraph_format.space_after = Mm(4)
    _border(number, "bottom", 12, "E60012")
    title = _para(
        doc,
        font=TITLE_FONT,
        size=Pt(22),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=LINE.pt * 2,
        line=Pt(32),
    )
    for i, line in enumerate(title_lines(document.title)):
        run = _fonts(title.add_run(line), TITLE_FONT, Pt(22))
        if i:
            run._element.insert(1 if run._element.rPr is not None else 0, OxmlElement("w:br"))
    _para(doc, f"{document.addressee}：", space_before=LINE.pt)
    for block in content["body"]:
        kind = block.get("type")
        if kind == "table":
            _table(doc, block)
        elif kind == "h1":
            _para(doc, block["text"], font=HEI_FONT, indent_chars=2)
        elif kind == "h2":
            _para(doc, block["text"], font=KAI_FONT, indent_chars=2)
        else:
            _para(doc, block["text"], indent_chars=2)

    date_text = content["date_text"]
    shift = 4 + max(len(date_text) - len(head["seal"]), 0) / 2
    signature = _para(
        doc,
        head["seal"],
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        right_chars=shift,
        space_before=LINE.pt * 2,
    )
    signature.paragraph_format.keep_with_next = True
    _para(doc, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)

    # 版记: 抄送 and the printing line between rules, 4号, one character in from each side.
    _para(doc, "", space_before=LINE.pt * 2)
    cc = content.get("cc")
    if cc:
        line = _para(doc, f"抄送：{cc}。", size=Pt(14), line=Pt(24))
        line.paragraph_format.left_indent = line.paragraph_format.right_indent = Pt(14)
        line.paragraph_format.keep_with_next = True  # the imprint stays in one piece
        _border(line, "top", 8)
        _border(line, "bottom", 6)
    issued = document.issued_on
    printed = _para(doc, head["seal"], size=Pt(14), line=Pt(24))
    printed.paragraph_format.left_indent = printed.paragraph_format.right_indent = Pt(14)
    _fonts(
        printed.add_run(f"\t{issued.year}年{issued.month}月{issued.day}日印发"), BODY_FONT, Pt(14)
    )
    stops = printed.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
    if not cc:
        _border(printed, "top", 8)
    _border(printed, "bottom", 8)

    # Page numbers: odd pages on the right, even pages on the left, one character in.
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number(even)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
