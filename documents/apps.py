"""Official documents (公文): the notices, interview notices, accountability proposals and
bulletins a district issues, in the national format (GB/T 9704-2012), numbered, frozen and
downloadable as PDF and Word.

Its own room because a document outlives what it is about: its number is taken from a
per-district, per-kind counter that never repeats or skips, its content is frozen the day it is
issued, and the same layout serves the ladder (escalation) and the reports.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Official documents")
