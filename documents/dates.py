"""Dates as an official document writes them. Pure."""

import datetime as dt

DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..31 in Chinese numerals as dates write them: 一, 十, 十二, 二十, 三十一."""
    if not 1 <= n <= 31:
        raise ValueError(f"{n} is not a day or month")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def chinese_date(day: dt.date) -> str:
    """二〇二六年十二月一日: the year digit by digit, month and day as numbers."""
    year = "".join(DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def arabic_date(day: dt.date) -> str:
    """2026年12月1日: GB/T 9704-2012 7.3.5.1 (full year, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def signature_date(day: dt.date, style: str) -> str:
    return arabic_date(day) if style == "arabic" else chinese_date(day)


SECTION_NUMBERS = "一二三四五六七八九十"


def section(n: int) -> str:
    """一、 二、 … for the first level of headings (n from 1)."""
    return (SECTION_NUMBERS[n - 1] if n <= 10 else chinese_number(n)) + "、"
