"""How Swedish messages quote what a file wrote."""
from __future__ import annotations


def quoted(value: object, width: int = 40) -> str:
    """A value as a message quotes it: ``'12 3OO'``, cut to ``width`` characters."""
    text = str(value)
    return f"'{text if len(text) <= width else text[:width] + '…'}'"


def listed(numbers: list[int], most: int = 10) -> str:
    """Row numbers as a message lists them: ``2, 5, 9``, the first ``most`` and then ``…``."""
    return ", ".join(map(str, numbers[:most])) + (" …" if len(numbers) > most else "")
