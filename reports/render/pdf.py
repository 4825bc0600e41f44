"""The PDF of a snapshot: HTML from ``templates/reports/pdf/document.html``, laid out by
WeasyPrint on A4 with a running header, page numbers and a proper CJK font.

The font: Noto Sans CJK SC cut down to GB2312 + ASCII (``reports/fonts``, made by
``scripts/make_cjk_subset.py`` and committed), because WeasyPrint's time follows the size of
the font it embeds (shared/FINDINGS.md). Characters outside the cut fall back to WenQuanYi
Micro Hei, then the full Noto Sans CJK SC, so a rare name still prints.
"""

import logging
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string

# WeasyPrint logs every layout step at INFO (some at import); a worker needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "Report Sans"
FALLBACK = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'
FACES = {400: "NotoSansSC-Regular-GB2312.otf", 700: "NotoSansSC-Bold-GB2312.otf"}


@lru_cache(maxsize=1)
def font_css() -> str:
    """@font-face rules for the cut-down fonts that exist, and the family stack to use."""
    faces = [
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
        f'src: url("{(FONT_DIR / name).as_uri()}") format("opentype"); }}'
        for weight, name in FACES.items()
        if (FONT_DIR / name).exists()
    ]
    stack = f'"{FAMILY}", {FALLBACK}' if faces else FALLBACK
    # Margin boxes do not inherit from the body: @page names the font too.
    return (
        "\n".join(faces) + f"\nhtml {{ font-family: {stack}; }}\n@page {{ font-family: {stack}; }}"
    )


def document_html(context: dict) -> str:
    return render_to_string("reports/pdf/document.html", context)


def render_pdf(context: dict) -> bytes:
    """The PDF bytes of a report, from the template context built by ``render.context``."""
    fonts = FontConfiguration()
    html = HTML(string=document_html(context), base_url=str(FONT_DIR))
    return html.write_pdf(
        stylesheets=[CSS(string=font_css(), font_config=fonts)], font_config=fonts
    )
