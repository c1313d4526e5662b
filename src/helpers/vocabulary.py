"""Controlled vocabularies whose order carries meaning, shared by drafting and analysis."""

from __future__ import annotations

#: Bases of participation, strongest first: a person named in several ways at one meeting
#: (listed and speaking, say) is counted once, on the strongest basis.
BASES = ["led", "listed", "hosted", "met", "spoke", "greeted"]
