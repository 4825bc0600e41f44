"""The few formulas registers hold, computed from the sheet itself, as Excel would.

小计 and 合计 rows are ``=SUM(F5:F36)`` or ``=SUBTOTAL(9,F5:F36)``, a 全年 column may be
``=G5+H5+I5+J5``, an amount may be ``=ROUND(K5/10000,2)``. Like Excel, SUM skips text and blank
cells in a range (so a figure typed as text "1,200.50" is not in the workbook's own 合计, which
the totals check then reports). Anything else — another sheet, another function — is UNKNOWN,
and the reader falls back to the result the file stored.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

UNKNOWN = object()
TOKEN = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<ref>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|(?P<name>[A-Z][A-Z0-9.]*)(?=\s*\()"
    r"|(?P<op>[-+*/(),]))"
)
REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


class _Unknown(Exception):
    pass


def _position(ref: str) -> tuple[int, int]:
    match = REF.fullmatch(ref)
    if match is None:
        raise _Unknown
    letters, digits = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(digits) - 1, column - 1


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise _Unknown
        kind = match.lastgroup
        if kind is None:
            raise _Unknown
        tokens.append((kind, match[kind]))
        position = match.end()
    return tokens


class _Evaluator:
    def __init__(self, rows: list[list], formulas: dict[tuple[int, int], str]):
        self.rows, self.formulas = rows, formulas
        self.done: dict[tuple[int, int], object] = {}
        self.busy: set[tuple[int, int]] = set()

    def cell(self, position: tuple[int, int]):
        """A cell's value: a computed formula, a number, text, or None."""
        if position in self.formulas:
            if position not in self.done:
                if position in self.busy:  # a circular reference
                    raise _Unknown
                self.busy.add(position)
                try:
                    self.done[position] = self.formula(self.formulas[position])
                except (_Unknown, InvalidOperation, ZeroDivisionError, IndexError):
                    self.done[position] = UNKNOWN
                finally:
                    self.busy.discard(position)
            if self.done[position] is UNKNOWN:
                raise _Unknown
            return self.done[position]
        row, column = position
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return None

    def formula(self, text: str) -> Decimal:
        # A formula may refer to another: keep the outer one's place.
        outer = getattr(self, "tokens", []), getattr(self, "at", 0)
        try:
            self.tokens, self.at = _tokens(text[1:]), 0
            value = self.expression()
            if self.at != len(self.tokens):
                raise _Unknown
            return self.number(value)
        finally:
            self.tokens, self.at = outer

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def take(self, value=None):
        kind, text = self.peek()
        if kind is None or (value is not None and text != value):
            raise _Unknown
        self.at += 1
        return kind, text

    def expression(self):
        value = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = self.number(self.term())
            value = self.number(value) + right if op == "+" else self.number(value) - right
        return value

    def term(self):
        value = self.factor()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = self.number(self.factor())
            value = self.number(value) * right if op == "*" else self.number(value) / right
        return value

    def factor(self):
        kind, text = self.take()
        if text in ("-", "+"):
            value = self.number(self.factor())
            return -value if text == "-" else value
        if text == "(":
            value = self.expression()
            self.take(")")
            return value
        if kind == "number":
            return Decimal(text)
        if kind == "ref":
            return self.cell(_position(text))
        if kind == "range":
            return self.range(text)
        if kind == "name":
            return self.function(text)
        raise _Unknown

    def range(self, text: str) -> list:
        first, last = (_position(part) for part in text.split(":"))
        return [
            self.cell((row, column))
            for row in range(min(first[0], last[0]), max(first[0], last[0]) + 1)
            for column in range(min(first[1], last[1]), max(first[1], last[1]) + 1)
        ]

    def arguments(self) -> list:
        self.take("(")
        values = []
        if self.peek()[1] != ")":
            values.append(self.expression())
            while self.peek()[1] == ",":
                self.take(",")
                values.append(self.expression())
        self.take(")")
        return values

    def function(self, name: str) -> Decimal:
        values = self.arguments()
        if name == "SUM":
            return _sum(values)
        if name == "SUBTOTAL" and values and self.number(values[0]) in (9, 109):
            return _sum(values[1:])
        if name == "ROUND" and len(values) == 2:
            places = int(self.number(values[1]))
            return self.number(values[0]).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        raise _Unknown

    @staticmethod
    def number(value) -> Decimal:
        if isinstance(value, Decimal):
            return value
        if value is None:
            return Decimal(0)
        if isinstance(value, bool):
            return Decimal(int(value))
        if isinstance(value, int | float):
            return Decimal(str(value))
        if isinstance(value, str):  # Excel coerces a plain number typed as text in arithmetic
            try:
                return Decimal(value.strip())
            except InvalidOperation:
                raise _Unknown from None
        raise _Unknown


def _sum(values: list) -> Decimal:
    total = Decimal(0)
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            # SUM skips text, blanks and booleans in ranges.
            if isinstance(item, Decimal | int | float) and not isinstance(item, bool):
                total += item if isinstance(item, Decimal) else Decimal(str(item))
    return total


def evaluate_all(rows: list[list], formulas: dict[tuple[int, int], str]) -> dict:
    """Each formula cell's value, or UNKNOWN."""
    evaluator = _Evaluator(rows, formulas)
    results = {}
    for position in formulas:
        try:
            results[position] = evaluator.cell(position)
        except _Unknown:
            results[position] = UNKNOWN
    return results
