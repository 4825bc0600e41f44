"""Near-duplicate photos by perceptual hash, found through an index, not a scan.

Multi-index hashing: the 64-bit hash is split into four 16-bit bands, each an indexed column.
Two hashes within 11 bits have a band that differs in at most 2 bits (pigeonhole), so the
candidates are the photos whose band equals ours or one of its 136 neighbours within 2 bits —
an indexed OR of four IN lists — and the Hamming distance is computed on those few.
"""

from functools import cache
from itertools import combinations

from django.db.models import Q

MASK = (1 << 64) - 1
RADIUS = 2  # bits a band may differ by and still be looked up: finds every match within 11 bits


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


@cache
def _flips() -> tuple[int, ...]:
    masks = [0]
    for bits in range(1, RADIUS + 1):
        masks += [sum(1 << i for i in chosen) for chosen in combinations(range(16), bits)]
    return tuple(masks)


def neighbours(band: int) -> list[int]:
    """The band's value and every value within RADIUS bits of it."""
    return [band ^ mask for mask in _flips()]


def nearest_earlier(queryset, value: int, within: int) -> tuple[int, int] | None:
    """(pk, bits apart) of the nearest photo of ``queryset`` within ``within`` bits of
    ``value``, the earliest on a tie; None when there is none."""
    b = bands(value)
    near = Q()
    for i, band in enumerate(b):
        near |= Q(**{f"band{i}__in": neighbours(band)})
    candidates = queryset.filter(near).values_list("pk", "phash")
    best = None
    for pk, other in candidates:
        bits = bits_apart(value, other)
        if bits <= within and (best is None or (bits, pk) < best[::-1]):
            best = (pk, bits)
    return best
