"""Hostile input never becomes a server error (等保 入侵防范): every URL of the URLconf, with the
ids of real demo objects in its path, is read by every role with hostile values in every query
parameter its page uses, and every form it shows is posted with hostile values in each field.
Not one response may be a 500 or an unhandled exception. Each POST is rolled back so the next
one meets the same data; the number of requests is bounded to keep CI at a couple of minutes."""

import contextlib
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.choices import Role
from accounts.models import User

# Values an attacker or a careless hand sends; every page must answer them without a 500.
HOSTILE = [
    "abc",
    "-1",
    "0",
    "99999999999999999999",
    "\x00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "x" * 3000,
    "2026-W99",
    "0001-01-01",
    "9999-12-31",
    "1e400",
]
# Parameters every list page might read, besides those its own filter form names.
COMMON_PARAMS = [
    "year", "week", "campaign", "page", "per_page", "sort", "card", "project", "kind",
    "period", "status", "red_page", "target", "unit", "leader", "wall", "q", "format",
]  # fmt: skip
# Tried in one parameter at a time (the others absent): the kinds a parser trips on.
EACH = ["abc", "-1", "99999999999999999999", "\x00"]
# What the other roles send, in every parameter at once (their pages are the same views).
FEW = ["abc", "\x00"]
# A field's hostile values in a form: too long, NUL, an absurd date, a huge number.
FORM_HOSTILE = ["x" * 5000, "a\x00b", "0001-01-01", "9" * 40]

# The model whose demo object a pattern's <pk> names, by URL name (prefix match on the view).
PK_MODELS = {
    "scoring:why": "projects.Project",
    "scoring:adjust": "scoring.WeeklyScore",
    "scoring:exemption_new": "projects.Project",
    "scoring:exemption_revoke": "scoring.Exemption",
    "scoring:flag": "scoring.ReportFlag",
    "scoring:project_flags": "projects.Project",
    "scoring:rubric_version": "scoring.RubricVersion",
    "scoring:rubric_adopt": "scoring.RubricVersion",
    "reports:detail": "reports.Report",
    "reports:download": "reports.Report",
    "reports:rebuild": "reports.Report",
    "reports:resend": "reports.Report",
    "observation:round": "observation.ObservationRound",
    "observation:round_status": "observation.ObservationRound",
    "observation:round_criteria": "observation.ObservationRound",
    "observation:sheet": "observation.ObservationRound",
    "dashboard:unit": "accounts.Unit",
    "dashboard:leader": "accounts.Leader",
    "escalation:notice": "escalation.SupervisionNotice",
    "escalation:notice_pdf": "escalation.SupervisionNotice",
    "escalation:act": "escalation.SupervisionNotice",
    "escalation:schedule": "escalation.SupervisionNotice",
    "escalation:record": "escalation.SupervisionNotice",
    "escalation:accountability": "escalation.SupervisionNotice",
    "escalation:file": "escalation.NoticeFile",
    "documents:download": "documents.Document",
    "instructions:detail": "instructions.Instruction",
    "instructions:answer": "instructions.Instruction",
    "instructions:write": "projects.Project",
    "api:campaign-detail": "projects.Campaign",
    "api:project-detail": "projects.Project",
    "api:score-detail": "scoring.WeeklyScore",
    "api:report-detail": "projects.WeeklyReport",
    "twofactor:reset": "accounts.User",
    "problems:detail": "problems.Problem",
    "problems:act": "problems.Problem",
    "problems:file": "problems.EvidenceFile",
    "problems:meeting": "problems.Meeting",
    "problems:decide": "problems.Meeting",
    "outbox:retry": "outbox.Message",
    "reports:resend_message": "outbox.Message",
    "workbooks:run": "workbooks.ImportRun",
    "workbooks:run_progress": "workbooks.ImportRun",
    "workbooks:run_mapping": "workbooks.ImportRun",
    "workbooks:run_template": "workbooks.ImportRun",
    "workbooks:run_confirm": "workbooks.ImportRun",
    "workbooks:run_undo": "workbooks.ImportRun",
    "workbooks:run_file": "workbooks.ImportRun",
    "projects:detail": "projects.Project",
    "projects:report_edit": "projects.Project",
    "projects:location": "projects.Project",
    "projects:report": "projects.WeeklyReport",
    "projects:report_return": "projects.WeeklyReport",
    "projects:report_accept": "projects.WeeklyReport",
    "projects:photo": "projects.SitePhoto",
}
# The other path parameters: a real value of each.
OTHER_KWARGS = {
    "week": "2026-W47",
    "fmt": "pdf",
    "action": "accept",
    "kind": "project",
    "project_pk": None,  # a project of the round, found at run time
}
# What an empty field of a form gets, so that the one hostile field is the only wrong one.
PLAUSIBLE = {"text": "测试", "number": "1", "date": "2026-11-23", "time": "09:00", "email": "a@b.c"}
SKIPPED = {"logout", "login", "set_language", "healthz", "api:schema"}  # not pages of the app


def _patterns(patterns=None, prefix="", namespace=""):
    for item in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(item, URLResolver):
            if str(item.pattern).startswith("admin/"):
                continue  # the admin's scoping and input are owned by its own tests
            space = namespace + (f"{item.namespace}:" if item.namespace else "")
            yield from _patterns(item.url_patterns, prefix + str(item.pattern), space)
        elif isinstance(item, URLPattern) and item.name:
            name = namespace + item.name
            if name not in SKIPPED and "format" not in item.pattern.regex.groupindex:
                yield name, sorted(item.pattern.regex.groupindex)


URLS = dict(_patterns())


def _url(name: str, kwargs: list[str]) -> str | None:
    """The pattern's address about a real demo object, or None when the demo has none."""
    values = {}
    for key in sorted(kwargs, key=lambda k: k != "pk"):
        if key == "pk":
            model = apps.get_model(PK_MODELS[name])
            pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            if pk is None:
                return None
            values[key] = pk
        elif key == "project_pk" and "pk" in kwargs:  # a project of the observation round
            from observation.models import ObservationScore

            round_id = apps.get_model(PK_MODELS[name]).objects.order_by("pk").first().pk
            score = ObservationScore.objects.filter(round_id=round_id).first()
            if score is None:
                return None
            values[key] = score.project_id
        elif key == "project_pk":
            values[key] = apps.get_model("projects.Project").objects.order_by("pk")[0].pk
        else:
            values[key] = OTHER_KWARGS[key]
    return reverse(name, kwargs=values)


class _Forms(HTMLParser):
    """The forms of a page: method, action and fields (name → a sensible value, its kind)."""

    def __init__(self):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(),
                               "action": a.get("action") or "", "fields": {}})  # fmt: skip
        elif not self.forms or not a.get("name"):
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("type") not in ("submit", "button", "file", "image", "reset"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                fields.setdefault(a["name"], ("", a.get("type")))
            else:
                fields[a["name"]] = (a.get("value") or "", a.get("type") or "text")
        elif tag == "select":
            self._select = a["name"]
            fields[a["name"]] = ("", "select")
        elif tag == "option" and self._select and self._select in fields:
            if not fields[self._select][0] or "selected" in a:
                fields[self._select] = (a.get("value") or "", "select")
        if tag == "input" and a.get("type") in PLAUSIBLE and not fields[a["name"]][0]:
            fields[a["name"]] = (PLAUSIBLE[a["type"]], a["type"])
        elif tag == "textarea":
            self._textarea = a["name"]
            fields[a["name"]] = ("测试", "textarea")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms and data.strip():
            self.forms[-1]["fields"][self._textarea] = (data.strip(), "textarea")


def _forms(response):
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode("utf-8", "replace"))
    return parser.forms


def _users():
    """One demo user of each role, the widest first (a supervisor sees every form)."""
    order = [Role.SUPERVISOR, Role.ADMIN, Role.REPORTER, Role.LEADER, Role.HANDLER, Role.MANAGER]
    found = []
    for role in order:
        user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
        if user is not None:
            found.append(user)
    return found


class _Probe:
    """Sends requests and keeps every server error (status 500 or an exception) it meets."""

    def __init__(self, client: Client, who: str):
        self.client, self.who, self.count = client, who, 0
        self.errors: list[str] = []

    def send(self, method: str, path: str, data=None):
        self.count += 1
        try:
            with transaction.atomic():  # each request meets the same data
                if method == "get":
                    response = self.client.get(path, data or {})
                else:
                    response = self.client.post(path, data or {})
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 - every unhandled exception is the finding
            values = set((data or {}).values())
            shown = {k: (v[:20] + "…" if len(v) > 20 else v) for k, v in (data or {}).items()}
            if len(shown) > 2 and len(values) == 1:  # every parameter the same: say it once
                shown = {"*": next(iter(shown.values()))}
            self.errors.append(f"{self.who} {method.upper()} {path} {shown}: {exc!r:.200}")
            return None
        if response.status_code >= 500:
            self.errors.append(f"{self.who} {method.upper()} {path}: {response.status_code}")
        return response


@contextlib.contextmanager
def _reads():
    """The query parameters a request reads (get, [], getlist, in), present or not."""
    read: set[str] = set()

    def spy(method):
        def wrapped(self, key, *args, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return method(self, key, *args, **kwargs)

        return wrapped

    names = ("get", "__getitem__", "getlist", "__contains__")
    originals = {n: getattr(QueryDict, n) for n in names}
    for name, method in originals.items():
        setattr(QueryDict, name, spy(method))
    try:
        yield read
    finally:
        for name, method in originals.items():
            setattr(QueryDict, name, method)


def _hostile_query(probe: _Probe, path: str, names, read, *, values):
    """Each hostile value in all parameters at once, then in each parameter the page reads
    alone: a page that refuses the first bad parameter would hide the second."""
    for value in values:
        probe.send("get", path, dict.fromkeys(names, value))
        if read and value in EACH:
            for name in read:
                probe.send("get", path, {name: value})


def _hostile_forms(probe: _Probe, path: str, forms: list[dict]):
    """Each field of each POST form, one at a time, with each hostile value; the others keep the
    values the page showed."""
    for form in forms:
        if form["method"] != "post":
            continue
        target = urlsplit(form["action"]).path or path
        if target.startswith(("/accounts/", "/i18n/", "/admin/")):
            continue
        base = {name: value for name, (value, _kind) in form["fields"].items()}
        base.pop("csrfmiddlewaretoken", None)
        for name, (_value, kind) in form["fields"].items():
            if name == "csrfmiddlewaretoken" or kind == "hidden" and name.endswith("-TOTAL_FORMS"):
                continue
            for value in FORM_HOSTILE:
                probe.send("post", target, {**base, name: value})


def _key(form):
    return form["action"], tuple(sorted(form["fields"]))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URLS))
def test_no_server_error_from_hostile_input(demo, name):
    path = _url(name, URLS[name])
    assert path is not None, f"the demo has no object for {name}: add one to the fixture"
    errors, posted = [], set()
    for index, user in enumerate(_users()):
        client = Client()
        client.force_login(user)
        probe = _Probe(client, user.get_role_display())
        with _reads() as read:
            page = probe.send("get", path)
        if page is None or page.status_code >= 400:
            errors += probe.errors
            continue
        forms = _forms(page)
        names = set(COMMON_PARAMS)
        for form in forms:
            if form["method"] == "get":
                names |= {n for n in form["fields"] if not re.match(r"csrf", n)}
        # The first role sends every value, each alone in every parameter the page read; the
        # others a few values in all parameters at once; each form is posted by the first role
        # that sees it (the others see the same form).
        read -= {"csrfmiddlewaretoken", "next"}
        if "html" not in page.get("Content-Type", ""):  # a download: its few parameters
            _hostile_query(probe, path, sorted(read | {"page"}), sorted(read), values=FEW)
        elif index == 0:
            _hostile_query(probe, path, sorted(names | read), sorted(read), values=HOSTILE)
        else:
            _hostile_query(probe, path, sorted(names | read), (), values=FEW)
        fresh = [f for f in forms if f["method"] == "post" and _key(f) not in posted]
        posted |= {_key(f) for f in fresh}
        _hostile_forms(probe, path, fresh)
        errors += probe.errors
    assert not errors, f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


def test_every_pattern_with_an_id_names_its_model():
    """A new URL with <pk> must say which demo object the fuzz opens it with."""
    missing = [n for n, kw in URLS.items() if "pk" in kw and n not in PK_MODELS]
    assert not missing
