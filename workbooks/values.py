"""What a cell says, as officials write it. Pure functions: a value in, a value or ``Bad`` out.

Numbers: 1200.5, "1,200.50", full-width "１２００．５", "1.2亿", "3000万元" (a unit written in
the cell wins over the sheet's 单位). Dates: Excel dates and serials, "2026/3/31", "2026.6",
"2026年3月", "3月底" (a month alone is its last day: a deadline). Periods: "2025-2027".
Names: "张三（副区长）" and "张三(副区长)" are the leader 张三 with the title 副区长.
"""

import calendar
import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .format import MONEY_UNITS
from .grid import excel_date

CENT = Decimal("0.01")
MONEY_LIMIT = Decimal("1e12")  # Project money fields hold 14 digits with 2 decimals
NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(亿元|亿|万元|万|元)?$")
SPACES = re.compile(r"\s+")


class Bad(str):
    """Why a cell could not be read, in Chinese."""


def text(value) -> str:
    """A cell as clean text: full-width letters and digits made plain, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number reads back as 1001.0
    elif isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    return SPACES.sub(" ", str(value).replace("\u3000", " ")).strip()


def key(value) -> str:
    """Text for comparing names and headers: NFKC (full-width to plain), no spaces at all,
    Chinese brackets made plain."""
    return SPACES.sub("", unicodedata.normalize("NFKC", text(value)))


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


COORDINATE_RANGE = {"lat": 90, "lon": 180}


def coordinate(value, name: str) -> Decimal | None | Bad:
    """A latitude or longitude in decimal degrees ("36.7712", "东经119.2101°"), six places."""
    if blank(value):
        return None
    if isinstance(value, bool | dt.date):
        return Bad(f"不是坐标：{text(value)}")
    plain = key(str(value)).replace("°", "").lstrip("东西南北经纬度：:")
    try:
        degrees = Decimal(plain)
    except InvalidOperation:
        return Bad(f"不是坐标（请写十进制度数，如 36.7712）：{text(value)}")
    limit = COORDINATE_RANGE[name]
    if not degrees.is_finite() or abs(degrees) > limit:
        return Bad(f"坐标超出范围（±{limit}°）：{text(value)}")
    return degrees.quantize(Decimal("0.000001"))


def money(value, unit: Decimal) -> Decimal | None | Bad:
    """An amount in 万元; ``unit`` is how many 万元 the sheet's unit is (亿元: 10000)."""
    if blank(value):
        return None
    if isinstance(value, bool | dt.date):
        return Bad(f"不是数字：{text(value)}")
    if isinstance(value, int | float | Decimal):
        try:
            amount = Decimal(str(value)) * unit
        except InvalidOperation:
            return Bad(f"不是数字：{text(value)}")
    else:
        shown = text(value)
        plain = key(value).replace(",", "").replace("，", "")
        match = NUMBER.match(plain)
        if not match:
            return Bad(f"不是数字：{shown}")
        amount = Decimal(match[1])
        if match[2]:
            amount *= MONEY_UNITS[{"亿": "亿元", "万": "万元"}.get(match[2], match[2])]
        else:
            amount *= unit
    if not amount.is_finite():
        return Bad(f"不是数字：{text(value)}")
    if amount < 0:
        return Bad(f"不能为负数：{text(value)}")
    if amount >= MONEY_LIMIT:
        return Bad(f"数额过大：{text(value)}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


PARTS_OF_MONTH = {"初": 10, "上旬": 10, "中旬": 20, "中": 20}
DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
MONTH = re.compile(r"^(?:(\d{4})[-/.年])?(\d{1,2})月?(底|末|份|初|上旬|中旬|下旬|中)?$")
YEAR_PART = {"上半年": (6, 30), "年中": (6, 30), "下半年": (12, 31), "年底": (12, 31)}
YEAR_PART.update({"年末": (12, 31), "年内": (12, 31), "全年": (12, 31)})


def date(value, year: int) -> dt.date | None | Bad:
    """A date; text without a year is in the campaign ``year``; a month alone is its last day."""
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 21001231:  # 20261215
            value = str(int(value))
        else:
            day = excel_date(float(value))
            return day if day else Bad(f"不是日期：{text(value)}")
    plain = key(value).rstrip("前")
    plain = re.sub(r"^(\d{4})年度?", r"\1年", plain)
    try:
        if match := DAY.match(plain) or re.match(r"^(\d{4})(\d{2})(\d{2})$", plain):
            return dt.date(*(int(part) for part in match.groups()))
        if match := MONTH.match(plain):
            if not match[1] and not plain.endswith(("月", "底", "末", "份", "初", "旬", "中")):
                return Bad(f"不是日期：{text(value)}")  # a bare number is not a month
            month_year = int(match[1]) if match[1] else year
            month = int(match[2])
            if match[3] in PARTS_OF_MONTH:
                return dt.date(month_year, month, PARTS_OF_MONTH[match[3]])
            return _month_end(month_year, month)
        stripped = re.sub(r"^\d{4}年", "", plain)
        stripped = stripped if stripped in YEAR_PART else "年" + stripped
        if stripped in YEAR_PART:
            found = re.match(r"^(\d{4})年", plain)
            return dt.date(int(found[1]) if found else year, *YEAR_PART[stripped])
    except ValueError:
        pass
    return Bad(f"不是日期：{text(value)}")


PERIOD = re.compile(
    r"^(\d{4})(?:年度?)?(?:\d{1,2}月?)?(?:(?:-|—|–|~|至|到)+(\d{2,4})(?:年度?)?(?:\d{1,2}月?)?)?$"
)


def period(value) -> tuple[int, int] | None | Bad:
    """建设起止年限: "2025-2027", "2025年—2027年", "2025.3-2027.12", "2026" → (start, end)."""
    if blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = text(value)
    plain = re.sub(r"(\d{4})\.(\d{1,2})", r"\1", key(value).replace("－", "-"))
    match = PERIOD.match(plain)
    if not match:
        return Bad(f"不是起止年限（如2025-2027）：{text(value)}")
    start = int(match[1])
    end = int(match[2]) if match[2] else start
    if end < 100:  # "2025-27"
        end += start // 100 * 100
    if not 1990 <= start <= end <= 2100:
        return Bad(f"起止年限不合理：{text(value)}")
    return start, end


TITLE = re.compile(r"^(.+?)[(（]([^()（）]+)[)）]$")
SEPARATORS = re.compile(r"[、，,；;/]")


def person(value) -> tuple[str, str, bool] | None:
    """A leader as written: (name, title, several named). "张三（副区长）" → ("张三", "副区长");
    "张三、李四" → the first, flagged."""
    plain = unicodedata.normalize("NFKC", text(value)).strip()
    if not plain:
        return None
    parts = [part for part in SEPARATORS.split(_outside_brackets(plain)) if part]
    several = len(parts) > 1
    first = _first_named(plain) if several else plain
    match = TITLE.match(first.strip())
    name, title = (match[1], match[2]) if match else (first, "")
    return SPACES.sub("", name), title.strip(), several


def _outside_brackets(plain: str) -> str:
    return re.sub(r"[(（][^()（）]*[)）]", "", plain)


def _first_named(plain: str) -> str:
    """The first person of "张三（副区长）、李四": cut at the first separator outside brackets."""
    depth = 0
    for position, char in enumerate(plain):
        depth += char in "(（"
        depth -= char in ")）"
        if depth == 0 and SEPARATORS.match(char) and plain[:position].strip():
            return plain[:position]
    return plain


def organisation(value) -> tuple[str, bool] | None:
    """A unit as written: its name, and whether several were named ("区住建局、区交通局")."""
    plain = text(value)
    if not plain:
        return None
    parts = [part for part in re.split(r"[、，,；;]", plain) if part.strip()]
    return key(parts[0]), len(parts) > 1


def choice(value, labels: dict[str, str], extra: dict[str, str] | None = None) -> str | None | Bad:
    """A choice by its label ("产业类"), its value ("industry"), or a synonym (``extra``)."""
    plain = key(value)
    if not plain:
        return None
    options = {key(label): str(v) for v, label in labels.items()}
    options.update({str(v).lower(): str(v) for v in labels})
    options.update({key(k): v for k, v in (extra or {}).items()})
    found = options.get(plain) or options.get(plain.lower())
    if found is None:
        allowed = "、".join(labels.values())
        return Bad(f"无法识别：{text(value)}（可填：{allowed}）")
    return found


def sequence(value) -> int | None:
    """A 序号 as a number (1, "1", "１", "1.0"), or None."""
    plain = key(value).rstrip(".、")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(plain) if plain.isdigit() and len(plain) < 7 else None
