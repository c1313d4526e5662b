"""Make every figure and table of the book citable and downloadable.

The chapters export their figures (PNG, SVG, the CSV of the data drawn and a
partial JSON sidecar), tables (CSV) and other files (network graphs,
ClaimReview records) into ``_build/`` while they execute. This extension
turns those exports into something a reader can cite:

- the ``figures-and-tables`` directive lists every numbered figure and table
  of the book, with its number, caption, chapter, the notebook that makes it
  and its files (``:citations:`` gives one citation text per figure instead);
- the ``build-files`` directive lists the files a chapter wrote into a folder
  of ``_build/`` (for example ``networks``), as download links in HTML;
- at the end of an HTML build, each figure's JSON sidecar is completed with
  its number, caption, chapter, notebook, suggested citation and the commit
  it was built from, and the exports are copied into the site under
  ``downloads/`` so that every link works offline.

The registry is read from Sphinx's own labels and figure numbers, so it can
never disagree with the numbers printed in the book.
"""

from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: Folders of ``_build/`` copied into the HTML site under ``downloads/``.
EXPORT_FOLDERS = ("figures", "tables", "networks")
#: Loose files of ``_build/`` copied too (the ClaimReview export).
EXPORT_FILES = ("*.jsonld",)
DOWNLOADS = "downloads"
FIGURE_FILES = ("png", "svg", "csv", "json")
KINDS = {"fig-": "figure", "tbl-": "table"}
PREFIX = {"figure": "Figure", "table": "Table"}


class registry_placeholder(nodes.General, nodes.Element):
    """Stands where the list of figures and tables goes until labels are known."""


class files_placeholder(nodes.General, nodes.Element):
    """Stands where the list of files of a ``_build/`` folder goes."""


def _skip(self, node) -> None:
    raise nodes.SkipNode


class FiguresAndTables(SphinxDirective):
    """``{figures-and-tables}``: the registry of numbered figures and tables."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "citations": directives.flag,
        "name": directives.unchanged,
        "kind": lambda arg: directives.choice(arg, ("figure", "table")),
    }

    def run(self):
        node = registry_placeholder()
        node["citations"] = "citations" in self.options
        node["kind"] = self.options.get("kind")
        if self.arguments and not node["citations"]:
            # A captioned, labelled table: numbered like every other table of
            # the book, in HTML and PDF alike. The rows come later.
            table = nodes.table()
            title_nodes, _ = self.state.inline_text(self.arguments[0], self.lineno)
            table += nodes.title(self.arguments[0], "", *title_nodes)
            table += node
            self.add_name(table)
            return [table]
        return [node]


class BuildFiles(SphinxDirective):
    """``{build-files} FOLDER``: the files a chapter wrote into ``_build/FOLDER``."""

    required_arguments = 1
    option_spec = {"pattern": directives.unchanged, "label": directives.unchanged}

    def run(self):
        node = files_placeholder()
        node["folder"] = self.arguments[0].strip("/")
        node["pattern"] = self.options.get("pattern", "*")
        node["label"] = self.options.get("label", "")
        return [node]


# Registry -------------------------------------------------------------------


def registry(env) -> list[dict]:
    """Return every labelled figure and table, in the order of their numbers."""
    items = []
    labels = env.domaindata["std"]["labels"]
    for label, (docname, labelid, caption) in labels.items():
        kind = next((k for prefix, k in KINDS.items() if label.startswith(prefix)), None)
        if kind is None:
            continue
        number = env.toc_fignumbers.get(docname, {}).get(kind, {}).get(labelid)
        if number is None:
            logger.warning("%s %r has no number (is numfig on?)", kind, label, location=docname)
            continue
        items.append(
            {
                "label": label,
                "kind": kind,
                "number": ".".join(map(str, number)),
                "sort_key": (kind != "figure", tuple(number)),
                "caption": caption,
                "docname": docname,
                "labelid": labelid,
                "chapter": env.titles[docname].astext() if docname in env.titles else docname,
                "notebook": str(env.doc2path(docname, False)),
            }
        )
    return sorted(items, key=lambda item: item["sort_key"])


def _numref(label: str, fromdoc: str, text: str | None = None) -> pending_xref:
    """A cross-reference resolved by Sphinx, so the number is the book's own.

    Without ``text`` it reads like the captions ("Fig. 2.1", "Table 2.1").
    """
    ref = pending_xref(
        "",
        refdomain="std",
        reftype="numref",
        reftarget=label,
        refexplicit=text is not None,
        refwarn=True,
        refdoc=fromdoc,
    )
    ref += nodes.inline(text or label, text or label, classes=["std", "std-numref"])
    return ref


def _download_prefix(app, fromdoc: str) -> str:
    depth = app.builder.get_target_uri(fromdoc).count("/")
    return "../" * depth + DOWNLOADS + "/"


def _file_nodes(app, fromdoc: str, relpaths: list[str], short: bool = False) -> list[nodes.Node]:
    """Links to exported files in HTML; their names in other formats (PDF).

    ``short`` labels each link with its format (PNG, CSV...) instead of its name.
    """
    out: list[nodes.Node] = []
    prefix = _download_prefix(app, fromdoc) if app.builder.format == "html" else None
    for i, relpath in enumerate(relpaths):
        if i:
            out.append(nodes.Text(" · " if short else ", "))
        name = relpath.rsplit("/", 1)[-1]
        text = name.rsplit(".", 1)[-1].upper() if short else name
        if prefix is None:
            out.append(nodes.literal(text, text))
        else:
            link = nodes.reference(text, "", refuri=prefix + relpath, internal=False)
            link += nodes.literal(text, text) if not short else nodes.Text(text)
            out.append(link)
    return out


def _row(cells: list[list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        para = nodes.paragraph()
        para.extend(content)
        entry += para
        row += entry
    return row


def _table(header: list[str], rows: list[list[list[nodes.Node]]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["colwidths-given", "longtable", "registry"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([[nodes.Text(h)] for h in header])
    group += head
    body = nodes.tbody()
    body.extend(_row(r) for r in rows)
    group += body
    return table


def _figure_files(item: dict) -> list[str]:
    if item["kind"] == "figure":
        return [f"figures/{item['label']}.{ext}" for ext in FIGURE_FILES]
    return [f"tables/{item['label']}.csv"]


def report_title(config) -> str:
    """The book's title (Jupyter Book sets ``html_title`` from ``title``)."""
    return config.html_title or config.project


def citation_lead(config) -> str:
    """Author, year and title: the start of every suggested citation."""
    return f"{config.author} ({config.copyright}). {report_title(config)}. "


def citation_text(config, item: dict) -> str:
    """The suggested citation of one figure or table."""
    return f"{citation_lead(config)}{PREFIX[item['kind']]} {item['number']}: {item['caption']}"


class ResolveRegistry(SphinxPostTransform):
    """Fill the placeholders, before cross-references are resolved."""

    default_priority = 5  # Sphinx's ReferencesResolver runs at 10.

    def run(self, **kwargs) -> None:
        fromdoc = self.env.docname
        for node in list(self.document.findall(registry_placeholder)):
            if isinstance(node.parent, nodes.table):  # captioned: fill the numbered table
                table = node.parent
                filled = self._registry(node, fromdoc)
                table.replace(node, filled.children[0])
                table["classes"] += filled["classes"]
            else:
                node.replace_self(self._registry(node, fromdoc))
        for node in list(self.document.findall(files_placeholder)):
            node.replace_self(self._files(node, fromdoc))

    def _registry(self, node, fromdoc: str) -> nodes.Node:
        items = [i for i in registry(self.env) if node["kind"] in (None, i["kind"])]
        app = self.app
        if node["citations"]:
            listing = nodes.bullet_list()
            for item in items:
                number = _numref(item["label"], fromdoc, PREFIX[item["kind"]] + " {number}")
                para = nodes.paragraph()
                para += nodes.Text(citation_lead(self.config))
                para += number
                para += nodes.Text(f": {item['caption']}")
                listing += nodes.list_item("", para)
            return listing
        rows = []
        for item in items:
            notebook = item["notebook"].rsplit("/", 1)[-1]
            # Link only what the build exported (a table typed in Markdown,
            # like this registry, has no CSV).
            build_dir = Path(app.outdir).parent
            files = [f for f in _figure_files(item) if (build_dir / f).is_file()]
            where: list[nodes.Node] = [nodes.literal(notebook, notebook)]
            if app.builder.format == "html" and files:  # the PDF has no files to link to
                where += [nodes.Text(" — ")] + _file_nodes(app, fromdoc, files, short=True)
            rows.append([[_numref(item["label"], fromdoc)], [nodes.Text(item["caption"])], where])
        return _table(["Number", "Caption", "Notebook and files"], rows, [11, 62, 27])

    def _files(self, node, fromdoc: str) -> nodes.Node:
        folder = Path(self.app.outdir).parent / node["folder"]
        names = sorted(p.name for p in folder.glob("*") if p.is_file() and fnmatch.fnmatch(p.name, node["pattern"]))
        if not names:
            logger.warning(
                "no files matching %r in _build/%s: did the chapter run?",
                node["pattern"],
                node["folder"],
                location=node,
            )
            return nodes.paragraph()
        para = nodes.paragraph()
        if node["label"]:
            para += nodes.strong(node["label"], node["label"])
            para += nodes.Text(" ")
        prefix = "" if node["folder"] in ("", ".") else node["folder"] + "/"
        para.extend(_file_nodes(self.app, fromdoc, [prefix + n for n in names]))
        return para


# Build end: sidecars and downloads -----------------------------------------


def _commit(srcdir: Path) -> str:
    """The commit the book is built from (``+dirty`` when the tree has changes)."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty=+dirty", "--abbrev=12"],
            cwd=srcdir,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_sidecars(app, build_dir: Path) -> int:
    """Complete each figure's JSON sidecar with what only the build knows."""
    commit = _commit(Path(app.srcdir))
    count = 0
    for item in registry(app.env):
        if item["kind"] != "figure":
            continue
        path = build_dir / "figures" / f"{item['label']}.json"
        if not path.is_file():
            logger.warning(
                "figure %r has no exported files in _build/figures: is it drawn through helpers.figures.publish?",
                item["label"],
                location=item["docname"],
            )
            continue
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        sidecar.update(
            {
                "number": item["number"],
                "caption": item["caption"],
                "chapter": item["chapter"],
                "notebook": item["notebook"],
                "page": f"{item['docname']}.html#{item['labelid']}",
                "suggested_citation": citation_text(app.config, item),
                "commit": commit,
            }
        )
        path.write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        count += 1
    return count


def remove_stale_figures(app, build_dir: Path) -> list[str]:
    """Delete the exports of figures no longer in the book (renamed or moved); return their labels.

    A chapter writes its figures when it runs; one that is not re-executed
    leaves its files as they are, so a figure's old name would stay in
    ``_build/figures`` (and in the downloads) after a rename.
    """
    current = {item["label"] for item in registry(app.env) if item["kind"] == "figure"}
    stale = sorted(p.stem for p in (build_dir / "figures").glob("fig-*.json") if p.stem not in current)
    for label in stale:
        for ext in FIGURE_FILES:
            (build_dir / "figures" / f"{label}.{ext}").unlink(missing_ok=True)
    return stale


def copy_downloads(build_dir: Path, outdir: Path) -> None:
    """Copy the exports into the HTML site, replacing any older copy."""
    target = outdir / DOWNLOADS
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for folder in EXPORT_FOLDERS:
        if (build_dir / folder).is_dir():
            shutil.copytree(build_dir / folder, target / folder)
    for pattern in EXPORT_FILES:
        for path in sorted(build_dir.glob(pattern)):
            shutil.copy2(path, target / path.name)


def on_build_finished(app, exception) -> None:
    if exception is not None:
        return
    build_dir = Path(app.outdir).parent
    # Both builders complete the sidecars: a chapter re-executed by either
    # build rewrites its figures' partial sidecars.
    write_sidecars(app, build_dir)
    for label in remove_stale_figures(app, build_dir):
        logger.info("removed the exports of %s, a figure no longer in the book", label)
    if app.builder.format == "html":
        copy_downloads(build_dir, Path(app.outdir))


def setup(app):
    app.add_node(registry_placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_node(files_placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("figures-and-tables", FiguresAndTables)
    app.add_directive("build-files", BuildFiles)
    app.add_post_transform(ResolveRegistry)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
