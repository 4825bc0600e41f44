"""The official documents of the ladder — 督办通知书, 约谈通知书, 问责建议 — written from frozen
figures and issued through ``documents.services``. Always called inside the transaction that
stores the step, so the step and its numbered document stand or fall together."""

import datetime as dt

from accounts.models import User
from documents.letterhead import letterhead
from documents.models import Document, DocumentKind
from documents.services import document_issue

from .figures import figure_rows, latest_scored_week, week_figures
from .models import Accountability, Interview, SupervisionNotice


def _day(day: dt.date | str | None) -> str:
    if day is None:
        return "—"
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


def _table(rows: list[list[str]]) -> dict:
    return {"type": "table", "head": [], "rows": rows, "align": ["l", "l"], "widths": [38, 62]}


def _cc(project) -> str:
    head = letterhead(project.campaign.region)
    return f"{project.leader.name}（包靠领导），{head.cc}"


def notice_document(
    notice: SupervisionNotice, *, red_weeks: int, issued_on: dt.date, user: User | None = None
) -> Document:
    """督办通知书: issued with the notice, its figures as of the week that opened it."""
    project = notice.project
    figures = week_figures(project, notice.opened_week)
    reasons = figures["reasons"] or [notice.reason]
    body = [
        {
            "type": "p",
            "text": f"你单位负责推进的重点项目“{project.name}”（项目编号{project.code}，"
            f"包靠领导{project.leader.name}）截至{_day(figures['as_of'])}（{figures['week_label']}）"
            f"连续{red_weeks}周被亮红牌，建设进度滞后。根据重点项目“蓝黄红”督导机制，现予督办。",
        },
        {"type": "h1", "text": f"一、项目情况（截至{_day(figures['as_of'])}）"},
        _table(figure_rows(figures)),
        {"type": "h1", "text": "二、亮牌原因"},
        *[{"type": "p", "text": f"{i}. {line}"} for i, line in enumerate(reasons, start=1)],
        {"type": "h1", "text": "三、办理要求"},
        {
            "type": "p",
            "text": f"请你单位于{_day(notice.sign_deadline)}前在系统内签收本通知书，"
            f"于{_day(notice.deadline)}前书面反馈整改措施和进展情况，并附佐证材料。"
            "逾期未签收或未反馈的，逐级提级督办；督办期满仍无明显进展的，约谈相关负责人；"
            "存在“慢、拖、瞒”情形的，依规提出问责建议。",
        },
    ]
    document = document_issue(
        region=project.campaign.region,
        kind=DocumentKind.NOTICE,
        issued_on=issued_on,
        title=f"关于{project.name}建设进度滞后的督办通知书",
        addressee=project.unit.name,
        body=body,
        figures={
            **figures,
            "sign_deadline": notice.sign_deadline.isoformat(),
            "deadline": notice.deadline.isoformat(),
            "red_weeks": red_weeks,
        },
        as_of=dt.date.fromisoformat(figures["as_of"]) if figures["as_of"] else None,
        cc=_cc(project),
        user=user,
        notice=notice,
    )
    # The number belongs to the issue step already in the history: no second version.
    SupervisionNotice.objects.filter(pk=notice.pk).update(doc_number=document.number)
    notice.doc_number = document.number
    return document


def interview_document(interview: Interview, *, issued_on: dt.date, user: User) -> Document:
    """约谈通知书: issued when the interview is scheduled, figures as of the last scored week."""
    notice = interview.notice
    project = notice.project
    figures = week_figures(project, latest_scored_week(project, issued_on))
    assert interview.scheduled_for is not None  # issued when it is scheduled (a DB constraint)
    when = interview.scheduled_for.astimezone(dt.timezone(dt.timedelta(hours=8)))
    first = notice.documents.filter(kind=DocumentKind.NOTICE).first()
    cited = f"经{first.number}督办，" if first else "经督办，"
    body = [
        {
            "type": "p",
            "text": f"你单位负责推进的重点项目“{project.name}”{cited}督办期限"
            f"（{_day(notice.deadline)}）届满后仍无明显进展。截至{_day(figures['as_of'])}"
            f"（{figures['week_label'] or '—'}），该项目周评分{figures['total']}分"
            f"（{figures['card'] or '—'}）。根据重点项目督导机制，决定约谈{interview.person}。",
        },
        {"type": "h1", "text": "一、约谈安排"},
        _table(
            [
                ["约谈对象", interview.person],
                ["约谈时间", f"{_day(when.date())} {when:%H:%M}"],
                ["约谈地点", interview.place],
            ]
        ),
        {"type": "h1", "text": f"二、项目情况（截至{_day(figures['as_of'])}）"},
        _table(figure_rows(figures)),
        {"type": "h1", "text": "三、有关要求"},
        {
            "type": "p",
            "text": "请被约谈人准时参加，如实说明项目进度滞后的原因，提出整改措施和完成时限。"
            "约谈情况记入项目督办档案，纳入年度综合绩效考核。",
        },
    ]
    return document_issue(
        region=project.campaign.region,
        kind=DocumentKind.INTERVIEW,
        issued_on=issued_on,
        title=f"关于{project.name}建设进度问题的约谈通知书",
        addressee=project.unit.name,
        body=body,
        figures={
            **figures,
            "person": interview.person,
            "place": interview.place,
            "when": when.isoformat(),
        },
        as_of=dt.date.fromisoformat(figures["as_of"]) if figures["as_of"] else None,
        cc=_cc(project),
        user=user,
        notice=notice,
        interview=interview,
    )


def accountability_document(record: Accountability, *, user: User) -> Document:
    """问责建议: issued when a supervisor records accountability, figures as of its date."""
    project = record.project
    head = letterhead(project.campaign.region)
    figures = week_figures(project, latest_scored_week(project, record.decided_on))
    history = []
    notice = record.notice
    if notice is not None:
        first = notice.documents.filter(kind=DocumentKind.NOTICE).first()
        history.append(
            f"{_day(notice.opened_at.date())}下发督办通知书"
            + (f"（{first.number}）" if first else "")
            + f"，要求{_day(notice.deadline)}前反馈整改情况"
        )
        if notice.signed_at:
            history.append(f"{_day(notice.signed_at.date())}责任单位签收")
        interview = getattr(notice, "interview", None)
        if interview is not None and interview.scheduled_for:
            history.append(
                f"{_day(interview.scheduled_for.date())}约谈{interview.person}"
                + ("，" + interview.record[:80] if interview.record else "")
            )
    body = [
        {
            "type": "p",
            "text": f"重点项目“{project.name}”（责任单位{project.unit.name}，包靠领导"
            f"{project.leader.name}）经督办{'、约谈' if len(history) > 2 else ''}后仍无明显进展，"
            f"截至{_day(figures['as_of'])}（{figures['week_label'] or '—'}）周评分"
            f"{figures['total']}分（{figures['card'] or '—'}）。",
        },
        {"type": "h1", "text": f"一、项目情况（截至{_day(figures['as_of'])}）"},
        _table(figure_rows(figures)),
        {"type": "h1", "text": "二、督办及约谈情况"},
        *[{"type": "p", "text": f"{i}. {line}。"} for i, line in enumerate(history, start=1)],
        *([] if history else [{"type": "p", "text": "未经督办程序，由督导单位直接提出。"}]),
        {"type": "h1", "text": "三、问责建议"},
        {"type": "p", "text": f"建议对{record.person}予以{record.measure}。理由：{record.reason}"},
        {"type": "p", "text": "以上建议，请审定。"},
    ]
    return document_issue(
        region=project.campaign.region,
        kind=DocumentKind.ACCOUNTABILITY,
        issued_on=record.decided_on,
        title=f"关于对{project.name}建设进度滞后问题进行问责的建议",
        addressee=head.accountability_to,
        body=body,
        figures={**figures, "person": record.person, "measure": record.measure},
        as_of=dt.date.fromisoformat(figures["as_of"]) if figures["as_of"] else None,
        cc=_cc(project),
        user=user,
        notice=notice,
        accountability=record,
    )
