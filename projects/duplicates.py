"""Near-duplicate photos by perceptual hash, found through an index, not a scan.

Multi-index hashing: the 64-bit hash is split into four 16-bit bands, each an indexed column.
Two hashes within 3 bits agree exactly on at least one band (pigeonhole), so the candidates are
the photos sharing a band — an indexed OR of four equalities — and the Hamming distance is
computed on those few. Hashes further apart are still found whenever a band survives intact.
"""

from django.db.models import Q

MASK = (1 << 64) - 1


def to_signed(value: int) -> int:
    """An unsigned 64-bit hash as PostgreSQL's signed bigint."""
    return value - (1 << 64) if value >= 1 << 63 else value


def bands(value: int) -> list[int]:
    value &= MASK
    return [(value >> (16 * i)) & 0xFFFF for i in range(4)]


def bits_apart(a: int, b: int) -> int:
    return ((a & MASK) ^ (b & MASK)).bit_count()


def hash_fields(value: int) -> dict:
    """The model fields of a hash: the signed value and its bands."""
    return {"phash": to_signed(value), **{f"band{i}": b for i, b in enumerate(bands(value))}}


def nearest_earlier(queryset, value: int, within: int) -> tuple[int, int] | None:
    """(pk, bits apart) of the nearest photo of ``queryset`` within ``within`` bits of
    ``value``, the earliest on a tie; None when there is none."""
    b = bands(value)
    candidates = queryset.filter(
        Q(band0=b[0]) | Q(band1=b[1]) | Q(band2=b[2]) | Q(band3=b[3])
    ).values_list("pk", "phash")
    best = None
    for pk, other in candidates:
        bits = bits_apart(value, other)
        if bits <= within and (best is None or (bits, pk) < best[::-1]):
            best = (pk, bits)
    return best
