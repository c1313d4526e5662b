"""The raw texts are immutable: byte-identical to the manifest (and to shared/)."""

import hashlib

import pytest

from conftest import DATA, ROOT

MANIFEST = DATA / "raw" / "SHA256SUMS"


def manifest_entries():
    entries = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        entries[name] = digest
    return entries


def test_manifest_lists_exactly_the_raw_files():
    on_disk = sorted(p.name for p in (DATA / "raw").iterdir() if p.suffix in (".txt", ".md"))
    assert sorted(manifest_entries()) == on_disk
    assert len(on_disk) >= 5


def test_raw_files_are_verbatim_copies_of_the_shared_sources():
    shared = ROOT.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("../shared/sources is not beside this clone")
    for source in sorted(shared.glob("0*.txt")):
        assert (DATA / "raw" / source.name).read_bytes() == source.read_bytes(), source.name
    # The series texts entered through the drafting command, which names each raw file by its digest.
    copies = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (DATA / "raw").glob("*.md")}
    series = sorted((shared / "series").glob("wh-*.md"))
    assert len(series) == 14 and all(hashlib.sha256(s.read_bytes()).hexdigest() in copies for s in series)
