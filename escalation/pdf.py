"""The supervision notice as an official printable PDF, with the reports' CJK font."""

from django.template.loader import render_to_string
from django.utils import translation

from reports.render.pdf import FONT_DIR, font_css


def notice_pdf_bytes(notice) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    with translation.override("zh-hans"):
        html = render_to_string("escalation/notice_pdf.html", {"notice": notice})
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf(
        stylesheets=[CSS(string=font_css(), font_config=fonts)], font_config=fonts
    )
