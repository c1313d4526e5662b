"""Who a readout names, in the patterns real readouts use: one constructed sentence per pattern.

Each test writes a short sentence of one pattern with people the dataset
does not know (so nothing is matched by name) and checks who is found,
with which title, basis and country.
"""

from __future__ import annotations

import pytest

from helpers import names as nm
from helpers.cleaning import prepare


@pytest.fixture(scope="module")
def lexicon(ds):
    return nm.Lexicon.from_dataset(ds)


def people(text: str, lexicon) -> dict[str, tuple]:
    """name -> (title, basis, country) of everyone the text names (their longest written form)."""
    found = nm.group_people(nm.find_occurrences(text, lexicon), lexicon)
    out = {}
    for person in found:
        title = next((o.title for o in person.occurrences if o.title), None)
        country = next((o.country for o in person.occurrences if o.country), None)
        out[person.forms[0]] = (title, person.basis, country)
    return out


def test_led_by_and_included_with_semicolons(lexicon):
    text = (
        "Mexico's delegation was led by Security Secretary Ana Torres Vidal and included Foreign Secretary "
        "Luis Gómez Prado; Defense Secretary Carlos Ruiz Maza; and Navy Secretary Pedro Solís Lara."
    )
    assert people(text, lexicon) == {
        "Ana Torres Vidal": ("Security Secretary", "led", "MX"),
        "Luis Gómez Prado": ("Foreign Secretary", "listed", "MX"),
        "Carlos Ruiz Maza": ("Defense Secretary", "listed", "MX"),
        "Pedro Solís Lara": ("Navy Secretary", "listed", "MX"),
    }


def test_long_titles_with_capitalised_words_and_honorifics(lexicon):
    text = (
        "The U.S. delegation included Deputy Secretary of State for Management and Resources Robert Hale; "
        "Assistant to the President and Homeland Security Advisor Dr. Julia Marsh; and Ambassador Tom Reyes."
    )
    assert people(text, lexicon) == {
        "Robert Hale": ("Deputy Secretary of State for Management and Resources", "listed", "US"),
        "Julia Marsh": ("Assistant to the President and Homeland Security Advisor", "listed", "US"),
        "Tom Reyes": ("Ambassador", "listed", "US"),
    }


def test_a_list_wrapped_across_lines_of_a_markdown_readout(lexicon):
    raw = (
        "The U.S. delegation was led by Secretary of State Mark Dale and\n"
        "included Deputy Secretary of State for Management and Resources\nRobert Hale; and Ambassador Tom Reyes.\n"
    )
    assert set(people(prepare(raw, "markdown"), lexicon)) == {"Mark Dale", "Robert Hale", "Tom Reyes"}


def test_titles_after_the_names(lexicon):
    text = (
        "Ana Torres Vidal, Secretary of Security and Citizen Protection, and Luis Gómez Prado, Secretary of "
        "Foreign Affairs, received the U.S. delegation."
    )
    found = people(text, lexicon)
    assert found["Ana Torres Vidal"][0] == "Secretary of Security and Citizen Protection"
    assert found["Luis Gómez Prado"][0] == "Secretary of Foreign Affairs"
    assert {b for _, b, _ in found.values()} == {"hosted"}


def test_a_run_of_titled_names_that_met(lexicon):
    text = "Secretary Mark Dale, Attorney General Susan Kline, and Secretary Paul Ortiz met with President Ana Ruiz."
    found = people(text, lexicon)
    assert set(found) == {"Mark Dale", "Susan Kline", "Paul Ortiz", "Ana Ruiz"}
    assert all(basis is not None for _, basis, _ in found.values())


def test_includes_in_an_ordinary_sentence_is_no_delegation(lexicon):
    text = "The framework includes support for the initiative of Attorney General Susan Kline's office."
    assert all(basis is None for _, basis, _ in people(text, lexicon).values())


def test_a_third_country_keeps_its_own_nationality(lexicon):
    text = (
        "Security Secretary Ana Torres Vidal hosted Canada's Deputy Clerk of the Privy Council Marie Dubois "
        "and the U.S. Homeland Security Advisor Julia Marsh."
    )
    found = people(text, lexicon)
    assert found["Marie Dubois"][2] == "CA"
    assert found["Julia Marsh"][2] == "US"


def test_includes_names_a_delegation_only_after_a_group_noun(lexicon):
    ordinary = "The agreement includes support from Secretary Ana Torres Vidal and from Attorney General Susan Kline."
    assert all(basis is None for _, basis, _ in people(ordinary, lexicon).values())
    delegation = "The Mexican delegation included Secretary Ana Torres Vidal and Attorney General Susan Kline."
    assert {basis for _, basis, _ in people(delegation, lexicon).values()} == {"listed"}
