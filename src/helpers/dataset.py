"""Load the shared dataset: raw texts, cleaned texts and validated tables.

``load_dataset()`` is the one entry point the chapters use::

    from helpers import load_dataset
    ds = load_dataset()
    ds.participants.head()

Loading checks everything a reader relies on and stops at the first problem
with a :class:`~helpers.errors.DataError` naming the file, row and field:
missing files or columns, bad types, unknown ids, duplicate keys, raw texts
whose SHA-256 differs from the manifest, cleaning rules that do not match
exactly once, and evidence quotes that are not found in their document.

A chapter declares the tables it reads, ``load_dataset(uses=["meetings",
"participants"])``; the dataset it gets holds only those, so a table it
reads without declaring raises an error. The build reads the same
declarations (:func:`declared_files`) to re-execute only the chapters whose
data changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import agencies, journal, paths, schema
from .cleaning import Removal, apply_rules, prepare
from .errors import DataError, UndeclaredTable
from .text import contains_quote, digest

RAW_DIR = "raw"
MANIFEST = "raw/SHA256SUMS"
#: What ``uses=[TEXTS]`` declares: the raw and cleaned texts (``ds.text``,
#: ``ds.manifest``, ``ds.cleaning_log``), which rest on these files.
TEXTS = "texts"
TEXT_FILES = (RAW_DIR, "documents.csv", "cleaning_rules.csv")
#: Read by every load (the schema): a change to it concerns every chapter.
PACKAGE_FILE = "datapackage.json"
#: The tables the loader itself reads; every other resource is checked but optional.
REQUIRED_RESOURCES = ("documents", "meetings", "people", "participants", "cleaning_rules")

#: Quote fields checked on load: (table, quote field, document field, which text).
#: "cleaned" quotes must survive the removal of page furniture, so that a
#: participant can never rest on a caption or a contributor bio. Further
#: tables declare theirs in datapackage.json with a field property
#: ``"x-quote": {"document": "<doc_id field>", "text": "cleaned" | "raw"}``.
QUOTE_FIELDS: list[tuple[str, str, str, str]] = [
    ("participants", "evidence", "doc_id", "cleaned"),
    ("aliases", "alias", "doc_id", "raw"),
    ("mentions", "evidence", "doc_id", "raw"),
    ("errata", "text_as_written", "doc_id", "raw"),
]


def quote_fields(package: dict) -> list[tuple[str, str, str, str]]:
    """Return the built-in quote fields plus those declared in the package."""
    declared = [
        (name, field["name"], field["x-quote"]["document"], field["x-quote"].get("text", "cleaned"))
        for name, resource in schema.resources(package).items()
        for field in resource["schema"]["fields"]
        if "x-quote" in field
    ]
    return list(dict.fromkeys(QUOTE_FIELDS + declared))


@dataclass
class Dataset:
    """The tables of ``data/`` as DataFrames, with the texts they quote."""

    data_dir: Path
    package: dict
    tables: dict[str, pd.DataFrame]
    raw_texts: dict[str, str]
    texts: dict[str, str]
    removals: list[Removal] = field(default_factory=list)
    #: The raw file of each document (its name in ``raw/``), by doc_id.
    files: dict[str, str] = field(default_factory=dict)
    #: The tables declared by ``load_dataset(uses=...)``; None: every table.
    uses: frozenset[str] | None = None

    @property
    def manifest(self) -> pd.DataFrame:
        """One row per document: raw file, its size in bytes and its SHA-256 digest."""
        if self.uses is not None and TEXTS not in self.uses:
            raise UndeclaredTable(_undeclared(TEXTS, self.uses))
        rows = [
            {
                "doc_id": doc_id,
                "file": file,
                "bytes": len(self.raw_texts[doc_id].encode("utf-8")),
                "sha256": digest(self.raw_texts[doc_id]),
            }
            for doc_id, file in self.files.items()
        ]
        return pd.DataFrame(rows, columns=["doc_id", "file", "bytes", "sha256"])

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in schema.resources(self.__dict__.get("package", {})):
            raise UndeclaredTable(_undeclared(name, self.__dict__.get("uses")))
        raise AttributeError(f"the dataset has no table {name!r}; tables: {sorted(tables)}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.tables))

    @property
    def cleaning_log(self) -> pd.DataFrame:
        """One row per removal: document, rule, action, characters removed, text, reason."""
        if self.uses is not None and TEXTS not in self.uses:
            raise UndeclaredTable(_undeclared(TEXTS, self.uses))
        return pd.DataFrame(
            [
                {
                    "doc_id": r.doc_id,
                    "rule_id": r.rule_id,
                    "action": r.action,
                    "characters_removed": len(r.removed),
                    "removed_text": r.removed,
                    "reason": r.reason,
                }
                for r in self.removals
            ],
            columns=["doc_id", "rule_id", "action", "characters_removed", "removed_text", "reason"],
        )

    def text(self, doc_id: str, cleaned: bool = True) -> str:
        """Return the cleaned (default) or raw text of ``doc_id``."""
        if self.uses is not None and TEXTS not in self.uses:
            raise UndeclaredTable(_undeclared(TEXTS, self.uses))
        source = self.texts if cleaned else self.raw_texts
        if doc_id not in source:
            raise KeyError(f"unknown doc_id {doc_id!r}; known: {sorted(source)}")
        return source[doc_id]


def _undeclared(name: str, uses) -> str:
    return (
        f"{name!r} is not among the tables this notebook declared, load_dataset(uses={sorted(uses)}): "
        f"add it, so that the build re-executes the notebook when its data change"
    )


def restrict(ds: Dataset, uses) -> Dataset:
    """Return ``ds`` holding only the tables named in ``uses`` (and the texts if it names ``TEXTS``)."""
    uses = frozenset(uses)
    unknown = sorted(uses - set(ds.tables) - {TEXTS})
    if unknown:
        raise KeyError(
            f"load_dataset(uses=...) names unknown tables {unknown}; tables: {sorted(ds.tables)} and {TEXTS!r}"
        )
    texts = TEXTS in uses
    return Dataset(
        ds.data_dir,
        ds.package,
        {k: v for k, v in ds.tables.items() if k in uses},
        ds.raw_texts if texts else {},
        ds.texts if texts else {},
        ds.removals if texts else [],
        ds.files if texts else {},
        uses=uses,
    )


def declared_files(package: dict, uses) -> list[str]:
    """Files of ``data/`` (relative paths) that a notebook declaring ``uses`` depends on.

    ``uses=None`` (nothing declared) depends on every file.
    """
    resources = schema.resources(package)
    names = sorted(resources) + [TEXTS] if uses is None else sorted(uses)
    files = {PACKAGE_FILE}
    for name in names:
        files.update(TEXT_FILES if name == TEXTS else [resources[name]["path"]])
    return sorted(files)


def load_dataset(data_dir: str | Path | None = None, *, uses=None) -> Dataset:
    """Read, check and return the dataset in ``data_dir`` (default ``data/``).

    Every table is read and checked whatever ``uses`` says; ``uses`` (table
    names, and ``"texts"`` for the texts) restricts what the caller sees.
    """
    data_dir = Path(data_dir).resolve() if data_dir is not None else paths.data_dir()
    # A shared lock: an accept (exclusive) never changes the files while they are read.
    with journal.lock(data_dir, shared=True, wait_message=f"waiting for a change of {data_dir.name}/ to finish"):
        ds = _load(data_dir)
    return ds if uses is None else restrict(ds, uses)


def _load(data_dir: Path) -> Dataset:
    journal.refuse_if_interrupted(data_dir)
    package = schema.read_package(data_dir)
    schema.require_resources(package, REQUIRED_RESOURCES)
    tables = {name: schema.read_table(data_dir, resource) for name, resource in schema.resources(package).items()}
    schema.check_foreign_keys(package, tables)
    _check_one_source(package, tables)
    if "agency_sectors" in tables:
        agencies.check_sector_periods(
            tables["agency_sectors"], tables["agencies"], schema.resources(package)["agency_sectors"]["path"]
        )

    raw_texts = _read_raw_texts(data_dir, tables["documents"])
    texts: dict[str, str] = {}
    removals: list[Removal] = []
    formats = dict(zip(tables["documents"]["doc_id"], tables["documents"]["format"], strict=True))
    for doc_id, raw in raw_texts.items():
        texts[doc_id], done = apply_rules(doc_id, raw, tables["cleaning_rules"], formats[doc_id])
        removals.extend(done)

    normalised_raw = {doc_id: prepare(raw, formats[doc_id]) for doc_id, raw in raw_texts.items()}
    for table, quote_field, doc_field, which in quote_fields(package):
        if table in tables and quote_field in tables[table] and doc_field in tables[table]:
            _check_quotes(
                package,
                tables[table],
                table,
                quote_field,
                doc_field,
                texts if which == "cleaned" else normalised_raw,
                which,
            )

    _check_names_in_evidence(package, tables["participants"])
    if "texts_considered" in tables:
        _check_texts_considered(package, tables["texts_considered"], tables["documents"], raw_texts)
    tables["participants"] = _with_canonical_names(tables["participants"], tables["people"])
    files = dict(zip(tables["documents"]["doc_id"], tables["documents"]["file"], strict=True))
    return Dataset(data_dir, package, tables, raw_texts, texts, removals, files)


def _read_raw_texts(data_dir: Path, documents: pd.DataFrame) -> dict[str, str]:
    """Read each document's raw file, checking it against the SHA-256 manifest."""
    manifest = _read_manifest(data_dir)
    texts = {}
    raw_dir = (data_dir / RAW_DIR).resolve()
    for row, doc in enumerate(documents.itertuples(index=False), start=1):
        path = data_dir / RAW_DIR / doc.file
        where = {"row": row, "field": "file", "line": schema.line_of(documents, row)}
        # The schema's pattern already keeps file names plain; this holds even for a package without it.
        if path.resolve().parent != raw_dir or path.is_symlink():
            raise DataError("documents.csv", f"{doc.file!r} is not a file of {RAW_DIR}/", **where)
        if doc.file not in manifest:
            raise DataError("documents.csv", f"{doc.file} is not listed in {MANIFEST}", **where)
        if not path.is_file():
            raise DataError(f"{RAW_DIR}/{doc.file}", f"the raw text of {doc.doc_id} is missing")
        data = path.read_bytes()
        found = digest(data)
        if found != manifest[doc.file]:
            raise DataError(
                f"{RAW_DIR}/{doc.file}",
                f"SHA-256 {found[:12]}... does not match {MANIFEST} ({manifest[doc.file][:12]}...): "
                "raw texts must never be edited",
            )
        try:
            texts[doc.doc_id] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(f"{RAW_DIR}/{doc.file}", f"is not UTF-8 text: {exc.reason}") from None
    return texts


def _read_manifest(data_dir: Path) -> dict[str, str]:
    path = data_dir / MANIFEST
    if not path.is_file():
        raise DataError(MANIFEST, "the SHA-256 manifest of the raw texts is missing")
    manifest = {}
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 64:
            raise DataError(MANIFEST, f"line {line_number} is not '<sha256>  <file>': {line!r}")
        manifest[parts[1].lstrip("*")] = parts[0].lower()
    return manifest


def _check_quotes(package, frame, table, quote_field, doc_field, texts, which) -> None:
    file = schema.resources(package)[table]["path"]
    for row, (quote, doc_id) in enumerate(zip(frame[quote_field], frame[doc_field], strict=True), start=1):
        if quote is None or doc_id is None:
            # A quote without a document quotes a reference note (a table with ``x-one-source``).
            continue
        if doc_id not in texts:
            raise DataError(
                file,
                f"unknown doc_id {doc_id!r}: not in documents.csv",
                row=row,
                field=doc_field,
                line=schema.line_of(frame, row),
            )
        if not contains_quote(texts[doc_id], quote):
            raise DataError(
                file,
                f"the quote {quote[:70]!r} is not found in the {which} text of {doc_id}",
                row=row,
                field=quote_field,
                line=schema.line_of(frame, row),
            )


def _check_one_source(package, tables: dict[str, pd.DataFrame]) -> None:
    """Each row of a table declaring ``"x-one-source": [field, field, ...]`` fills exactly one of those fields.

    ``frameworks`` quotes either a corpus text (``doc_id``, its quote checked on load) or a reference note
    (``reference_id``, checked by the tests against ``data/reference/``), never both and never neither.
    """
    for name, resource in schema.resources(package).items():
        fields = resource.get("x-one-source")
        if not fields or name not in tables:
            continue
        frame = tables[name]
        for row, values in enumerate(frame[fields].itertuples(index=False, name=None), start=1):
            given = [f for f, v in zip(fields, values, strict=True) if v is not None]
            if len(given) != 1:
                raise DataError(
                    resource["path"],
                    f"exactly one of {fields} must be given; found {given or 'none'}",
                    row=row,
                    field=fields[0],
                    line=schema.line_of(frame, row),
                )


def _check_names_in_evidence(package, participants: pd.DataFrame) -> None:
    """A participant's name as written must stand in their own evidence quote."""
    file = schema.resources(package)["participants"]["path"]
    for row, (name, quote) in enumerate(
        zip(participants["name_as_written"], participants["evidence"], strict=True), start=1
    ):
        if not contains_quote(quote, name):
            raise DataError(
                file,
                f"the name {name!r} does not occur in the row's evidence quote",
                row=row,
                field="name_as_written",
                line=schema.line_of(participants, row),
            )


def _check_texts_considered(package, considered: pd.DataFrame, documents: pd.DataFrame, raw: dict) -> None:
    """The record of texts considered agrees with the corpus: each included text is a document whose raw file
    is the text as received (same SHA-256), an excluded text is no document, and every document was considered."""
    file = schema.resources(package)["texts_considered"]["path"]
    for row, item in enumerate(considered.itertuples(index=False), start=1):
        where = {"row": row, "line": schema.line_of(considered, row)}
        included = item.decision == "included"
        if included and item.doc_id is None:
            raise DataError(file, "an included text must name the document it became", field="doc_id", **where)
        if not included and item.doc_id is not None:
            raise DataError(file, f"an excluded text cannot be document {item.doc_id!r}", field="doc_id", **where)
        if included and digest(raw[item.doc_id]) != item.sha256:
            raise DataError(
                file,
                f"the SHA-256 differs from that of the raw text of {item.doc_id}: the corpus "
                "file is not the text as received",
                field="sha256",
                **where,
            )
    missing = sorted(set(documents["doc_id"]) - set(considered["doc_id"].dropna()))
    if missing:
        raise DataError(file, f"document {missing[0]!r} of documents.csv is not recorded as a text considered")


def _with_canonical_names(participants: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    names = people.set_index("person_id")["name"]
    frame = participants.copy()
    frame.insert(frame.columns.get_loc("person_id") + 1, "name", frame["person_id"].map(names))
    return frame
