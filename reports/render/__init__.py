"""Rendering a snapshot: PDF (WeasyPrint), Excel (openpyxl) and server-drawn SVG charts. Both
files are made from the stored snapshot only, so a report renders the same next year."""

from ..choices import KIND_TITLES
from ..kinds import builder


def context(snapshot: dict, *, revision: int = 1) -> dict:
    """What the document templates get: the snapshot and the names around it."""
    kind = snapshot["kind"]
    return {
        "snap": snapshot,
        "kind": kind,
        "doc_template": f"reports/doc/{kind}.html",
        "title": KIND_TITLES.get(kind, kind),
        "banner": f"{snapshot['campaign']['region']}重点项目建设大比拼",
        "revision": revision,
        "issuer": f"{snapshot['campaign']['region']}重点项目建设大比拼办公室",
    }


def pdf_bytes(snapshot: dict, *, revision: int = 1) -> bytes:
    from .pdf import render_pdf

    return render_pdf(context(snapshot, revision=revision))


def xlsx_bytes(snapshot: dict, *, revision: int = 1) -> bytes:
    from .excel import render_xlsx

    ctx = context(snapshot, revision=revision)
    title = f"{ctx['banner']} {ctx['title']}（{snapshot['period_display']}）"
    return render_xlsx(builder(snapshot["kind"]).sheets(snapshot), title)
