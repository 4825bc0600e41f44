#!/usr/bin/env python3
"""Cut Noto Sans CJK SC (reports) and Noto Serif CJK SC (official documents) down to GB2312 +
ASCII (and the punctuation a bulletin uses) for the PDFs.

Why: WeasyPrint spends ~97% of a Chinese PDF's time subsetting the embedded font, and that time
follows the size of the font it is handed (see shared/FINDINGS.md): the 65k-glyph Noto font takes
12-15 s for two pages, this 7.5k-glyph cut ~3 s. Rare characters outside GB2312 (some personal
and place names) fall back to the full system fonts in the PDF's CSS.

The generated fonts are committed (sans under reports/fonts/, serif under documents/fonts/: the
official documents of GB/T 9704 are set in 宋/仿宋-like type) so a PDF needs nothing from the
machine; rerun this script (needs the Debian package fonts-noto-cjk) only to regenerate them:

    .venv/bin/python scripts/make_cjk_subset.py [--source-dir /usr/share/fonts/opentype/noto]
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
# family in the collection, output folder, output stem, weight -> collection file
FONTS = [
    (
        "Noto Sans CJK SC",
        ROOT / "reports" / "fonts",
        "NotoSansSC",
        {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"},
    ),
    (
        "Noto Serif CJK SC",
        ROOT / "documents" / "fonts",
        "NotoSerifSC",
        {"Regular": "NotoSerifCJK-Regular.ttc", "Bold": "NotoSerifCJK-Bold.ttc"},
    ),
]
# Latin-1, general punctuation, letterlike, number forms, arrows, maths, enclosed numbers, box
# and geometric shapes, CJK symbols and full-width forms: what tables and headings use.
EXTRA_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0xFF),
    (0x2000, 0x206F),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x25FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def gb2312_characters() -> set[str]:
    """Every character of GB2312 (7,445), decoded from its two-byte code table."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def codepoints() -> list[int]:
    points = {ord(char) for char in gb2312_characters()}
    for first, last in EXTRA_RANGES:
        points.update(range(first, last + 1))
    return sorted(points)


def font_number(path: Path, family: str) -> int:
    """The index of ``family`` inside a TrueType/OpenType collection."""
    collection = TTCollection(str(path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    raise SystemExit(f"{family} not found in {path}")


def make(source: Path, out: Path, family: str) -> None:
    options = subset.Options()
    options.font_number = font_number(source, family)
    options.hinting = False  # CFF hints only grow the file; PDFs are read at print resolution
    options.name_IDs = ["*"]  # keep the family name and the licence notice
    options.name_languages = ["*"]
    options.notdef_outline = True
    # No locl/vert: they pull in the Japanese, Korean and vertical variants, doubling the glyphs.
    options.layout_features = ["ccmp", "kern", "liga", "palt"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    subset.save_font(font, str(out), options)
    print(f"{out.name}: {len(font.getGlyphOrder())} glyphs, {out.stat().st_size / 1e6:.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", default="/usr/share/fonts/opentype/noto", type=Path)
    args = parser.parse_args()
    for family, out_dir, stem, weights in FONTS:
        out_dir.mkdir(parents=True, exist_ok=True)
        for weight, name in weights.items():
            source = args.source_dir / name
            if not source.exists():
                print(f"missing {source}: apt-get install fonts-noto-cjk", file=sys.stderr)
                return 1
            make(source, out_dir / f"{stem}-{weight}-GB2312.otf", family)
    return 0


if __name__ == "__main__":
    sys.exit(main())
