"""The key findings quote only numbers the chapters compute, each with its evidence."""

import re

from helpers import key_figures as kf
from helpers import paths

INTRO = paths.project_root() / "intro.md"
GLUE = re.compile(r"\{glue:text\}`(chapters/[^:`]+\.ipynb)::([A-Za-z0-9_]+)(?::[^`]*)?`")


def findings() -> list[str]:
    text = INTRO.read_text(encoding="utf-8")
    section = text.split("## Key findings", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d+\. (.+?)(?=^\d+\. |\Z)", section, flags=re.S | re.M)


def test_there_are_five_to_eight_findings_each_with_a_number_and_its_evidence():
    found = findings()
    assert 5 <= len(found) <= 8
    for finding in found:
        assert GLUE.search(finding), f"no glued number in: {finding[:60]}"
        assert re.search(r"\{numref\}`(fig|tbl)-[a-z0-9-]+`", finding), f"no figure or table in: {finding[:60]}"


def test_every_glued_key_of_the_summary_exists_in_its_chapter():
    recorded = set(zip(*[kf.read_record()[c] for c in ("chapter", "name")], strict=True))
    used = set(GLUE.findall(INTRO.read_text(encoding="utf-8")))
    assert used, "the summary glues nothing"
    assert used - recorded == set()


def test_no_digit_is_typed_in_the_findings():
    for finding in findings():
        prose = GLUE.sub("", finding)
        prose = re.sub(r"\{numref\}`[^`]*`", "", prose)
        # Years that name the meetings and the period are words of the text, not results.
        prose = re.sub(r"\b(20[0-2]\d)\b", "", prose)
        assert not re.search(r"\d", prose), f"a typed number in: {finding[:80]}"
