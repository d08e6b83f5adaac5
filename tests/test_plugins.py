"""A rule type, an input format and a report format from another package, each one module with no
edit to contentcheck: the package declares the module under the `contentcheck.plugins` entry-point
group, as an installed distribution does, and the real command line uses all three."""

import json
import os
import subprocess
import sys
import textwrap

PLUGIN = '''
import re

from contentcheck.document import Block, BlockKind, Document
from contentcheck.registry import input_format, report_format, rule_type
from contentcheck.rule import Rule


@input_format("asciidoc", (".adoc",))
def parse_asciidoc(source, path):
    """Paragraphs between blank lines; lines starting with '=' are headings."""
    document = Document(path=path, source=source, format="asciidoc")
    start = 0
    for chunk in source.split("\\n\\n"):
        text = chunk.strip()
        if text:
            offset = source.index(text, start)
            heading = text.startswith("=")
            skip = len(text) - len(text.lstrip("= ")) if heading else 0
            block = Block(BlockKind.HEADING if heading else BlockKind.PARAGRAPH)
            block.add_verbatim(source, offset + skip, offset + len(text))
            document.blocks.append(block)
            start = offset + len(text)
    return document


@rule_type
class ShoutingRule(Rule):
    kind = "shouting"
    PLACEHOLDERS = frozenset({"match"})

    def check(self, document):
        for block in document.blocks:
            for match in re.finditer(r"\\b[A-Z]{4,}\\b", block.text):
                yield self.match_finding(block, match.start(), match.end())


@report_format("tally")
def format_tally(report, **_):
    return "".join(f"{result.path}: {len(result.findings)}\\n" for result in report.files)
'''


def make_site(tmp_path):
    site = tmp_path / "site-packages"
    (site / "acme_contentcheck-1.0.dist-info").mkdir(parents=True)
    (site / "acme_contentcheck.py").write_text(PLUGIN)
    (site / "acme_contentcheck-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-contentcheck\nVersion: 1.0\n")
    (site / "acme_contentcheck-1.0.dist-info" / "entry_points.txt").write_text(
        "[contentcheck.plugins]\nacme = acme_contentcheck\n")
    return site


def run(*args, cwd, site):
    environment = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=environment)


def test_a_plugin_package_adds_a_rule_type_an_input_format_and_a_report_format(tmp_path):
    site = make_site(tmp_path)
    project = tmp_path / "project"
    (project / "house").mkdir(parents=True)
    (project / "house" / "shouting.yaml").write_text(textwrap.dedent("""\
        extends: shouting
        category: style
        message: "'{match}' shouts; write it in lower case."
        """))
    (project / ".contentcheck.yaml").write_text("extra_packs: [house]\nselect: [house, promotional]\n")
    (project / "post.adoc").write_text("= Knee care\n\nThe best clinic. ORDER your brace TODAY.\n")
    result = run("check", ".", "--format", "json", cwd=project, site=site)  # the folder walk takes .adoc now
    [entry] = json.loads(result.stdout)["files"]
    found = [(f["rule"], f["text"], f["line"], f["column"]) for f in entry["findings"]]
    assert found == [("promotional.superlatives", "The best", 3, 1), ("house.shouting", "ORDER", 3, 18),
                     ("house.shouting", "TODAY", 3, 35)]
    assert run("check", "post.adoc", "--format", "tally", cwd=project, site=site).stdout == "post.adoc: 3\n"


def test_a_plugin_that_fails_to_load_is_a_one_line_error(tmp_path):
    site = make_site(tmp_path)
    (site / "acme_contentcheck.py").write_text("raise ImportError('acme needs a newer contentcheck')\n")
    result = run("check", ".", cwd=tmp_path, site=site)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "error: plugin 'acme' (acme_contentcheck) failed to load: ImportError: acme needs a newer contentcheck")
