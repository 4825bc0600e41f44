"""An uploaded workbook is checked before it is parsed: size, zip bomb, dimensions, rows.

An .xlsx is a zip of XML. A 417 KB file can expand to hundreds of megabytes (a zip bomb), and
a sheet can declare ``A1:XFD1048576`` or carry a single cell on row 1,048,576, which the reader
would pad into a million rows. So before any parser sees the file we read only the zip's
directory and stream each worksheet's XML once, counting its rows without building anything.
An old .xls (one binary file, at most 65,536 rows) is checked by size and then by its rows.
Limits are settings (``WORKBOOK_*``); every refusal says in Chinese what and by how much.
"""

import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .errors import WorkbookRefused

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_A_WORKBOOK = "文件不是有效的Excel工作簿（.xlsx或.xls）"
CHUNK = 1 << 20
# A row tag is far shorter than this; the overlap lets a tag cut by a chunk edge be seen once.
OVERLAP = 512
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"")
DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\""
)
MAX_MEMBERS = 2000


@dataclass
class Checked:
    """What the guard learnt: the kind of file and the rows of each sheet (for the progress)."""

    kind: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _size(stream: IO[bytes]) -> int:
    position = stream.tell()
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(position)
    return size


def _mb(size: int) -> str:
    return filesizeformat(size).replace("\xa0", " ")


def check_workbook(stream: IO[bytes]) -> Checked:
    """Refuse ``stream`` (a seekable binary file) with ``WorkbookRefused`` if it is not a
    workbook or exceeds a limit; leave it at position 0 either way."""
    stream.seek(0)
    size = _size(stream)
    limit = settings.WORKBOOK_MAX_BYTES
    if size > limit:
        raise WorkbookRefused(f"文件过大：{_mb(size)}，工作簿最大{_mb(limit)}")
    magic = stream.read(8)
    stream.seek(0)
    try:
        if magic.startswith(XLSX_MAGIC):
            return _check_xlsx(stream)
        if magic == XLS_MAGIC:
            return _check_xls(stream)
    finally:
        stream.seek(0)
    raise WorkbookRefused(NOT_A_WORKBOOK)


def _check_xlsx(stream: IO[bytes]) -> Checked:
    try:
        archive = zipfile.ZipFile(stream)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused(f"工作簿内部文件过多（{len(members)}个），不像是正常的Excel工作簿")
    total = sum(member.file_size for member in members)
    if total > settings.WORKBOOK_MAX_UNCOMPRESSED:
        raise WorkbookRefused(
            f"工作簿解压后达{_mb(total)}，超过上限{_mb(settings.WORKBOOK_MAX_UNCOMPRESSED)}"
            "（可能是恶意构造的压缩炸弹），已拒绝"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        # Small parts compress wildly without harm; a big part with an absurd ratio is a bomb.
        if member.file_size > CHUNK and ratio > settings.WORKBOOK_MAX_RATIO:
            raise WorkbookRefused(
                f"工作簿压缩比异常（{member.filename}：{_mb(member.compress_size)}解压为"
                f"{_mb(member.file_size)}，约{ratio:.0f}倍），可能是压缩炸弹，已拒绝"
            )
    if "xl/workbook.xml" not in archive.namelist():
        raise WorkbookRefused(NOT_A_WORKBOOK)
    checked = Checked("xlsx")
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            checked.rows[member.filename] = _sheet_rows(archive, member)
    return checked


def _sheet_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """The rows a worksheet's XML holds, streamed once; refused past the limits."""
    max_rows = settings.WORKBOOK_MAX_ROWS
    name = member.filename.rsplit("/", 1)[-1]
    count, highest, tail, first = 0, 0, b"", True
    try:
        with archive.open(member) as xml:
            while True:
                chunk = xml.read(CHUNK)
                buffer = tail + chunk
                if first:
                    _check_dimension(buffer, name)
                    first = False
                # Tags starting in the overlap are counted with the next chunk.
                edge = len(buffer) - OVERLAP if chunk else len(buffer)
                count += sum(1 for m in ROW_TAG.finditer(buffer) if m.start() < edge)
                numbers = [int(m[1]) for m in ROW_NUMBER.finditer(buffer) if m.start() < edge]
                highest = max([highest, *numbers])
                if max(count, highest) > max_rows:
                    raise WorkbookRefused(
                        f"工作表（{name}）超过{max_rows:,}行，行数过多，已拒绝；"
                        "请删去多余的行或分成几个文件"
                    )
                if not chunk:
                    break
                tail = buffer[edge:]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a CRC error, a truncated part
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc
    return max(count, highest)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_dimension(head: bytes, name: str) -> None:
    match = DIMENSION.search(head[: 64 * 1024])
    if not match:
        return
    first_col, first_row, last_col, last_row = match.groups()
    rows = int(last_row or first_row) - int(first_row) + 1
    columns = _column_number((last_col or first_col).decode()) - _column_number(first_col.decode())
    columns += 1
    ref = match[0].split(b'"')[1].decode()
    if rows * columns > settings.WORKBOOK_MAX_CELLS:
        raise WorkbookRefused(
            f"工作表（{name}）声明的范围{ref}（{rows:,}行×{columns:,}列）过大，已拒绝；"
            "请只保留有内容的区域后另存"
        )
    if rows > settings.WORKBOOK_MAX_ROWS:
        raise WorkbookRefused(
            f"工作表（{name}）有{rows:,}行（{ref}），超过{settings.WORKBOOK_MAX_ROWS:,}行，"
            "行数过多，已拒绝；请删去多余的行或分成几个文件"
        )


def _check_xls(stream: IO[bytes]) -> Checked:
    import xlrd  # the kept reader of the old binary format; xlsx goes through openpyxl

    try:
        book = xlrd.open_workbook(file_contents=stream.read(), on_demand=True)
    except Exception as exc:  # xlrd raises many kinds for a damaged file
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc
    checked = Checked("xls")
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > settings.WORKBOOK_MAX_ROWS:
                raise WorkbookRefused(
                    f"工作表「{sheet.name}」有{sheet.nrows:,}行，超过{settings.WORKBOOK_MAX_ROWS:,}行"
                    "的上限，已拒绝"
                )
            checked.rows[sheet.name] = sheet.nrows
            book.unload_sheet(index)
    except WorkbookRefused:
        raise
    except Exception as exc:
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc
    finally:
        book.release_resources()
    return checked
