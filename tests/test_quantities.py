"""What is a quantity in a readout (helpers.quantities): constructed sentences of each excluded pattern."""

from __future__ import annotations

import pytest

from helpers import quantities as qt


def values(text: str) -> list[float]:
    return [c.value for c in qt.extract_quantities(text)]


@pytest.mark.parametrize(
    "text",
    [
        "GOAL 1: PROTECT OUR PEOPLE",  # a section label in capitals
        "Under Pillar 2 of the framework, the parties agreed.",
        "See Section 3 and Article 12.",
        "The three leaders agreed to meet.",  # a reference back to the leaders named before
        "All three goals were discussed.",
        "These two agencies will cooperate.",
        "The two countries signed.",  # the parties
        "The delegations met for the second time in the 21st century.",  # ordinals
    ],
)
def test_labels_references_and_ordinals_are_no_quantities(text):
    assert values(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The strategy focuses on two critical factors.", [2]),  # no determiner: a count
        ("The 64,000 Americans who died last year.", [64000]),  # a statistic, however introduced
        ("Mexico seized 1,200 firearms and the 3 percent rise.", [1200, 3]),
        ("The $3 billion of the two programs.", [3e9]),
    ],
)
def test_counts_and_statistics_stay(text, expected):
    assert values(text) == expected
