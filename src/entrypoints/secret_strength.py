"""How guessable a secret key looks: the production check's rule (entrypoints.settings)."""

import itertools
import math

MIN_SECRET_BITS = 80  # estimated; 32 random hex digits (128 bits) estimate at 100 to 120
_RUN = 4  # this many characters, each the previous one's neighbour (or itself), make a run


def secret_weakness(secret: str) -> str | None:
    """Why the key looks guessable, or None. Estimates only: a random key always passes."""
    size = len(secret)
    for period in range(1, size // 2 + 1):
        if size % period == 0 and secret[:period] * (size // period) == secret:
            return f"it repeats {secret[:period]!r}"
    if _in_runs(secret) * 2 >= size:
        return "half of it or more is runs like abcd, 4321 or aaaa"
    counts = [secret.count(ch) for ch in set(secret)]
    bits = -sum(c * math.log2(c / size) for c in counts)
    if bits < MIN_SECRET_BITS:
        return f"its characters carry about {bits:.0f} bits"
    return None


def _in_runs(text: str) -> int:
    """How many characters belong to runs of at least _RUN neighbours (abcd, 4321, aaaa)."""
    total, length = 0, 1
    for previous, current in itertools.pairwise(text):
        if abs(ord(current) - ord(previous)) <= 1:
            length += 1
            continue
        total += length if length >= _RUN else 0
        length = 1
    return total + (length if length >= _RUN else 0)
