"""Reading our documents back: PDF text with pdftotext, Word with python-docx."""

import io
import subprocess

import docx


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def pdf_pages(data: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()


def docx_of(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_text(document) -> str:
    """Every paragraph and table cell, whitespace removed."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "".join("".join(parts).split())
