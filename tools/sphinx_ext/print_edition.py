"""The PDF edition: no code, and wide tables set small enough to fit.

- **No code in print.** Every code cell of the chapters carries the tag
  ``hide-input``, so the HTML book folds its source away (a reader can
  unfold it). The PDF cannot unfold, so here, in the LaTeX output only, the
  source of every code cell is removed; its outputs (tables, figures) stay.
- **Wide tables.** ``helpers.tables.show_table`` gives every table relative
  column widths (so LaTeX wraps each column within the page instead of
  letting it run off) and a class ``print-<size>`` naming the LaTeX size at
  which its longest words fit side by side (``print-normal``,
  ``print-small``, ``print-footnotesize``, ``print-scriptsize``). Each such
  table is wrapped in a group set at that size, and set as a long table,
  which breaks across pages instead of running off the foot of one.
- **Addresses that break.** A web address written out in a table cell is
  set as a link, which may break anywhere (see the preamble in
  ``_config.yml``), and a long file path may break after a slash or an
  underscore, so that neither runs out of its column.
- **The same widths on screen.** MyST marks every Markdown table
  ``colwidths-auto``, which makes the HTML writer drop the widths a
  ``{table}`` directive gives; a table whose widths are given keeps them in
  the HTML too (a ``<colgroup>``), so a long column is not squeezed to the
  width of a short one.
"""

from __future__ import annotations

import re

from docutils import nodes

#: A web address written out in a table cell.
ADDRESS = re.compile(r"https?://[^\s)\]]+[^\s)\].,;]")
#: A file path written out ("data/research/series_refs/reference_stats.csv"): one long word to LaTeX.
PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)+/?")
SIZES = {"small", "footnotesize", "scriptsize"}


def _is_cell_input(node) -> bool:
    return isinstance(node, nodes.container) and "cell_input" in node.get("classes", [])


def keep_given_widths(app, doctree, docname) -> None:
    for table in doctree.findall(nodes.table):
        if "colwidths-given" in table["classes"] and "colwidths-auto" in table["classes"]:
            table["classes"].remove("colwidths-auto")


def _addresses_as_links(table) -> None:
    """Turn each address written out in ``table`` into a link, which LaTeX may break at any slash or
    hyphen; as plain text an address is one unbreakable word that runs out of its column."""
    for text in list(table.findall(nodes.Text)):
        if isinstance(text.parent, nodes.reference) or not ADDRESS.search(text.astext()):
            continue
        parts, last = [], 0
        for match in ADDRESS.finditer(text.astext()):
            parts.append(nodes.Text(text.astext()[last : match.start()]))
            parts.append(nodes.reference(match.group(), match.group(), refuri=match.group()))
            last = match.end()
        parts.append(nodes.Text(text.astext()[last:]))
        text.parent.replace(text, [p for p in parts if p.astext()])


def _paths_breakable(table) -> None:
    """Let LaTeX break a long file path written out in ``table`` after each slash or underscore."""
    for text in list(table.findall(nodes.Text)):
        if isinstance(text.parent, (nodes.reference, nodes.literal)) or not PATH.search(text.astext()):
            continue
        parts, last = [], 0
        source = text.astext()
        for match in PATH.finditer(source):
            if len(match.group()) < 20:
                continue
            parts.append(nodes.Text(source[last : match.start()]))
            for piece in re.split(r"(?<=[/_])", match.group()):
                parts.append(nodes.Text(piece))
                parts.append(nodes.raw("", "\\allowbreak{}", format="latex"))
            parts.pop()
            last = match.end()
        if last:
            parts.append(nodes.Text(source[last:]))
            text.parent.replace(text, [p for p in parts if p.astext() or isinstance(p, nodes.raw)])


def prepare_for_print(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    for source in list(doctree.findall(_is_cell_input)):
        source.parent.remove(source)
    for table in list(doctree.findall(nodes.table)):
        _addresses_as_links(table)
        _paths_breakable(table)
        if "report-table" in table["classes"] and "longtable" not in table["classes"]:
            # A long table breaks across pages (its header repeated) instead of running into the footer.
            table["classes"].append("longtable")
        size = next((c.removeprefix("print-") for c in table["classes"] if c.startswith("print-")), None)
        if size in SIZES:
            parent = table.parent
            at = parent.index(table)
            parent.insert(at + 1, nodes.raw("", "\\endgroup\n", format="latex"))
            parent.insert(at, nodes.raw("", f"\\begingroup\\{size}\n", format="latex"))


def setup(app):
    app.connect("doctree-resolved", keep_given_widths)
    app.connect("doctree-resolved", prepare_for_print)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
