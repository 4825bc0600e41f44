"""What can be wrong with a workbook: one cell or row (``RowError``), or the whole file."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """A problem in the sheet's own terms: "第12行 F列（全年）：不是数字：abc".

    ``row`` 0 means the whole sheet; ``column`` is the column letter, ``label`` its header.
    """

    row: int
    column: str
    label: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        where = f"工作表「{self.sheet}」" if self.sheet else ""
        if self.row:
            where += f"第{self.row}行"
        if self.column:
            where += f" {self.column}列" if self.row else f"{self.column}列"
            if self.label:
                where += f"（{self.label}）"
        return f"{where}：{self.message}" if where else self.message


class WorkbookError(Exception):
    """The workbook was rejected as a whole; ``errors`` says where and why."""

    def __init__(self, errors: Iterable[RowError | str]):
        self.errors = [e if isinstance(e, RowError) else RowError(0, "", "", e) for e in errors]
        super().__init__("\n".join(str(error) for error in self.errors))


class WorkbookRefused(WorkbookError):
    """The upload was refused before it was parsed (too large, a zip bomb, absurd dimensions)."""

    def __init__(self, message: str):
        super().__init__([message])
