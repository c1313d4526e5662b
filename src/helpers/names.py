"""Find the people a readout names, and match them to the dataset.

Used by :mod:`helpers.ingest` to draft the participants and mentions of a new
text. The rules are deliberately simple and auditable:

1. A *personal name* is a run of capitalised words that are not government,
   place or function vocabulary (:data:`VOCABULARY`, plus every capitalised
   word of the agencies, forums and titles already in the dataset), with
   initials ("Janet A. Napolitano") and lower-case particles ("de la")
   allowed inside. One word is enough right after a title ("Secretary
   Blinken"); otherwise two are needed.
2. A name is kept where the context says it is a person: after a title
   ("Deputy Secretary of State John Sullivan"), as an item of a delegation
   list next to its title ("Interior Secretary, Fernando Gomez Mont Urueta"),
   as a transcript speaker label ("SECRETARY BLINKEN:"), or as a form of a
   person the dataset already knows.
3. The sentence decides the *basis* (the vocabulary of
   ``participants.basis``): ``led`` after "led by" / "headed by", ``listed``
   in a delegation list or with "participated", ``hosted`` before
   "received" / "welcomed", ``spoke`` before a speech verb or as a speaker
   label, ``greeted`` in a greeting ("Welcome, Secretary Blinken"). A name
   with no such context (a president referred to, "President Trump's
   commitment") is a *mention*.
4. Occurrences are grouped into people (a surname alone joins the full name
   written elsewhere in the same text), and each person is matched,
   accent-insensitively, to the people and aliases of the dataset: exactly,
   by a contiguous part of a known name ("Luis Crescencio" -> "Luis
   Crescencio Sandoval"), or allowing one wrong letter in a long word
   ("Roderíguez"). Unmatched people are new.
5. The organisation comes from the title (agency names, Spanish names and
   acronyms of ``agencies.csv``), else from how the same title was resolved
   before, else from the person's latest participation; otherwise it is new.

Nothing here knows the five texts: every list is either general vocabulary
or read from the dataset.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import NamedTuple

import pandas as pd

from .text import fold, fold_view, fold_word, is_abbreviation, sentences
from .text.scan import Marks, led_by_first
from .vocabulary import BASES

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

#: Words that make a phrase a title (folded: lower case, no accents).
TITLE_HEADS = frozenset(
    """
secretary secretaries attorney general ambassador ambassadors admiral director directors administrator
adviser advisor chancellor president minister ministers undersecretary under-secretary commissioner governor
senator representative deputy assistant acting chief head counsel attache coordinator spokesperson envoy
prosecutor officer commander lieutenant colonel captain vice consul charge dr. mr. mrs. ms. madam senior principal
clerk associate executive special interim counselor counsellor manager advisers advisors representative
secretario secretaria subsecretario subsecretaria canciller embajador embajadora almirante fiscal procurador
presidente presidenta director directora gobernador titular jefe jefa
""".split()
)
#: Words of institution names, also when written in lower case ("the legal counsel for the presidency").
INSTITUTIONS = frozenset(
    """
department departments office offices ministry secretariat agency agencies administration bureau service
services council commission committee unit center centre institute division command force forces guard police
army navy marine marines military defense defence state states homeland security national federal public
foreign affairs interior justice treasury finance citizen protection intelligence financial customs tax
banking drug drugs control policy enforcement immigration border embassy consulate government republic
presidency cabinet white house congress senate legal technical mission staff system assets commerce trade
health energy labor education environment agriculture economy relations presidential assembly
management resources operations planning programs programmes investigation investigations administrations
directorate division counterterrorism counternarcotics narcotics trafficking migration citizenship safety
human rights civil liberties legislative intergovernmental international global regional investment economic
development cooperation privy prosecutors prosecution attorneys judicial court courts secretariats ministries
communications affairs public-health cyber digital infrastructure transportation commerce oversight
""".split()
)
#: Places and nationalities.
PLACES = frozenset(
    """
united america american americans americas mexico mexican mexicans washington city north south east west
northern southern western eastern central hemisphere canada latin caribbean pacific atlantic gulf u.s. us
usa d.c. dc
""".split()
)
#: Words of meetings, documents and their page furniture.
EVENTS = frozenset(
    """
high high-level level top round group meeting meetings dialogue dialogues summit session conference
consultative strategic bilateral binational initiative framework agreement declaration plan strategy act
law treaty accord program programme coalition palace press release statement joint fact sheet readout
remarks transcript media note photo blog editor article articles related reply question answer moderator
operator interpreter participant participants delegation delegations opening closing
""".split()
)
#: Words that start sentences and greetings, and calendar words.
FUNCTION_WORDS = frozenset(
    """
welcome thank thanks good morning afternoon evening greetings dear colleagues friends ladies gentlemen
the a an for of in on at and or by with from to as this that these those our their his her its we they i
he she it you your my today yesterday tomorrow tonight during after before also both each all every first
second third fourth fifth sixth seventh eighth ninth tenth next then finally lastly regarding through under
over while when where which who what how why however meanwhile together there here let so but if because
since thus therefore please no yes not many more most some such other another new last now once again just
only even still via
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday
""".split()
)
#: Generic vocabulary: a capitalised word from here is never part of a personal name.
VOCABULARY = TITLE_HEADS | INSTITUTIONS | PLACES | EVENTS | FUNCTION_WORDS
#: Lower-case words allowed inside a name ("Juan Ramón de la Fuente").
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "van", "von", "der", "da", "di", "du", "le"})
#: Lower-case words allowed inside a title phrase ("Secretary of State of the United States").
CONNECTORS = frozenset({"of", "for", "the", "to", "and", "on", "at", "in", "de", "del", "la"})
#: Rank words dropped from the end of a list title ("Defense, General" -> "Defense").
RANKS = frozenset({"general", "admiral", "ambassador", "dr.", "mr.", "ms.", "mrs."})

# --------------------------------------------------------------------------
# Context cues
# --------------------------------------------------------------------------

_VERB_BASES = {
    "led": "led leads headed heads chaired chairs co-chaired co-chairs presided",
    "hosted": "received receives welcomed welcomes hosted hosts greeted greets",
    "listed": "participated participates attended attends joined joins accompanied visited travelled traveled",
    "spoke": (
        "said says noted notes stated added stressed underscored highlighted emphasized emphasised "
        "acknowledged affirmed reaffirmed reiterated remarked commented explained expressed announced "
        "delivered delivers spoke speaks told thanked praised urged opened closed concluded presented "
        "recalled indicated mentioned asserted declared insisted assured warned proposed recognized "
        "recognised underlined signed discussed met agreed"
    ),
}
_VERB_BASIS = {verb: basis for basis, verbs in _VERB_BASES.items() for verb in verbs.split()}
_MULTIWORD_VERBS = {
    "pointed out": "spoke",
    "took part": "listed",
    "was in": "listed",
    "were in": "listed",
    "was present": "listed",
    "were present": "listed",
}
_AFTER_NAME = re.compile(
    r"^\s*(?:,[^,;.]{1,80},\s*|,\s*)?(?:(?:also|then|further|later|again|first|finally|jointly)\s+)?"
    r"(?P<verb>pointed out|took part|was in|were in|was present|were present|[a-z-]+)\b"
)
_LED_BY = re.compile(r"\b(?:led|headed|chaired|co-chaired|presided over)\s+by\b", re.IGNORECASE)
_LIST_CUE = re.compile(
    r"\b(?:delegations?|participants|attendees|attended|attending|participated|took part|"
    r"accompanied by|joined by|headed by|led by|chaired by|co-chaired by|represented by)\b"
    # "includes", "comprised" list people only after a group ("the delegation included ..."):
    # "the agreement includes support from Secretary X" lists nobody.
    r"|\b(?:delegations?|participants|attendees|team|group|representatives|officials|members)\b[^.;:]{0,80}?"
    r"\b(?:included|includes|including|composed of|consisted of|consisting of|comprised|comprising|comprises|"
    r"made up of)\b",
    re.IGNORECASE,
)
#: Where the people a delegation head is "led by" end and the others begin.
_REST_OF_LIST = re.compile(
    r"\b(?:and\s+)?(?:included|includes|including|comprised|comprising|accompanied by|"
    r"joined by|as well as|along with)\b",
    re.IGNORECASE,
)
#: A line of a participants list that starts with its country ("U.S.: ...", "Mexican delegation: ...").
_COUNTRY_LINE = re.compile(
    r"(?:(?P<us>U\.S\.|US|United States|American)|(?P<mx>Mexico|Mexican))"
    r"(?:\s+(?:delegation|participants|side|officials))?\s*:\s*"
)
#: The marker of a bulleted or numbered line ("- ", "• ", "2. ").
_BULLET = re.compile(r"(?:[-–—•*·]|\d{1,2}[.)])\s+")
_GREETING = re.compile(
    r"^(?:welcome|thank you|thanks|good (?:morning|afternoon|evening)|greetings|dear|hello)\b"
    r"|\b(?:here with us|are here|is here|with us today|joining us|present here|are present|is present)\b",
    re.IGNORECASE,
)
_MEETING_VERB = re.compile(
    r"\b(?:met|meet|meets|welcomed|welcomes|received|hosted|hosts)\s+(?:with\s+)?"
    r"(?:the\s+)?(?:[A-Z]|their|his|her|Mexican|U\.S\.|American)"
)
_FLOOR = re.compile(r"\b(?:intervention|intervene|the floor|turn over the program|next speaker)\b", re.IGNORECASE)
#: The countries a readout may name, with the words that name them (ISO codes as in the dataset).
COUNTRY_WORDS = {"US": r"U\.S\.|US|United States|American", "MX": r"Mexico|Mexican", "CA": r"Canada|Canadian"}
_COUNTRY_CUES = [
    (
        code,
        re.compile(
            rf"(?<!\w)(?:{words})(?:['’]s)?\s+(?:delegation|attendees|participants|side|officials|team|"
            rf"cabinet|counterparts)\b|\bfor (?:the )?(?:{words})(?!\w)"
        ),
    )
    for code, words in COUNTRY_WORDS.items()
]
_TITLE_COUNTRY = [
    (code, re.compile(rf"^(?:the\s+)?(?:{words})(?:['’]s)?(?!\w)|\bof (?:the )?(?:{words})(?!\w)"))
    for code, words in COUNTRY_WORDS.items()
]
#: A verb between a name and a delegation named after it: "A received the U.S. delegation" makes A its host.
_HOSTING_BETWEEN = re.compile(r"\b(?:received|receives|welcomed|welcomes|hosted|hosts|met with|meets with)\b")
_WORD = re.compile(r"\w+")
#: Where a known written form may stand (on folded text): not inside a word or a hyphenated name.
_FORM_BEFORE, _FORM_AFTER = r"(?<![\w-])", r"(?![\w])"
#: Speaker label at the start of a line: "SECURITY SECRETARY RODRÍGUEZ:".
_LABEL = re.compile(r"([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*)*):")
#: A following "(Via interpreter)" marks a speaker rendered from Spanish,
#: which in U.S.-Mexico meetings is the Mexican side.
_INTERPRETED = re.compile(r"^\s*\(via interpreter", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def name_tokens(form: str) -> tuple[str, ...]:
    """Folded words of a name, initials left out ("Janet A. Napolitano" -> janet, napolitano).

    Cached: grouping compares every occurrence's name with every person's.
    """
    words = [fold_word(w.strip(".,;:")) for w in form.split()]
    return tuple(w for w in words if w and not re.fullmatch(r"[a-z]\.?", w))


# --------------------------------------------------------------------------
# The lexicon: what the dataset already knows
# --------------------------------------------------------------------------


@dataclass
class Lexicon:
    """People, their written forms, agencies and past participations of a dataset.

    What is derived from ``forms`` (their search patterns, the answers of
    :func:`match_known`) is computed once and kept, so a lexicon is not to
    be changed after its first use.
    """

    people: dict[str, dict]
    forms: list[tuple[tuple[str, ...], str, str]]
    vocabulary: frozenset[str]
    agencies: pd.DataFrame
    history: pd.DataFrame
    #: :func:`match_known`'s answer for each name (its tokens) already looked up.
    known: dict[tuple[str, ...], tuple[str | None, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: The pattern of each written form (by its index in ``forms``) compiled so far.
    compiled: dict[int, re.Pattern] = field(default_factory=dict, init=False, repr=False, compare=False)

    #: Answers about agencies already given (:func:`helpers.ingest.agency_for`), by question: a draft asks
    #: the same of the same tables for every person it meets.
    answers: dict[tuple, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def forms_with_word(self) -> dict[str, tuple[int, ...]]:
        """For each word of a written form, the indices in ``forms`` of the forms that have it."""
        index: dict[str, list[int]] = {}
        for i, (tokens, _, _) in enumerate(self.forms):
            for word in dict.fromkeys(tokens):
                index.setdefault(word, []).append(i)
        return {word: tuple(found) for word, found in index.items()}

    @cached_property
    def latest_agencies(self) -> dict[str, object]:
        """Each known person's agency at their latest participation (see :func:`latest_agency`)."""
        ordered = self.history.sort_values(["date", "agency_id"], kind="stable")
        last = ordered.drop_duplicates("person_id", keep="last")
        return dict(zip(last["person_id"], last["agency_id"], strict=True))

    @cached_property
    def titled_history(self) -> dict[str, pd.DataFrame]:
        """The participations with a title and an agency, by country, each title also folded (``folded``)."""
        titled = self.history.dropna(subset=["title_as_written", "agency_id"])
        titled = titled.assign(folded=titled["title_as_written"].map(fold_word))
        return {country: rows for country, rows in titled.groupby("country", sort=True)}

    @cached_property
    def form_bodies(self) -> tuple[str, ...]:
        """Each written form (in ``forms`` order) folded, as a literal pattern (see :func:`_known_spans`)."""
        return tuple(re.escape(fold(form)[0]) for _, form, _ in self.forms)

    @cached_property
    def form_keys(self) -> re.Pattern | None:
        """The first words of the folded written forms, as whole words; None if some form starts with no word.

        A form can only stand where its first word does (see :func:`_known_spans`).
        """
        firsts = [_WORD.match(fold(form)[0]) for _, form, _ in self.forms]
        if not all(firsts):
            return None
        keys = sorted({m.group() for m in firsts}, key=lambda k: (-len(k), k))
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")

    @cached_property
    def form_marks(self) -> Marks:
        """Which written forms stand somewhere in a folded text (one scan for all)."""
        return Marks(self.form_bodies, _FORM_BEFORE, _FORM_AFTER)

    def form_pattern(self, index: int) -> re.Pattern:
        """The pattern of written form ``index`` on folded text, as a whole word.

        Compiled when first needed: a text names few of the known people.
        """
        if index not in self.compiled:
            # Led by the form's first letter (the engine skips to it), "nothing of a word before" checked after it.
            self.compiled[index] = re.compile(led_by_first(self.form_bodies[index], r"[\w-]") + _FORM_AFTER)
        return self.compiled[index]

    @classmethod
    def from_dataset(cls, ds, hold_out: str | None = None) -> Lexicon:
        """Build the lexicon of ``ds``.

        ``hold_out`` names a document whose people (those named in no other
        document), aliases and participation rows are left out, to measure
        how the drafting does on a text the dataset has never seen.
        """
        aliases, history, mentions = ds.aliases, ds.participants, ds.mentions
        if hold_out is not None:
            aliases, history = aliases[aliases["doc_id"] != hold_out], history[history["doc_id"] != hold_out]
            mentions = mentions[mentions["doc_id"] != hold_out]
        named_elsewhere = set(aliases["person_id"]) | set(history["person_id"]) | set(mentions["person_id"])
        named_anywhere = (
            set(ds.aliases["person_id"]) | set(ds.participants["person_id"]) | set(ds.mentions["person_id"])
        )
        people = {
            row.person_id: {"name": row.name, "country": row.country}
            for row in ds.people.itertuples(index=False)
            if row.person_id in named_elsewhere or row.person_id not in named_anywhere
        }
        forms = [(name_tokens(p["name"]), p["name"], pid) for pid, p in people.items()]
        forms += [
            (name_tokens(a.alias), a.alias, a.person_id)
            for a in aliases.itertuples(index=False)
            if a.person_id in people
        ]
        dates = ds.meetings.set_index("meeting_id")["date"]
        history = history.assign(date=history["meeting_id"].map(dates))
        return cls(
            people,
            sorted(forms, key=lambda f: (-len(f[0]), f[1], f[2])),
            _dataset_vocabulary(ds, history, people),
            ds.agencies,
            history,
        )


def _dataset_vocabulary(ds, history: pd.DataFrame, people: dict) -> frozenset[str]:
    """General vocabulary plus the capitalised words of agencies, forums and titles, minus name words."""
    texts = list(ds.agencies["name_en"]) + list(ds.agencies["name_es"]) + list(ds.meetings["forum"])
    texts += [t for t in history["title_as_written"] if isinstance(t, str)]
    # A title's capitalised words are vocabulary, but not a place or document it names after "for the"
    # or "of the" ("Coordinator for the Los Angeles Declaration"): those words are in names too.
    texts = [re.split(r"\b(?:for|of|on) the\b", t)[0] if t in set(history["title_as_written"]) else t for t in texts]
    words = {fold_word(w) for t in texts for w in re.findall(r"[^\W\d_][\w-]*", t) if w[0].isupper()}
    name_words = {w for p in ds.people["name"] for w in name_tokens(p)}
    name_words |= {w for a in ds.aliases["alias"] for w in name_tokens(a)}
    # Known name words never count as vocabulary, whatever document is held out.
    return _shared(frozenset((VOCABULARY | words) - (name_words - VOCABULARY)))


#: One object for each distinct vocabulary. The word tests are cached by (word, vocabulary): a lexicon
#: built again (each draft builds one) would otherwise bring an equal vocabulary that is another
#: object, and every look-up would compare the two word by word.
_VOCABULARIES: dict[frozenset[str], frozenset[str]] = {}


def _shared(vocabulary: frozenset[str]) -> frozenset[str]:
    """The vocabulary object already in use with the same words, else ``vocabulary``."""
    if len(_VOCABULARIES) > 32:  # a bound: forgetting one only makes its look-ups slower
        _VOCABULARIES.clear()
    return _VOCABULARIES.setdefault(vocabulary, vocabulary)


# --------------------------------------------------------------------------
# Matching names
# --------------------------------------------------------------------------


def _one_edit(a: str, b: str) -> bool:
    """Tell whether ``a`` and ``b`` differ by at most one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _word_match(a: str, b: str, fuzzy: bool) -> bool:
    """Words match exactly, or (``fuzzy``) with one wrong letter when both have six or more."""
    return a == b or (fuzzy and min(len(a), len(b)) >= 6 and _one_edit(a, b))


def part_of(short: tuple[str, ...], full: tuple[str, ...], fuzzy: bool = False) -> bool:
    """Tell whether the name ``short`` is a contiguous part of the name ``full``.

    One word matches only a later word of ``full`` (a surname, not a given
    name), unless ``full`` is that one word.
    """
    if not short or len(short) > len(full):
        return False
    for start in range(len(full) - len(short) + 1):
        if len(short) == 1 and start == 0 and len(full) > 1:
            continue
        if all(_word_match(a, b, fuzzy) for a, b in zip(short, full[start : start + len(short)], strict=False)):
            return True
    return False


def same_person(a: str, b: str) -> bool:
    """Tell whether two written names can be the same person (one is part of the other)."""
    ta, tb = name_tokens(a), name_tokens(b)
    return ta == tb or part_of(ta, tb) or part_of(tb, ta)


def match_known(form: str, lexicon: Lexicon) -> tuple[str | None, str]:
    """Return ``(person_id, how)`` for a written name: exact, partial, fuzzy, or (None, "new").

    A partial or fuzzy match counts only when it points to one person. The
    answer depends on the tokens alone, so it is kept in ``lexicon.known``:
    a long text names the same people again and again, and each look-up
    reads every form of the dataset.
    """
    tokens = name_tokens(form)
    if tokens not in lexicon.known:
        lexicon.known[tokens] = _match_known(tokens, lexicon)
    return lexicon.known[tokens]


def _match_known(tokens: tuple[str, ...], lexicon: Lexicon) -> tuple[str | None, str]:
    # An exact or partial match holds the name's first word: only the forms with that word are read.
    with_word = [lexicon.forms[i] for i in lexicon.forms_with_word.get(tokens[0], ())] if tokens else []
    for how, forms, test in (
        ("exact", with_word, lambda full: full == tokens),
        ("partial", with_word, lambda full: part_of(tokens, full)),
        ("fuzzy", lexicon.forms, lambda full: part_of(tokens, full, fuzzy=True)),
    ):
        found = {pid for full, _, pid in forms if test(full)}
        if len(found) == 1:
            return found.pop(), how
        if found:
            break
    return None, "new"


# --------------------------------------------------------------------------
# Tokens, names and titles in a sentence
# --------------------------------------------------------------------------


class Token(NamedTuple):
    """A word of a sentence: offsets of the word (without a possessive 's), what follows it.

    A named tuple rather than a frozen dataclass: a long text has a million
    tokens, and a frozen dataclass takes three times as long to make.
    """

    start: int
    end: int
    word: str
    trail: str
    possessive: bool


_RUN = re.compile(r"\S+")
_CAPITAL = re.compile(r"[A-Z]")


def tokenise(text: str, start: int, end: int) -> list[Token]:
    """Split ``text[start:end]`` into words, keeping abbreviation stops and noting possessives."""
    tokens = []
    for m in _RUN.finditer(text, start, end):
        lead, word, trail, possessive = _split_run(m.group())
        first = m.start() + lead
        tokens.append(Token(first, first + len(word), word, trail, possessive))
    return tokens


@lru_cache(maxsize=1 << 16)
def _split_run(raw: str) -> tuple[int, str, str, bool]:
    """A run of non-space characters as a token: length of its opening punctuation, word, trail, possessive.

    Cached: a text repeats its words, and this is most of tokenising.
    """
    lead = len(raw) - len(raw.lstrip("(\"'[-“‘"))
    core = raw[lead:]
    trail = core[len(core.rstrip(",;:.!?)\"']”’")) :]
    core = core[: len(core) - len(trail)]
    if trail.startswith(".") and (_CAPITAL.fullmatch(core) or is_abbreviation(core)):
        core, trail = core + ".", trail[1:]
    possessive = core.endswith(("'s", "’s"))
    return lead, core[:-2] if possessive else core, trail, possessive


#: A run of letters (with inner apostrophes or hyphens) that does not start with a lower-case ASCII
#: letter: every capitalised run, found as a whole (no run goes on before its capital), and a few
#: more. Leaving out the many runs that start in lower case makes the look fast.
_WORDISH = re.compile(r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*")


def may_name(text: str, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Tell whether a token of ``text[start:end]`` may be a name word (:func:`_is_name_word`).

    Never False where one is: a name word is a whole capitalised run of
    letters (with inner apostrophes or hyphens) of the text, or such a run
    less a possessive 's. Two sentences in three name nobody, and this look
    at their words costs a fraction of tokenising them.
    """
    for word in _WORDISH.findall(text, start, end):
        # A name word is capitalised: most words are not, and are passed over at once.
        if word[0].isupper() and (
            _is_name_word(word, vocabulary) or (word.endswith(("'s", "’s")) and _is_name_word(word[:-2], vocabulary))
        ):
            return True
    return False


def _name_tokens(text: str, start: int, end: int, vocabulary: frozenset[str]) -> list[Token]:
    """The tokens of ``text[start:end]``, or none when no token can be a name word.

    Tokens only serve around the names they contain, so a sentence without
    any is not tokenised.
    """
    return tokenise(text, start, end) if may_name(text, start, end, vocabulary) else []


@lru_cache(maxsize=1 << 16)  # a vocabulary is a frozenset: hashed once, then looked up by identity
def _is_vocabulary(word: str, vocabulary: frozenset[str]) -> bool:
    parts = fold_word(word).split("-")
    return fold_word(word) in vocabulary or any(p in vocabulary for p in parts)


_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_INITIAL = re.compile(r"[A-Z]\.")


@lru_cache(maxsize=1 << 16)
def _is_name_word(word: str, vocabulary: frozenset[str]) -> bool:
    """A capitalised word of letters (with inner hyphens or apostrophes) outside the vocabulary."""
    return (
        bool(_LETTERS.fullmatch(word))
        and word[0].isupper()
        and any(c.islower() for c in word)
        and not _is_vocabulary(word, vocabulary)
    )


@dataclass(frozen=True)
class Span:
    """A candidate personal name: token range and text offsets."""

    first: int
    last: int
    start: int
    end: int
    words: int
    possessive: bool


def name_spans(tokens: list[Token], vocabulary: frozenset[str]) -> list[Span]:
    """Runs of name words, with initials and particles allowed inside."""
    spans, run = [], []

    def close():
        while run and not _is_name_word(tokens[run[-1]].word, vocabulary):
            run.pop()
        if run:
            words = sum(_is_name_word(tokens[i].word, vocabulary) for i in run)
            last = tokens[run[-1]]
            spans.append(Span(run[0], run[-1], tokens[run[0]].start, last.end, words, last.possessive))
        run.clear()

    for i, token in enumerate(tokens):
        if _is_name_word(token.word, vocabulary) or (
            run and (_INITIAL.fullmatch(token.word) or token.word in PARTICLES)
        ):
            run.append(i)
            if token.trail or token.possessive:
                close()
        elif run:  # most words end no run: nothing to close
            close()
    close()
    return spans


def title_before(tokens: list[Token], span: Span, vocabulary: frozenset[str]) -> tuple[int, int] | None:
    """Offsets of the title phrase right before a name ("Deputy Secretary of State"), if any."""
    first = None
    for j in range(span.first - 1, -1, -1):
        token = tokens[j]
        if token.trail and not token.trail.startswith("'"):
            break
        capitalised = token.word[:1].isupper() and _is_vocabulary(token.word, vocabulary)
        if not (capitalised or token.word in CONNECTORS):
            break
        first = j
    if first is None:
        return None
    while first < span.first and (tokens[first].word in CONNECTORS or fold_word(tokens[first].word) in FUNCTION_WORDS):
        first += 1
    chosen = tokens[first : span.first]
    if not any(fold_word(t.word) in TITLE_HEADS for t in chosen):
        return None
    if len(chosen) > 1 and fold_word(chosen[-1].word) in HONORIFICS:
        chosen = chosen[:-1]
    return chosen[0].start, chosen[-1].end


#: Honorifics that stand between a title and a name ("Homeland Security Advisor Dr. Liz Sherwood-Randall").
HONORIFICS = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "madam", "sir", "hon.", "hon"})


def _title_word(word: str, vocabulary: frozenset[str]) -> bool:
    """A word that can stand in a title: capitalised vocabulary, an acronym, a connector, a title word or an
    honorific."""
    if fold_word(word) in HONORIFICS:
        return True
    word = re.sub(r"['’]s$", "", word.rstrip("."))
    if not word:
        return False
    if word[0].isupper():
        return word.isupper() or _is_vocabulary(word, vocabulary)
    folded = fold_word(word)
    return folded in CONNECTORS or folded in TITLE_HEADS or folded in INSTITUTIONS or folded in PLACES


_SEGMENT_TOKEN = re.compile(r"\([^)]*\)|[,;:]|[^\s,;:()]+")


def _is_title(words: list[str]) -> bool:
    """A title has a title word, or (elliptical: "Interior", "the Navy") a capitalised word."""
    return any(fold_word(w.rstrip(".")) in TITLE_HEADS or fold_word(w) in TITLE_HEADS for w in words) or any(
        w[0].isupper() for w in words
    )


def title_ending_at(segment: str, vocabulary: frozenset[str]) -> tuple[int, str] | None:
    """The title that ends ``segment`` (text before a name): its start offset and text, if any.

    Title words are taken backwards up to a word that cannot be in a title,
    a colon or semicolon, or ", and" ("..., and Mexican Ambassador to the
    United States, Arturo Sarukhan").
    """
    tokens = list(_SEGMENT_TOKEN.finditer(segment))
    kept: list[re.Match] = []
    for m in reversed(tokens):
        piece = m.group()
        if piece in ";:" or piece.startswith("("):
            break
        if piece == ",":
            if kept and kept[0].group() == "and":
                break
            kept.insert(0, m)
            continue
        if not _title_word(piece, vocabulary):
            break
        kept.insert(0, m)
    while kept and (kept[0].group() == "," or kept[0].group() in CONNECTORS - {"the"}):
        kept.pop(0)
    while kept and (kept[-1].group() == "," or kept[-1].group() in CONNECTORS):
        kept.pop()
    words = [m.group() for m in kept if m.group() != ","]
    if not words or not _is_title(words):
        return None
    return kept[0].start(), tidy_title(segment[kept[0].start() : kept[-1].end()])


def title_starting_at(segment: str, vocabulary: frozenset[str]) -> tuple[int, str] | None:
    """The title that starts ``segment`` (text after a name, past one comma): its end offset and text."""
    kept: list[re.Match] = []
    for m in _SEGMENT_TOKEN.finditer(segment):
        piece = m.group()
        if piece == "," and not kept:
            continue
        if piece in ",;:" or piece.startswith("(") or not _title_word(piece, vocabulary):
            break
        kept.append(m)
        if piece.endswith(".") and not re.fullmatch(r"[A-Z]\.|(?:[A-Z]\.)+", piece):
            break
    while kept and kept[-1].group() in CONNECTORS:
        kept.pop()
    words = [m.group() for m in kept]
    if not words or not _is_title(words):
        return None
    end = kept[-1].end() - (1 if kept[-1].group().endswith(".") and len(kept[-1].group()) > 2 else 0)
    return end, tidy_title(segment[kept[0].start() : end])


def tidy_title(title: str) -> str:
    """Strip separators and a trailing rank or honorific ("Defense, General" -> "Defense")."""
    title = title.strip(" ,;:.\n")
    head, _, rank = title.rpartition(",")
    if head and fold_word(rank.strip()) in RANKS:
        title = head.strip(" ,")
    words = title.split()
    if len(words) > 1 and fold_word(words[-1]) in HONORIFICS:
        title = " ".join(words[:-1])
    return title


# --------------------------------------------------------------------------
# Occurrences
# --------------------------------------------------------------------------


@dataclass
class Occurrence:
    """One place where a person is named, with what the context says."""

    start: int
    end: int
    form: str
    title: str | None
    basis: str | None
    evidence: str
    country: str | None
    label: bool = False


def _verb_basis(after: str) -> str | None:
    """The basis implied by the verb right after a name ("... said", "... received")."""
    m = _AFTER_NAME.match(after)
    if not m:
        return None
    verb = m.group("verb")
    return _MULTIWORD_VERBS.get(verb) or _VERB_BASIS.get(verb)


def _country_cue(sentence: str, offset: int, title: str | None) -> str | None:
    """Country from the title ("US Ambassador"), else from the nearest delegation cue of the sentence."""
    for country, pattern in _TITLE_COUNTRY:
        if title and pattern.search(title):
            return country
    found = _country_cues(sentence)
    before = [f for f in found if f[0] <= offset]
    if before:
        return max(before)[1]
    after = [f for f in found if not _HOSTING_BETWEEN.search(sentence, offset, f[0])]
    return min(after)[1] if after else None


@lru_cache(maxsize=16)  # asked once per person named in the same sentence
def _country_cues(sentence: str) -> tuple[tuple[int, str], ...]:
    """Where the sentence names a delegation's country, and which."""
    return tuple((m.start(), country) for country, pattern in _COUNTRY_CUES for m in pattern.finditer(sentence))


def _known_spans(text: str, start: int, end: int, lexicon: Lexicon, taken: list[Span]) -> list[tuple[int, int]]:
    """Known written forms (accent-insensitive, capitalised) not already inside a found name."""
    folded, mapping = fold_view(text[start:end])
    found = []
    # A form starts where no word character stands before it, so its first word is a whole word of
    # the sentence: without any, nothing is looked for (three sentences in four).
    if lexicon.form_keys is not None and not lexicon.form_keys.search(folded):
        return found
    # Only the forms found somewhere in the sentence (one scan for all) are searched one by one, in order.
    for index in lexicon.form_marks.present(folded):
        for m in lexicon.form_pattern(index).finditer(folded):
            a, b = start + mapping[m.start()], start + mapping[m.end() - 1] + 1
            if not text[a].isupper() or any(s.start < b and a < s.end for s in taken):
                continue
            if not any(x < b and a < y for x, y in found):
                found.append((a, b))
    return sorted(found)


def sentence_occurrences(text: str, start: int, end: int, lexicon: Lexicon) -> list[Occurrence]:
    """Every person named in the sentence ``text[start:end]``, with basis, title and evidence."""
    sentence = text[start:end]
    tokens = _name_tokens(text, start, end, lexicon.vocabulary)
    spans = name_spans(tokens, lexicon.vocabulary)
    known = _known_spans(text, start, end, lexicon, spans)
    if not spans and not known:  # nobody is named: no list item and no occurrence (most sentences)
        return []
    if _LIST_CUE.search(sentence):
        listed = _list_occurrences(text, start, end, spans, known, lexicon, tokens)
        if sum(o.title is not None for o in listed) >= 1:
            return listed
    found, cues = [], {}
    for span in spans:
        where = title_before(tokens, span, lexicon.vocabulary)
        is_known = match_known(text[span.start : span.end], lexicon)[0] is not None
        if span.words < 2 and not _surname_after_title(tokens, span, lexicon) and not is_known:
            continue
        found.append(_occurrence(text, start, end, (span.start, span.end), span.possessive, where, cues))
    for a, b in known:
        found.append(_occurrence(text, start, end, (a, b), text[b : b + 2] in ("'s", "’s"), None, cues))
    return [
        o for o in found if o.basis is not None or o.title is not None or match_known(o.form, lexicon)[0] is not None
    ]


def _surname_after_title(tokens: list[Token], span: Span, lexicon: Lexicon) -> bool:
    """A one-word name right after a title ("Secretary Blinken"), not after "to" ("Ambassador to Haiti")."""
    return (
        span.first > 0
        and tokens[span.first - 1].word not in CONNECTORS
        and title_before(tokens, span, lexicon.vocabulary) is not None
    )


def _occurrence(text, start, end, name, possessive, where, cues: dict | None = None) -> Occurrence:
    """An occurrence outside a list: the basis comes from the words around the name.

    Someone's possession ("President Trump's commitment") is never participation. ``cues`` keeps what
    the sentence's own words say (a greeting, the floor, a meeting verb) for the other names of the
    same sentence: a long sentence naming many people is searched once for each.
    """
    a, b = name
    sentence = text[start:end]
    cues = {} if cues is None else cues

    def cue(pattern: re.Pattern) -> bool:
        if pattern.pattern not in cues:
            cues[pattern.pattern] = bool(pattern.search(sentence))
        return cues[pattern.pattern]

    title = text[where[0] : where[1]] if where else None
    basis = None
    if not possessive:
        basis = (
            "led"
            if _led_by_before(text, start, a)
            else _verb_basis(text[b:end]) or ("greeted" if cue(_GREETING) else "spoke" if cue(_FLOOR) else None)
        )
        # An official named with a title in a sentence that reports the meeting itself
        # ("A, B and C welcomed D and E") took part in it, wherever the verb stands.
        if basis is None and title and cue(_MEETING_VERB):
            basis = "listed"
    return Occurrence(a, b, text[a:b], title, basis, sentence, _country_cue(sentence, a - start, title))


def _led_by_before(text: str, start: int, a: int) -> bool:
    """Tell whether "led by" / "headed by" introduces the name at ``a`` (within a dozen words)."""
    found = list(_LED_BY.finditer(text, start, a))
    if not found:
        return False
    between = text[found[-1].end() : a]
    return ";" not in between and len(between.split()) <= 12


def _list_occurrences(text, start, end, spans, known, lexicon, tokens, one_per_line=False) -> list[Occurrence]:
    """Items of a delegation list: each name with the title written before or after it.

    The title is the text since the previous item ("Interior Secretary,
    Fernando ..."), else the text up to the next item ("Robert Gates,
    Secretary of Defense"). A name with neither, unknown to the dataset, is
    not taken for a person, nor is a single word that follows no title. In
    a bulleted line (``one_per_line``) the office after the name wins over a
    bare rank before it ("General X, Secretary of National Defense").
    """
    names = sorted(
        [(s.start, s.end, s.possessive, s.words >= 2 or _surname_after_title(tokens, s, lexicon)) for s in spans]
        + [(a, b, False, True) for a, b in known]
    )
    led = _led_clause(text, start, end)
    found, pos = [], start
    for index, (a, b, possessive, name_like) in enumerate(names):
        is_known = match_known(text[a:b], lexicon)[0] is not None
        if possessive or not (name_like or is_known):
            continue
        following = names[index + 1][0] if index + 1 < len(names) else end
        before = title_ending_at(text[pos:a], lexicon.vocabulary)
        after = title_starting_at(text[b:following], lexicon.vocabulary) if one_per_line or not before else None
        if before and after and before[1].lower() in RANKS:
            before = None
        segment_start, first, last, title, pos = pos, a, b, None, b
        if before:
            first, title = segment_start + before[0], before[1]
        elif after:
            last, title = b + after[0], after[1]
            pos = last
        if title is None and not is_known:
            continue
        basis = "led" if led[0] <= a < led[1] else "hosted" if _verb_basis(text[b:end]) == "hosted" else "listed"
        found.append(
            Occurrence(
                a,
                b,
                text[a:b],
                title,
                basis,
                text[first:last].strip(" ,;:"),
                _country_cue(text[start:end], a - start, title),
            )
        )
    # Names with their titles as the subject of one verb ("A, Secretary of X, and B, Secretary of Y,
    # received the delegation"): the verb after the last of them is everyone's.
    if found and not _LIST_CUE.search(text, start, found[0].start):
        tail = _verb_basis(text[pos:end])
        if tail in ("hosted", "spoke"):
            found = [replace(o, basis=tail) if o.basis == "listed" else o for o in found]
    return found


def _led_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause after "led by" / "headed by", to the next semicolon or "and included" (empty if none)."""
    m = _LED_BY.search(text, start, end)
    if not m:
        return start, start
    stops = [text.find(";", m.end(), end)]
    rest = _REST_OF_LIST.search(text, m.end(), end)
    stops.append(rest.start() if rest else -1)
    stops = [stop for stop in stops if stop != -1]
    return m.end(), min(stops) if stops else end


def label_occurrence(text: str, line_start: int, lexicon: Lexicon) -> Occurrence | None:
    """The speaker of a transcript line ("ATTORNEY GENERAL GARLAND: ..."), if the line has a label."""
    m = _LABEL.match(text, line_start)
    if not m:
        return None
    label = m.group(1)
    words = label.split()
    surname = []
    for word in reversed(words):
        if _is_vocabulary(word, lexicon.vocabulary):
            break
        surname.insert(0, word)
    if not surname or not any(len(re.sub(r"\W", "", w)) >= 3 for w in surname):
        return None
    title = " ".join(words[: len(words) - len(surname)]) or None
    form = " ".join(surname)
    a = line_start + label.rindex(form)
    country = "MX" if _INTERPRETED.match(text, m.end()) else None
    return Occurrence(a, a + len(form), form, title, "spoke", label, country, label=True)


def find_occurrences(text: str, lexicon: Lexicon, spans: list[tuple[int, int, str]] | None = None) -> list[Occurrence]:
    """Every person named in ``text`` (a cleaned readout), in text order.

    ``spans`` are the sentences of ``text`` (:func:`helpers.themes.sentences`)
    when the caller has them already.
    """
    found = []
    list_country: str | None = None
    in_list = False  # inside the lines after "The Mexican delegation comprised:" or "Participants:"
    read_to = 0  # end of a country line already read whole
    for start, end, _ in sentences(text) if spans is None else spans:
        if start < read_to:
            continue
        at_line_start = start == 0 or text[start - 1] == "\n"
        bullet = _BULLET.match(text, start) if at_line_start else None
        if bullet and in_list:
            found.extend(list_item_occurrences(text, bullet.end(), end, lexicon, list_country))
            continue
        country_line = _COUNTRY_LINE.match(text, start) if at_line_start and in_list else None
        if country_line:
            # "U.S.: A, Deputy Secretary of State; B, Senior Director ..." (the line may hold several sentences)
            line_end = text.find("\n", start)
            read_to = line_end if line_end != -1 else len(text)
            country = "US" if country_line.group("us") else "MX"
            found.extend(list_item_occurrences(text, country_line.end(), read_to, lexicon, country, one_per_line=False))
            continue
        sentence = text[start:end].rstrip()
        in_list = sentence.endswith(":") and _LIST_CUE.search(sentence) is not None
        list_country = _country_cue(sentence, len(sentence), None) if in_list else None
        labelled = label_occurrence(text, start, lexicon) if at_line_start else None
        if labelled:
            found.append(labelled)
            start = text.index(":", labelled.end) + 1
            start += len(text[start:end]) - len(text[start:end].lstrip())
        found.extend(sentence_occurrences(text, start, end, lexicon))
    return sorted(found, key=lambda o: (o.start, o.end))


def list_item_occurrences(
    text: str, start: int, end: int, lexicon: Lexicon, country: str | None, one_per_line: bool = True
) -> list[Occurrence]:
    """The people of one line of a delegation list, in the country its heading or label names."""
    tokens = _name_tokens(text, start, end, lexicon.vocabulary)
    spans = name_spans(tokens, lexicon.vocabulary)
    known = _known_spans(text, start, end, lexicon, spans)
    items = _list_occurrences(text, start, end, spans, known, lexicon, tokens, one_per_line=one_per_line)
    return [replace(o, basis="listed", country=o.country or country) for o in items]


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------


@dataclass
class Person:
    """The occurrences of one person in a text, and who they are in the dataset."""

    occurrences: list[Occurrence] = field(default_factory=list)
    person_id: str | None = None
    match: str = "new"

    @property
    def forms(self) -> list[str]:
        """Written forms, longest first (speaker labels last)."""
        return sorted(
            dict.fromkeys(o.form for o in self.occurrences),
            key=lambda f: (f.isupper(), -len(name_tokens(f)), -len(f), f),
        )

    @property
    def basis(self) -> str | None:
        """The strongest basis of participation (:data:`helpers.vocabulary.BASES` order)."""
        bases = [o.basis for o in self.occurrences if o.basis]
        return min(bases, key=BASES.index) if bases else None

    @property
    def first(self) -> int:
        """Where the person is first named."""
        return min(o.start for o in self.occurrences)


class _Grouping:
    """The people found so far, with what grouping asks of them kept up to date.

    Each person's name tokens (of its forms and its known name) and the
    sorted places where it is named grow with each occurrence, instead of
    being recomputed from all its occurrences at every look-up: that made
    grouping quadratic in the number of occurrences.
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.people: list[Person] = []
        self.names: list[set[tuple[str, ...]]] = []
        self.starts: list[list[int]] = []
        self.index_of: dict[str, int] = {}
        self.matches: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}
        # The people each name is (part of), valid while no person or name is added: after the
        # first pages of a long text, the same names come back and nobody new appears.
        self.hits: dict[tuple[str, ...], list[int]] = {}

    def new(self, person: Person) -> int:
        """Add ``person`` (no occurrence yet); return its index."""
        self.people.append(person)
        self.hits.clear()
        known = self.lexicon.people[person.person_id]["name"] if person.person_id else None
        self.names.append({name_tokens(known)} if known is not None else set())
        self.starts.append([])
        if person.person_id:
            self.index_of[person.person_id] = len(self.people) - 1
        return len(self.people) - 1

    def add(self, index: int, occurrence: Occurrence) -> None:
        """Give the occurrence to the person at ``index``."""
        self.people[index].occurrences.append(occurrence)
        tokens = name_tokens(occurrence.form)
        if tokens not in self.names[index]:
            self.names[index].add(tokens)
            self.hits.clear()
        insort(self.starts[index], occurrence.start)

    def _same_name(self, tokens: tuple[str, ...], other: tuple[str, ...]) -> bool:
        key = (tokens, other)
        if key not in self.matches:
            self.matches[key] = tokens == other or part_of(tokens, other, fuzzy=True)
        return self.matches[key]

    def in_text(self, tokens: tuple[str, ...], position: int) -> int | None:
        """The person already named whose name ``tokens`` is (part of), nearest to ``position``."""
        if tokens not in self.hits:
            self.hits[tokens] = [
                i for i, names in enumerate(self.names) if any(self._same_name(tokens, n) for n in names)
            ]
        return self.nearest(self.hits[tokens], position)

    def nearest(self, hits: list[int], position: int) -> int | None:
        """Of several people a surname could be, the one named last before ``position`` (else first after)."""
        if not hits:
            return None
        before = []
        for order, i in enumerate(hits):
            count = bisect_left(self.starts[i], position)  # how many of its places lie before ``position``
            if count:
                before.append((self.starts[i][count - 1], order))
        if before:
            return hits[max(before)[1]]
        return min(hits, key=lambda i: self.starts[i][0])

    def known(self, form: str) -> int | None:
        """The person of the dataset the name ``form`` is, added if not yet named in the text."""
        pid, how = match_known(form, self.lexicon)
        if pid is None:
            return None
        if pid not in self.index_of:
            return self.new(Person(person_id=pid, match=how))
        return self.index_of[pid]


def group_people(occurrences: list[Occurrence], lexicon: Lexicon) -> list[Person]:
    """Group occurrences into people, longest names first, in order of first mention.

    A multi-word name is matched to the dataset first; a single word (a
    surname, a speaker label) first to the people already named in the text
    (the one named last before it, else the first named after it).
    """
    grouping = _Grouping(lexicon)
    order = sorted(occurrences, key=lambda o: (-len(name_tokens(o.form)), o.label, o.start))
    for occurrence in order:
        tokens = name_tokens(occurrence.form)
        if len(tokens) > 1:
            index = grouping.known(occurrence.form)
            index = grouping.in_text(tokens, occurrence.start) if index is None else index
        else:
            index = grouping.in_text(tokens, occurrence.start)
            index = grouping.known(occurrence.form) if index is None else index
        if index is None:
            index = grouping.new(Person())
        grouping.add(index, occurrence)
    people = grouping.people
    for person in people:
        person.occurrences.sort(key=lambda o: (o.start, o.end))
    return sorted(people, key=lambda p: p.first)


# --------------------------------------------------------------------------
# Organisations and levels
# --------------------------------------------------------------------------

_GENERIC_ORG_WORDS = frozenset(
    {
        "department",
        "office",
        "secretariat",
        "secretaria",
        "the",
        "of",
        "and",
        "for",
        "de",
        "del",
        "la",
        "los",
        "las",
        "y",
        "el",
        "staff",
        "white",
        "house",
        "federal",
        "director",
        "oficina",
        "in",
        "en",
    }
)


def _agency_keys(name: str) -> frozenset[str]:
    words = {fold_word(w) for w in re.findall(r"[^\W\d_]+", re.sub(r"\([^)]*\)", "", name or ""))}
    return frozenset(words - _GENERIC_ORG_WORDS)


def match_agency(title: str | None, country: str | None, lexicon: Lexicon, year: int | None = None) -> str | None:
    """The agency a title names: all distinctive words of an agency name, or its acronym.

    "Secretary of Homeland Security" -> us-dhs; "Acting Administrator of the
    DEA" -> us-dea. With several, the one matching most words wins, then the
    newest agency established by ``year``.
    """
    if not title:
        return None
    words = {fold_word(w) for w in re.findall(r"[^\W\d_]+", title)}
    best = []
    for row in lexicon.agencies.itertuples(index=False):
        if country and row.country != country:
            continue
        score = 0
        for keys in (_agency_keys(row.name_en), _agency_keys(row.name_es)):
            if keys and keys <= words:
                score = max(score, len(keys))
        if isinstance(row.acronym, str) and re.search(rf"\b{re.escape(row.acronym)}\b", title):
            score = max(score, 1)
        established = int(row.established) if pd.notna(row.established) else 0
        if score and (year is None or established <= year):
            best.append((-score, -established, row.agency_id))
    return min(best)[2] if best else None


def agency_from_history(title: str | None, country: str | None, lexicon: Lexicon) -> str | None:
    """The agency the same title (as written) was recorded with most recently."""
    if not title:
        return None
    rows = lexicon.history[
        lexicon.history["title_as_written"].map(lambda t: isinstance(t, str) and fold_word(t) == fold_word(title))
    ]
    if country:
        rows = rows[rows["country"] == country]
    if rows.empty:
        return None
    return rows.sort_values(["date", "agency_id"], kind="stable").iloc[-1]["agency_id"]


def latest_agency(person_id: str | None, lexicon: Lexicon) -> str | None:
    """The agency of a known person's latest participation."""
    return lexicon.latest_agencies.get(person_id)


def guess_level(title: str | None, basis: str | None) -> str:
    """A level of ``participants.level`` from the title, by the rules of data/README.md."""
    words = [fold_word(w) for w in re.findall(r"[^\W\d_][\w.-]*", title or "")]
    if basis == "led":
        return "head_of_delegation"
    if any(
        w in {"deputy", "under-secretary", "undersecretary", "assistant", "vice", "subsecretario"} for w in words
    ) or "chief of staff" in " ".join(words):
        return "deputy"
    if "president" in words or "presidente" in words:
        return "head_of_state"
    if any(
        w in {"secretary", "secretaries", "minister", "chancellor", "secretario", "canciller"} for w in words
    ) or "attorney general" in " ".join(words):
        return "cabinet"
    if any(w.startswith("ambassador") or w.startswith("embajador") for w in words):
        return "ambassador"
    if any(w in {"director", "directors", "administrator", "head", "commissioner", "titular"} for w in words):
        return "agency_head"
    if any(w in {"adviser", "advisor"} for w in words):
        return "deputy"
    return "staff"


def country_of(person: Person, agency_id: str | None, lexicon: Lexicon) -> str | None:
    """Country of a person: from the dataset, else the agency, else the text's cues."""
    if person.person_id:
        return lexicon.people[person.person_id]["country"]
    if agency_id:
        rows = lexicon.agencies[lexicon.agencies["agency_id"] == agency_id]
        if not rows.empty:
            return rows.iloc[0]["country"]
    cues = Counter(o.country for o in person.occurrences if o.country)
    return min(cues, key=lambda c: (-cues[c], c)) if cues else None
