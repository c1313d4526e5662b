"""Drawing helpers of the networks chapter: the colours of the sector families and the opacity of ties."""

from __future__ import annotations

#: Colour of each sector family (Okabe & Ito 2008), in legend order (:data:`helpers.networks.FAMILIES`).
FAMILY_COLOURS = {
    "diplomacy": "#56B4E9",
    "interior and security": "#E69F00",
    "justice and law": "#009E73",
    "defence and navy": "#0072B2",
    "intelligence": "#CC79A7",
    "finance": "#F0E442",
    "drug policy": "#D55E00",
    "presidency": "#000000",
    "other": "#999999",
}


def tie_alpha(weight: float, strongest: float) -> float:
    """Opacity of a tie drawn with ``weight`` meetings, when the strongest tie has ``strongest``.

    A single meeting is drawn at 0.34 and the strongest tie opaque; the scale
    spans at least four meetings, so that adding a meeting to the corpus
    never pushes the opacity past 1.
    """
    return 0.34 + 0.66 * (weight - 1) / max(strongest - 1, 3)
