"""Small bridges between computed values and the book's prose."""

from __future__ import annotations

import numbers

import numpy as np


def plain(value):
    """Return ``value`` as a built-in Python number or string.

    ``glue`` of a NumPy scalar breaks ``{glue:text}`` format specs, so every
    glued number passes through here.
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    return float(value)


def glue(key: str, value, display: bool = False) -> None:
    """Glue ``value`` (made plain) under ``key`` for ``{glue:text}`` in prose.

    Returns nothing, so that a cell ending with a glue shows no stray value.
    """
    from myst_nb import glue as _glue

    _glue(key, plain(value), display=display)


def glue_all(values: dict, prefix: str = "") -> None:
    """Glue every ``key: value`` of ``values`` under ``prefix + key`` (a chapter's quoted numbers at once)."""
    for key, value in values.items():
        glue(prefix + key, value)
