"""Small constructed datasets for the claims tests (claims, claimreview, charts of the claims chapter)."""

from __future__ import annotations

import pandas as pd

_REF = dict(
    item="x",
    series=None,
    year=None,
    qualifier="none",
    period="p",
    event_date=None,
    publisher="P",
    official_publisher="O",
    title="T",
    quote="q",
    page="official publication",
    confirmed=True,
    cite_key=None,
    origin="o",
    note="",
)
_LINK = dict(
    reference_id=None,
    baseline_reference_id=None,
    other_claim_id=None,
    match="same",
    note="",
    notes_assessment=None,
    departure=None,
    searched=None,
)


class Translated:
    """A minimal dataset: one translated text with four claims and a second text with none."""

    def __init__(self):
        self.documents = pd.DataFrame(
            {
                "doc_id": ["d1", "d0"],
                "meeting_id": ["m1", "m0"],
                "source_url": [None, "https://example.org/d0"],
                "publisher": ["Pub", "Other"],
                "title": ["T", "T0"],
                "translation": ["translation", "original"],
                "genre": ["transcript", "readout"],
                "publication_date": [pd.Timestamp("2023-10-05"), pd.Timestamp("2020-01-01")],
            }
        )
        self.meetings = pd.DataFrame(
            {"meeting_id": ["m1", "m0"], "date": [pd.Timestamp("2023-10-05"), pd.Timestamp("2020-01-01")]}
        )
        self.people = pd.DataFrame({"person_id": ["p1"], "name": ["A Speaker"]})
        self.claims = pd.DataFrame(
            [
                dict(
                    claim_id="N01",
                    doc_id="d1",
                    speaker="p1",
                    quote="$855 billion in 2022",
                    number_as_written="$855 billion",
                    value=855e9,
                    unit="USD per year",
                    qualifier="none",
                    period="2022",
                    measure="trade",
                    kind="money",
                    nature="statistic",
                ),
                dict(
                    claim_id="N02",
                    doc_id="d1",
                    speaker="p1",
                    quote="$3 billion every minute",
                    number_as_written="$3 billion",
                    value=3e9,
                    unit="USD per minute",
                    qualifier="none",
                    period="2023",
                    measure="trade per minute",
                    kind="money",
                    nature="statistic",
                ),
                dict(
                    claim_id="N03",
                    doc_id="d1",
                    speaker=None,
                    quote="284 tons of cocaine",
                    number_as_written="284",
                    value=284.0,
                    unit="tonnes",
                    qualifier="none",
                    period="2023",
                    measure="cocaine",
                    kind="mass",
                    nature="statistic",
                ),
                dict(
                    claim_id="N04",
                    doc_id="d1",
                    speaker=None,
                    quote="three weeks ago",
                    number_as_written="three weeks",
                    value=3.0,
                    unit="weeks",
                    qualifier="none",
                    period="2023",
                    measure="interval",
                    kind="duration",
                    nature="statistic",
                ),
            ]
        )
        self.reference_stats = pd.DataFrame(
            [
                {
                    **_REF,
                    "reference_id": "R-TRADE",
                    "value": 863.4e9,
                    "unit": "USD per year",
                    "url": "https://example.org/t",
                },
                {**_REF, "reference_id": "R-ORIG", "value": 184000.0, "unit": "kg", "url": "https://example.org/o"},
                {
                    **_REF,
                    "reference_id": "R-NAVY",
                    "value": 192.2,
                    "unit": "tonnes",
                    "url": "https://example.org/n",
                    "page": "secondary copy",
                },
                {
                    **_REF,
                    "reference_id": "R-EVENT",
                    "value": None,
                    "unit": "date",
                    "event_date": pd.Timestamp("2023-09-15"),
                    "url": "https://example.org/e",
                },
                {**_REF, "reference_id": "R-GONE", "value": 1.0, "unit": "weeks", "confirmed": False, "url": None},
            ]
        )
        self.claim_checks = pd.DataFrame(
            [
                {**_LINK, "claim_id": "N01", "role": "statistic", "reference_id": "R-TRADE"},
                {**_LINK, "claim_id": "N02", "role": "internal", "other_claim_id": "N01"},
                {**_LINK, "claim_id": "N03", "role": "original", "reference_id": "R-ORIG"},
                {**_LINK, "claim_id": "N03", "role": "context", "reference_id": "R-NAVY"},
                {**_LINK, "claim_id": "N04", "role": "context", "reference_id": "R-GONE"},
                {**_LINK, "claim_id": "N04", "role": "statistic", "reference_id": "R-EVENT"},
            ]
        )
        self.texts = {
            "d1": "Trade of $855 billion in 2022, $3 billion every minute; 284 tons of cocaine "
            "three weeks ago and 12 firearms.",
            "d0": "No quantity here.",
        }

    def text(self, doc_id: str) -> str:
        """The cleaned text of a document."""
        return self.texts[doc_id]


class Natures:
    """One text of each nature's claims, to test the rules by nature (programme outputs, commitments, others)."""

    def __init__(self):
        self.documents = pd.DataFrame(
            {
                "doc_id": ["f", "j"],
                "meeting_id": ["m", "m"],
                "source_url": ["https://example.org/f", None],
                "publisher": ["WH", "WH"],
                "title": ["F", "J"],
                "translation": ["original", "original"],
                "genre": ["fact sheet", "joint statement"],
                "publication_date": pd.to_datetime(["2023-03-10", "2023-03-11"]),
            }
        )
        self.meetings = pd.DataFrame({"meeting_id": ["m"], "date": pd.to_datetime(["2023-03-09"])})
        self.people = pd.DataFrame({"person_id": ["p"], "name": ["A Speaker"]})
        base = dict(doc_id="f", speaker=None, qualifier="none", period="2022", kind="count")
        self.claims = pd.DataFrame(
            [
                {
                    **base,
                    "claim_id": "N1",
                    "quote": "trained 745 officers",
                    "number_as_written": "745",
                    "value": 745.0,
                    "unit": "officers",
                    "measure": "officers trained",
                    "nature": "programme output",
                },
                {
                    **base,
                    "claim_id": "N2",
                    "quote": "57 locations",
                    "number_as_written": "57",
                    "value": 57.0,
                    "unit": "locations",
                    "measure": "locations",
                    "nature": "programme output",
                },
                {
                    **base,
                    "claim_id": "N3",
                    "quote": "50 prosecutors",
                    "number_as_written": "50",
                    "value": 50.0,
                    "unit": "prosecutors",
                    "measure": "prosecutors trained",
                    "nature": "programme output",
                },
                {
                    **base,
                    "claim_id": "N4",
                    "quote": "six arrested",
                    "number_as_written": "six",
                    "value": 6.0,
                    "unit": "persons",
                    "measure": "arrests",
                    "nature": "programme output",
                },
                {
                    **base,
                    "claim_id": "N5",
                    "quote": "meet again within two months",
                    "number_as_written": "two months",
                    "value": 2.0,
                    "unit": "months",
                    "qualifier": "up to",
                    "measure": "time to the next meeting",
                    "kind": "duration",
                    "nature": "commitment",
                },
                {
                    **base,
                    "claim_id": "N6",
                    "quote": "hire 600 agents",
                    "number_as_written": "600",
                    "value": 600.0,
                    "unit": "agents",
                    "measure": "agents to hire",
                    "nature": "commitment",
                },
                {
                    **base,
                    "claim_id": "N7",
                    "quote": "200 years of relations",
                    "number_as_written": "200 years",
                    "value": 200.0,
                    "unit": "years",
                    "measure": "years of relations",
                    "kind": "duration",
                    "nature": "other",
                },
                {
                    **base,
                    "claim_id": "N8",
                    "doc_id": "j",
                    "quote": "nearly 110,000 deaths",
                    "number_as_written": "110,000",
                    "value": 110000.0,
                    "unit": "deaths",
                    "qualifier": "nearly",
                    "measure": "overdose deaths",
                    "nature": "statistic",
                },
                {
                    **base,
                    "claim_id": "N9",
                    "doc_id": "j",
                    "quote": "trained 745 officers",
                    "number_as_written": "745",
                    "value": 745.0,
                    "unit": "officers",
                    "measure": "officers trained",
                    "nature": "programme output",
                },
            ]
        )
        ref = {**_REF, "year": 2022}
        self.reference_stats = pd.DataFrame(
            [
                {
                    **ref,
                    "reference_id": "R-745",
                    "value": 744.0,
                    "unit": "officers",
                    "url": "https://example.org/745",
                    "page": "secondary copy",
                },
                {**ref, "reference_id": "R-34", "value": 34.0, "unit": "locations", "url": "https://example.org/34"},
                {
                    **ref,
                    "reference_id": "R-NEXT",
                    "value": None,
                    "unit": "date",
                    "event_date": pd.Timestamp("2023-04-13"),
                    "url": "https://example.org/next",
                },
                {
                    **ref,
                    "reference_id": "R-1822",
                    "value": None,
                    "unit": "date",
                    "event_date": pd.Timestamp("1822-12-12"),
                    "url": "https://example.org/1822",
                },
                {**ref, "reference_id": "R-A", "value": 107941.0, "unit": "deaths", "url": "https://example.org/a"},
                {
                    **ref,
                    "reference_id": "R-B",
                    "value": 111029.0,
                    "unit": "deaths",
                    "url": "https://example.org/b",
                    "page": "secondary copy",
                },
            ]
        )
        self.claim_checks = pd.DataFrame(
            [
                {
                    **_LINK,
                    "claim_id": "N1",
                    "role": "statistic",
                    "reference_id": "R-745",
                    "notes_assessment": "consistent",
                },
                {
                    **_LINK,
                    "claim_id": "N2",
                    "role": "context",
                    "reference_id": "R-34",
                    "notes_assessment": "partly supported",
                    "departure": "Only the first 34 locations are on the record.",
                },
                {**_LINK, "claim_id": "N3", "searched": "The programme's releases."},
                {**_LINK, "claim_id": "N4", "note": "Not searched."},
                {
                    **_LINK,
                    "claim_id": "N5",
                    "role": "statistic",
                    "reference_id": "R-NEXT",
                    "notes_assessment": "consistent",
                },
                {**_LINK, "claim_id": "N6", "notes_assessment": "not verifiable"},
                {
                    **_LINK,
                    "claim_id": "N7",
                    "role": "statistic",
                    "reference_id": "R-1822",
                    "notes_assessment": "consistent",
                },
                {**_LINK, "claim_id": "N8", "role": "range", "reference_id": "R-A", "notes_assessment": "consistent"},
                {**_LINK, "claim_id": "N8", "role": "range", "reference_id": "R-B"},
                {**_LINK, "claim_id": "N9", "role": "statistic", "reference_id": "R-745"},
            ]
        )
        self.errata = pd.DataFrame(columns=["erratum_id", "doc_id", "kind", "text_as_written", "correction"])
        self.texts = {"f": "", "j": ""}

    def text(self, doc_id: str) -> str:
        """The cleaned text of a document."""
        return self.texts[doc_id]


class Repeated:
    """Two accounts of one figure (64,000 deaths) and a claimed reduction checked against two series."""

    def __init__(self):
        self.documents = pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "meeting_id": ["m1", "m1", "m2"],
                "source_url": ["https://example.org/a", "https://example.org/b", "https://example.org/c"],
                "publisher": ["State", "SRE", "State"],
                "title": ["A", "B", "C"],
                "translation": ["original", "translation", "original"],
                "genre": ["blog post", "press release", "transcript"],
                "publication_date": pd.to_datetime(["2017-12-14", "2017-12-15", "2023-10-05"]),
            }
        )
        self.meetings = pd.DataFrame({"meeting_id": ["m1", "m2"], "date": pd.to_datetime(["2017-12-14", "2023-10-05"])})
        self.people = pd.DataFrame({"person_id": ["s"], "name": ["A Speaker"]})
        claim = dict(
            speaker="s",
            unit="deaths",
            period="2016",
            measure="overdose deaths",
            kind="count",
            nature="statistic",
            number_as_written="64,000",
            value=64000.0,
        )
        self.claims = pd.DataFrame(
            [
                {**claim, "claim_id": "N01", "doc_id": "a", "quote": "more than 64,000 died", "qualifier": "more than"},
                {**claim, "claim_id": "N02", "doc_id": "b", "quote": "64,000 died", "qualifier": "none"},
                dict(
                    claim_id="N03",
                    doc_id="c",
                    speaker="s",
                    quote="homicide fell 17 percent",
                    number_as_written="17",
                    value=17.0,
                    unit="percent",
                    qualifier="none",
                    period="2019-2023",
                    measure="homicide reduction",
                    kind="percent",
                    nature="statistic",
                ),
            ]
        )
        deaths = {**_REF, "unit": "deaths", "year": 2016, "url": "https://example.org/r"}
        inegi = {**_REF, "unit": "deaths", "series": "INEGI homicides", "url": "https://example.org/i"}
        sesnsp = {**_REF, "unit": "deaths", "series": "SESNSP victims", "url": "https://example.org/s"}
        self.reference_stats = pd.DataFrame(
            [
                {
                    **deaths,
                    "reference_id": "R-PRE",
                    "item": "deaths, provisional",
                    "value": 64000.0,
                    "period": "2016 (provisional)",
                    "qualifier": "more than",
                },
                {
                    **deaths,
                    "reference_id": "R-FIN",
                    "item": "deaths, final",
                    "value": 63632.0,
                    "period": "2016 (final)",
                },
                {
                    **deaths,
                    "reference_id": "R-RND",
                    "item": "deaths, final rounded",
                    "value": 63600.0,
                    "period": "2016 (final)",
                },
                {**deaths, "reference_id": "R-LOW", "item": "deaths, exact", "value": 64070.0, "confirmed": False},
                {**deaths, "reference_id": "R-HIGH", "item": "deaths, advocacy", "value": 71135.0, "confirmed": False},
                {**inegi, "reference_id": "I18", "year": 2018, "value": 100.0, "period": "2018"},
                {**inegi, "reference_id": "I22", "year": 2022, "value": 90.0, "period": "2022"},
                {**inegi, "reference_id": "I23", "year": 2023, "value": 84.0, "period": "2023 (preliminary)"},
                {**sesnsp, "reference_id": "S19", "year": 2019, "value": 100.0, "period": "2019"},
                {**sesnsp, "reference_id": "S22", "year": 2022, "value": 89.0, "period": "2022"},
                {**sesnsp, "reference_id": "S23", "year": 2023, "value": 85.0, "period": "2023"},
                {
                    **_REF,
                    "reference_id": "R-DAILY",
                    "item": "daily victims",
                    "unit": "percent",
                    "year": 2023,
                    "value": 20.0,
                    "period": "2023",
                    "official_publisher": "Security Secretariat (SSPC), Mexico",
                    "url": "https://example.org/d",
                },
            ]
        )
        self.claim_checks = pd.DataFrame(
            [
                {**_LINK, "claim_id": "N01", "role": "statistic", "reference_id": "R-PRE"},
                {**_LINK, "claim_id": "N01", "role": "context", "reference_id": "R-FIN"},
                {**_LINK, "claim_id": "N01", "role": "context", "reference_id": "R-RND"},
                {**_LINK, "claim_id": "N01", "role": "context", "reference_id": "R-LOW"},
                {**_LINK, "claim_id": "N02", "role": "statistic", "reference_id": "R-PRE"},
                {**_LINK, "claim_id": "N02", "role": "context", "reference_id": "R-HIGH"},
                {
                    **_LINK,
                    "claim_id": "N03",
                    "role": "statistic",
                    "reference_id": "I22",
                    "baseline_reference_id": "I18",
                },
                {**_LINK, "claim_id": "N03", "role": "context", "reference_id": "S22", "baseline_reference_id": "S19"},
                {**_LINK, "claim_id": "N03", "role": "context", "reference_id": "R-DAILY"},
            ]
        )
        self.errata = pd.DataFrame(columns=["erratum_id", "doc_id", "kind", "text_as_written", "correction"])
