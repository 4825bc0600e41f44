"""A document as a PDF in the GB/T 9704 layout, drawn by WeasyPrint from its frozen content.

Fonts: no 方正小标宋 or 仿宋_GB2312 can be shipped, so the PDF uses Noto Serif CJK SC cut down
to GB2312 (documents/fonts, made by scripts/make_cjk_subset.py) as the 宋/仿宋-like face and its
bold as the 小标宋-like title face, and the reports' cut-down Noto Sans SC bold as the 黑体-like
heading face; characters outside GB2312 fall back to the full Noto CJK fonts of the system.
WeasyPrint's time follows the size of the fonts it embeds (shared/FINDINGS.md), hence the cuts.
"""

import logging
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string

from ..layout import issuer_size, title_lines
from .seal import seal_svg

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

SERIF_DIR = Path(__file__).resolve().parent.parent / "fonts"
# The reports' cut-down sans font, shared as files (reports/fonts), not as an import: the
# documents sit below the reports that issue them.
SANS_DIR = Path(__file__).resolve().parents[2] / "reports" / "fonts"
FACES = [
    ("Doc Song", 400, SERIF_DIR / "NotoSerifSC-Regular-GB2312.otf"),
    ("Doc Song", 700, SERIF_DIR / "NotoSerifSC-Bold-GB2312.otf"),
    ("Doc Title", 700, SERIF_DIR / "NotoSerifSC-Bold-GB2312.otf"),
    ("Doc Hei", 700, SANS_DIR / "NotoSansSC-Bold-GB2312.otf"),
]
FALLBACK = {
    "Doc Song": "Noto Serif CJK SC",
    "Doc Title": "Noto Serif CJK SC",
    "Doc Hei": "Noto Sans CJK SC",
}


@lru_cache(maxsize=1)
def font_css() -> str:
    rules = []
    for family, weight, path in FACES:
        sources = [f'local("{FALLBACK[family]}")']
        if path.exists():
            sources.insert(0, f'url("{path.as_uri()}") format("opentype")')
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f"src: {', '.join(sources)}; }}"
        )
    return "\n".join(rules)


def _cells(block: dict) -> dict:
    """A table block with each cell told whether it is a figure (right-aligned)."""
    if block.get("type") != "table":
        return block
    align = block.get("align") or []
    cells = [
        [{"text": text, "right": i < len(align) and align[i] == "r"} for i, text in enumerate(row)]
        for row in block.get("rows", [])
    ]
    return {**block, "cells": cells}


def html_of(document) -> str:
    content = document.content
    head = content["letterhead"]
    date_text = content["date_text"]
    # The signature is centred over the date, which stands four characters from the right.
    sign_indent = 4 + max(len(date_text) - len(head["seal"]), 0) / 2
    return render_to_string(
        "documents/official.html",
        {
            "doc": document,
            "title_lines": title_lines(document.title),
            "head": head,
            "body": [_cells(block) for block in content["body"]],
            "cc": content.get("cc", ""),
            "date_text": date_text,
            "printed_on": f"{document.issued_on.year}年{document.issued_on.month}月"
            f"{document.issued_on.day}日",
            "sign_indent": f"{sign_indent:.1f}",
            # 42 mm is 7.44 characters of 3号: the seal's centre over the date's centre.
            "seal_right": f"{max(4 + len(date_text) / 2 - 3.72, 0):.2f}",
            "seal_svg": seal_svg(head["seal"]) if head.get("seal") else "",
            "issuer_size": issuer_size(head["issuer"]),
            "font_css": font_css(),
        },
    )


def pdf_bytes(document) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html_of(document), base_url=str(SERIF_DIR)).write_pdf(font_config=fonts)
