"""Every download of a document is written down: who, when, which document, which format.
Until the security audit log (issue 9) is on main, the application log keeps it."""

import logging

log = logging.getLogger("documents.downloads")


def record_download(request, document, fmt: str) -> None:
    log.info(
        "download document=%s number=%s format=%s user=%s",
        document.pk,
        document.number,
        fmt,
        getattr(request.user, "username", ""),
    )
