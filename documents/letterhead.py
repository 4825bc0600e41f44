"""Who issues a region's documents and how they are numbered: the region's settings, with the
fallbacks a district that has not filled them in gets."""

from dataclasses import dataclass

from accounts.models import Region

from .models import KIND_CODES


@dataclass(frozen=True)
class Letterhead:
    issuer: str  # 发文机关标志, in red at the top
    prefix: str  # 发文机关代字: 寒重
    seal: str  # 发文机关署名 and the seal's text
    cc: str  # 抄送
    accountability_to: str
    date_style: str

    def number(self, kind: str, year: int, sequence: int) -> str:
        """寒重督〔2026〕12号: GB/T 9704 7.2.3 — year in full in 〔〕, no 第, no leading zeros."""
        return f"{self.prefix}{KIND_CODES[kind]}〔{year}〕{sequence}号"

    def to_dict(self) -> dict:
        return {
            "issuer": self.issuer,
            "prefix": self.prefix,
            "seal": self.seal,
            "cc": self.cc,
            "date_style": self.date_style,
        }


def letterhead(region: Region) -> Letterhead:
    name = region.name
    return Letterhead(
        issuer=region.doc_issuer or f"{name}重点项目建设大比拼工作专班",
        prefix=region.doc_prefix or f"{name[:1]}重",
        seal=region.doc_seal or f"{name}重大项目服务中心",
        cc=region.doc_cc or f"{name}委办公室，{name}政府办公室",
        accountability_to=region.doc_accountability_to or f"{name}纪委监委",
        date_style=region.doc_date_style,
    )
