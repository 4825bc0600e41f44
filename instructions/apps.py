"""Leaders' instructions (批示): a leader or a manager writes one on a bulletin, a notice or a
project; the units it names are told and each answers it in writing.

Its own room because a 批示 stands on any of three things owned by other apps, is answered by
units that may not see the thing itself (a reporter cannot open a bulletin), and stays on the
dispatch agenda until every named unit has answered.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstructionsConfig(AppConfig):
    name = "instructions"
    verbose_name = _("Leaders' instructions")
