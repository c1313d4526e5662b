"""The style that tells verdicts apart in the figures of the claims chapter.

Verdicts are drawn with a marker shape and a colour each
(:data:`VERDICT_STYLE`): the shape alone distinguishes every verdict, so no
figure relies on colour.
"""

from __future__ import annotations

from ..claims import (
    APPROXIMATE,
    CONSISTENT,
    INTERNAL,
    NOT_VERIFIABLE,
    OVERSTATED,
    TRANSLATION,
    UNDERSTATED,
)

#: verdict -> (matplotlib marker, Okabe-Ito colour, filled?). Shape alone
#: distinguishes every verdict, so the figures never rely on colour.
VERDICT_STYLE = {
    CONSISTENT: ("o", "#009E73", True),
    APPROXIMATE: ("s", "#56B4E9", True),
    OVERSTATED: ("^", "#D55E00", True),
    UNDERSTATED: ("v", "#CC79A7", True),
    INTERNAL: ("X", "#000000", True),
    TRANSLATION: ("D", "#E69F00", True),
    NOT_VERIFIABLE: ("o", "#999999", False),
}
