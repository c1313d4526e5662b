"""Finding and grouping people (helpers.names): the short cuts give what the full work gives, and stay linear."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import names as nm
from helpers import text as tx
from helpers.text import normalise

from conftest import ROOT

SYNTHETIC = ROOT / "tests" / "fixtures" / "synthetic_readout_2024.txt"


@pytest.fixture(scope="module")
def lexicon(ds):
    return nm.Lexicon.from_dataset(ds)


_WORDS = st.sampled_from(
    [
        "Blinken",
        "Blinken's",
        "Blinken’s",
        "O'Brien's",
        "(Blinken",
        "“Rodríguez”",
        "-Ebrard",
        "J.",
        "de",
        "la",
        "the",
        "Secretary",
        "security",
        "Dr.",
        "U.S.",
        "3Blinken",
        "x-Ray",
        "Mexico's",
        "DEA",
        "Ana-María",
        "said",
        ",",
        ".",
        ":",
        "'s",
        "éBlinken",
        "de-Blinken",
        "o'Brien",
        "ÉBRARD",
        "Ébrard",
        "x-Ray-Ebrard",
    ]
)


@given(st.lists(_WORDS, max_size=12))
def test_may_name_is_true_wherever_a_token_is_a_name_word(lexicon, words):
    # Sentences that may_name passes over are not tokenised: it must never miss a name word.
    text = " ".join(words)
    if nm.name_spans(nm.tokenise(text, 0, len(text)), lexicon.vocabulary):
        assert nm.may_name(text, 0, len(text), lexicon.vocabulary)


def test_sentences_that_name_nobody_are_not_tokenised(lexicon, monkeypatch):
    calls = []
    monkeypatch.setattr(nm, "tokenise", lambda *args: calls.append(args) or [])
    text = "The security of the two countries was discussed. They agreed on it.\n"
    assert nm.find_occurrences(text * 50, lexicon) == [] and calls == []


def _known_spans_by_search(text, start, end, lexicon, taken):
    """What _known_spans must give: every form searched in the sentence, in the lexicon's order."""
    folded, mapping = tx.fold(text[start:end])
    found = []
    for _, form, _ in lexicon.forms:
        for m in re.finditer(r"(?<![\w-])" + re.escape(tx.fold(form)[0]) + r"(?![\w])", folded):
            a, b = start + mapping[m.start()], start + mapping[m.end() - 1] + 1
            if not text[a].isupper() or any(s.start < b and a < s.end for s in taken):
                continue
            if not any(x < b and a < y for x, y in found):
                found.append((a, b))
    return sorted(found)


def test_known_spans_are_those_of_a_search_per_form(ds, lexicon):
    # The one-scan look-up (and the first-word test before it) finds what a search per form finds.
    texts = [normalise(ds.text(d)) for d in ds.documents["doc_id"]] + [normalise(SYNTHETIC.read_text())]
    checked = 0
    for text in texts:
        for start, end, _ in tx.sentences(text):
            spans = nm.name_spans(nm.tokenise(text, start, end), lexicon.vocabulary)
            assert nm._known_spans(text, start, end, lexicon, spans) == _known_spans_by_search(
                text, start, end, lexicon, spans
            )
            checked += 1
    assert checked > 200


def test_a_name_is_matched_to_the_dataset_once(lexicon, monkeypatch):
    calls = []
    real = nm._match_known
    monkeypatch.setattr(nm, "_match_known", lambda tokens, lx: calls.append(tokens) or real(tokens, lx))
    fresh = nm.Lexicon(lexicon.people, lexicon.forms, lexicon.vocabulary, lexicon.agencies, lexicon.history)
    answers = {nm.match_known(form, fresh) for form in ["Antony Blinken", "Antony  Blinken", "ANTONY BLINKEN"] * 5}
    assert len(answers) == 1 and len(calls) == 1


def _occurrences(lexicon, copies):
    text = normalise(SYNTHETIC.read_text(encoding="utf-8"))
    return nm.find_occurrences("\n".join([text] * copies), lexicon)


def test_grouping_compares_each_pair_of_names_once(lexicon, monkeypatch):
    # Grouping twice as many occurrences of the same people compares no more names: it does not
    # go back over every occurrence at each look-up (which made it quadratic).
    counts = {}
    for copies in (4, 8):
        calls = []
        real = nm.part_of
        occurrences = _occurrences(lexicon, copies)
        fresh = nm.Lexicon(lexicon.people, lexicon.forms, lexicon.vocabulary, lexicon.agencies, lexicon.history)
        monkeypatch.setattr(nm, "part_of", lambda *a, calls=calls, real=real, **k: calls.append(a) or real(*a, **k))
        people = nm.group_people(occurrences, fresh)
        monkeypatch.setattr(nm, "part_of", real)
        counts[copies] = len(calls)
        assert sum(len(p.occurrences) for p in people) == len(occurrences)
    assert counts[8] == counts[4] > 0


def test_grouping_repeated_text_gives_the_same_people(lexicon):
    once = nm.group_people(_occurrences(lexicon, 1), lexicon)
    thrice = nm.group_people(_occurrences(lexicon, 3), lexicon)
    assert [(p.person_id, p.forms) for p in once] == [(p.person_id, p.forms) for p in thrice]
    assert [3 * len(p.occurrences) for p in once] == [len(p.occurrences) for p in thrice]


def test_a_surname_joins_the_person_named_last_before_it(lexicon):
    def occurrence(start, form):
        return nm.Occurrence(start, start + len(form), form, None, None, "", None)

    people = nm.group_people(
        [
            occurrence(0, "Maria Lopez"),
            occurrence(50, "Lopez"),
            occurrence(100, "Juan Lopez"),
            occurrence(150, "Lopez"),
            occurrence(5, "Lopez"),
        ],
        lexicon,
    )
    by_form = {p.forms[0]: sorted(o.start for o in p.occurrences) for p in people}
    # The surname after each full name joins it; one before any... joins the nearest before it (Maria at 0).
    assert by_form == {"Maria Lopez": [0, 5, 50], "Juan Lopez": [100, 150]}


def test_find_occurrences_reads_the_sentences_it_is_given(lexicon):
    text = normalise(SYNTHETIC.read_text(encoding="utf-8"))
    assert nm.find_occurrences(text, lexicon, tx.sentences(text)) == nm.find_occurrences(text, lexicon)


def test_grouping_does_not_reread_a_persons_occurrences(lexicon, monkeypatch):
    # Person.forms reads every occurrence of a person: asked at each look-up, it made grouping quadratic.
    reads = []
    real = nm.Person.forms
    monkeypatch.setattr(nm.Person, "forms", property(lambda self: reads.append(1) or real.fget(self)))
    people = nm.group_people(_occurrences(lexicon, 3), lexicon)
    assert people and reads == []


def test_lexicons_of_equal_vocabulary_share_one_object(ds):
    # The word tests are cached by (word, vocabulary): an equal vocabulary that is another object
    # would be compared word by word at every look-up (each draft builds its lexicon again).
    first, again = nm.Lexicon.from_dataset(ds), nm.Lexicon.from_dataset(ds)
    assert first.vocabulary is again.vocabulary
    held_out = nm.Lexicon.from_dataset(ds, hold_out=sorted(ds.documents["doc_id"])[0])
    assert (held_out.vocabulary == first.vocabulary) == (held_out.vocabulary is first.vocabulary)
