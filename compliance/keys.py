"""Short stable hashes that stand in for long keys in the indexes a streamed review keeps."""
from __future__ import annotations

import hashlib


def key64(*parts: str) -> int:
    """A 64-bit hash of the parts (joined by a separator no part contains)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")
