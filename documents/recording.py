"""Every download of a document is written to the security audit log: who, when, from which
address, which document, which format."""

from audit.kinds import Kind
from audit.log import record


def record_download(request, document, fmt: str) -> None:
    record(
        request,
        Kind.DOWNLOAD,
        target=f"{document.file_stem}.{fmt}",
        detail=f"document {document.pk} {document.number}".strip(),
    )
