"""What an evidence file is, judged by its bytes (its magic number), not by its name.

An HTML page renamed ``.jpg`` would otherwise be stored and handed back to whoever opens the
problem. Each accepted name ending lists the kinds its bytes may be (as ``filetype`` names
them); a file whose bytes are none of them, or nothing known, is refused. Images pass for one
another (a phone's .jpg may hold a PNG) and so do the zip-based formats (a WPS .xlsx may sniff as
plain zip; OFD is a zip). Plain text has no magic number: it must decode and not be markup.
"""

from pathlib import Path

import filetype

IMAGES = frozenset({"jpg", "png", "gif", "webp", "heic"})
# Office 97–2003 files are OLE compound documents: filetype tells .doc/.xls/.ppt apart by
# guesswork inside them, so any of the three passes for any other.
OLE = frozenset({"doc", "xls", "ppt"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIPPED = frozenset({"zip", "docx", "xlsx", "pptx"})
TEXT = "text"

ACCEPTED: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"pdf"}),
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic"), IMAGES),
    **dict.fromkeys((".doc", ".xls", ".ppt"), OLE),
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".ofd", ".zip"), ZIPPED),
    ".rar": frozenset({"rar"}),
    ".7z": frozenset({"7z"}),
    ".txt": frozenset({TEXT}),
}
HEAD = 8192  # what filetype reads of a file
MARKUP = (b"<", b"\xef\xbb\xbf<")  # HTML, SVG, XML: a browser may run what they hold


def kind_of(head: bytes) -> str | None:
    """The kind of a file from its first bytes: a ``filetype`` extension, "text", or None."""
    if head.startswith(OLE_MAGIC):
        return "doc"
    guessed = filetype.guess(head)
    if guessed is not None:
        return guessed.extension
    if head and b"\x00" not in head and not head.lstrip().startswith(MARKUP):
        for encoding in ("utf-8", "gb18030"):
            try:
                # The head may end inside a character: drop up to three bytes of it.
                head[: len(head) - 3 if len(head) == HEAD else None].decode(encoding)
                return TEXT
            except UnicodeDecodeError:
                continue
    return None


def accepted(name: str, head: bytes) -> bool:
    """May a file called ``name`` whose bytes begin with ``head`` be kept as evidence?"""
    allowed = ACCEPTED.get(Path(name).suffix.lower())
    kind = kind_of(head)
    if not allowed:
        return False
    return kind in allowed or (allowed is OLE and kind in OLE)


def upload_accepted(upload) -> bool:
    """``accepted`` for an uploaded file; leaves it at its start for whoever saves it."""
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    return accepted(upload.name, head)
