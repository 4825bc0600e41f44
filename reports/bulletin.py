"""The monthly bulletin (每月通报) as an official document: the report's frozen snapshot written
as the body of a 通报 — situation, investment by unit, cards, the red list with reasons, late
reporters, problems, next steps — and issued with its own number when the report is built."""

import datetime as dt

from documents.dates import section
from documents.models import Document, DocumentKind
from documents.services import document_issue
from projects import weeks

from .templatetags.report_format import pct, points, score, versus_due, wan, yi

UNITS_SHOWN = 15
RED_SHOWN = 20


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _table(head, rows, align, widths=None) -> dict:
    return {"type": "table", "head": head, "rows": rows, "align": align, "widths": widths}


def body_of(snap: dict) -> list[dict]:
    o = snap["overview"]
    cards = o["cards"]
    region = snap["campaign"]["region"]
    blocks: list[dict] = []
    n = 0

    def h1(text):
        nonlocal n
        n += 1
        blocks.append({"type": "h1", "text": f"{section(n)}{text}"})

    blocks.append(
        {
            "type": "p",
            "text": "为压实项目建设责任，根据重点项目“蓝黄红”督导机制，现将"
            f"{snap['period_display']}{region}重点项目建设情况通报如下。",
        }
    )
    h1("总体情况")
    blocks.append(
        {
            "type": "p",
            "text": f"截至{_cn(_date(snap['as_of']['sunday']))}，全区{o['projects']}个重点项目"
            f"累计完成投资{yi(o['done'])}亿元，占年度计划的{pct(o['pct_plan'])}，{versus_due(o['gap_points'])}；"
            f"占全年投资目标{yi(o['target'])}亿元的{pct(o['pct_target'])}。已开工{o['started']}个，"
            f"已投产{o['in_production']}个（年度目标{o['production_target']}个）。本期蓝牌{cards['blue']}个、"
            f"黄牌{cards['yellow']}个、红牌{cards['red']}个。",
        }
    )
    h1("投资完成情况")
    units = snap.get("units", [])
    rows = [
        [
            g["name"],
            str(g["projects"]),
            wan(g["plan"]),
            wan(g["done"]),
            pct(g["pct_plan"]),
            points(g["gap_points"]),
        ]
        for g in units[:UNITS_SHOWN]
    ]
    rows.append(
        [
            "合计",
            str(o["projects"]),
            wan(o["plan"]),
            wan(o["done"]),
            pct(o["pct_plan"]),
            points(o["gap_points"]),
        ]
    )
    blocks.append(
        _table(
            [
                "责任单位",
                "项目数",
                "年度计划（万元）",
                "累计完成（万元）",
                "完成年度计划",
                "超/落后序时",
            ],
            rows,
            ["l", "r", "r", "r", "r", "r"],
            [24, 10, 18, 18, 15, 15],
        )
    )
    if len(units) > UNITS_SHOWN:
        blocks.append({"type": "p", "text": f"其余{len(units) - UNITS_SHOWN}个单位详见附件。"})
    h1("红牌项目及原因")
    red = snap.get("red_list", [])
    if red:
        blocks.append(
            _table(
                ["项目", "责任单位", "包靠领导", "得分", "主要原因"],
                [
                    [
                        r["name"],
                        r["unit"],
                        r["leader"],
                        score(r["total"]),
                        "；".join(r.get("reasons", [])),
                    ]
                    for r in red[:RED_SHOWN]
                ],
                ["l", "l", "l", "r", "l"],
                [20, 14, 11, 9, 46],
            )
        )
    else:
        blocks.append({"type": "p", "text": "本期无红牌项目。"})
    h1("周报报送情况")
    late = snap.get("late", [])
    if late:
        named = "、".join(
            f"{u['unit']}（漏报{u['missing']}次、迟报{u['late']}次）" for u in late[:15]
        )
        blocks.append({"type": "p", "text": f"本期存在迟报、漏报的单位：{named}。"})
    else:
        blocks.append({"type": "p", "text": "本期各单位均按时报送周报。"})
    h1("问题办理情况")
    problems = snap.get("problems", {})
    total = problems.get("total", {})
    blocks.append(
        {
            "type": "p",
            "text": f"本期未办结问题{total.get('open', 0)}个，其中超期{total.get('overdue', 0)}个；"
            f"已销号{total.get('solved', 0)}个。",
        }
    )
    h1("下步工作")
    for i, step in enumerate(snap.get("next_steps", []), start=1):
        blocks.append({"type": "p", "text": f"{i}. {step}"})
    return blocks


def bulletin_issue(report) -> Document:
    """Issue the 通报 of a monthly report, inside the transaction that stores the report."""
    snap = report.snapshot
    o = snap["overview"]
    issued_on = weeks.local_today(report.built_at)
    return document_issue(
        region=report.campaign.region,
        kind=DocumentKind.BULLETIN,
        issued_on=issued_on,
        title=f"关于{snap['period_display']}全区重点项目建设情况的通报",
        addressee="各责任单位，各要素保障部门，各包靠领导",
        body=body_of(snap),
        figures={
            "period": snap["period"],
            "projects": o["projects"],
            "done": str(o["done"]),
            "pct_plan": str(o["pct_plan"]),
            "cards": {k: o["cards"][k] for k in ("blue", "yellow", "red")},
            "revision": report.revision,
        },
        as_of=_date(snap["as_of"]["sunday"]),
        user=report.built_by,
        report=report,
    )
