"""Download a document as PDF or Word, drawn from its frozen content, to those who may see
what it is about."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .recording import record_download
from .selectors import documents_for

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
def download(request, pk: int, fmt: str):
    if fmt not in TYPES:
        raise Http404(_("No such file."))
    document = get_object_or_404(documents_for(request.user), pk=pk)
    if fmt == "pdf":
        from .render.pdf import pdf_bytes

        body = pdf_bytes(document)
    else:
        from .render.docx import docx_bytes

        body = docx_bytes(document)
    record_download(request, document, fmt)
    response = HttpResponse(body, content_type=TYPES[fmt])
    filename = f"{document.file_stem}.{fmt}"
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="document-{document.pk}.{fmt}"; '
        f"filename*=UTF-8''{quote(filename)}"
    )
    return response
