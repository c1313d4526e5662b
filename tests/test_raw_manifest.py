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
    on_disk = sorted(p.name for p in (DATA / "raw").glob("*.txt"))
    assert sorted(manifest_entries()) == on_disk
    assert len(on_disk) >= 5


@pytest.mark.parametrize("name", sorted(manifest_entries()))
def test_raw_file_matches_its_digest(name):
    data = (DATA / "raw" / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == manifest_entries()[name]


def test_every_document_has_a_manifest_entry(ds):
    assert set(ds.documents["file"]) <= set(manifest_entries())


def test_raw_files_are_verbatim_copies_of_the_shared_sources():
    shared = ROOT.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("../shared/sources is not beside this clone")
    for source in sorted(shared.glob("0*.txt")):
        assert (DATA / "raw" / source.name).read_bytes() == source.read_bytes(), source.name
