"""The review report for editors: one self-contained HTML file (no network) with, per article, the
verdict, counts, readability against the target, disclaimer and disclosure status, the text with
every finding highlighted in place, a list of findings that jumps to each, and the claims register.
Folders get an index with a filter; articles are collapsible sections so hundreds stay usable."""

from __future__ import annotations

import html
import re
from collections import Counter
from itertools import pairwise

from ..finding import CATEGORIES, SEVERITY_RANK
from ..parsers.markdown import front_matter_end
from ..registry import format_for, format_of_text, report_format
from ..report import FileResult, Report, counted
from ..version import __version__

COLOURS = {"duplicate": "#ffd8a8", "promotional": "#ffc9c9", "claim": "#d0bfff", "disclaimer": "#a5d8ff",
           "disclosure": "#99e9f2", "readability": "#ffec99", "grammar": "#b2f2bb", "style": "#ced4da"}
VERDICT_CLASS = {"ready": "ok", "needs changes": "warn", "blocked": "bad"}

STYLE = """
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#212529;background:#f8f9fa}
header.top{background:#343a40;color:#fff;padding:12px 16px} header.top h1{margin:0;font-size:20px}
main{padding:12px 16px;max-width:1200px} table{border-collapse:collapse;width:100%;background:#fff;margin:0}
.scroll{overflow-x:auto;margin:8px 0}
th,td{border:1px solid #dee2e6;padding:4px 8px;text-align:left;vertical-align:top} th{background:#f1f3f5}
.verdict{font-weight:600;padding:2px 8px;border-radius:10px}
.ok{background:#d3f9d8}.warn{background:#fff3bf}.bad{background:#ffc9c9}
details.article{background:#fff;border:1px solid #dee2e6;border-radius:6px;margin:12px 0;padding:8px 12px}
details.article>summary{cursor:pointer;font-size:17px;font-weight:600;overflow-wrap:anywhere}
.source{white-space:pre-wrap;overflow-wrap:anywhere;font:17px/1.7 Georgia,"Times New Roman",serif;background:#fff;
  border:1px solid #e9ecef;padding:12px 16px;max-width:46em}
.source.page{white-space:normal}
mark.finding{border-radius:3px;cursor:pointer;padding:0 1px;color:inherit}
mark.finding.active{outline:3px solid #e8590c}
mark.finding:focus-visible{outline:3px solid #1c7ed6}
ol.findings li{margin:4px 0} ol.findings a{text-decoration:none;color:inherit}
.rule{color:#868e96;font-size:12px;font-family:ui-monospace,monospace;margin-left:6px;overflow-wrap:anywhere}
.sev{font-size:12px;padding:0 6px;border-radius:8px;margin-right:6px}
.sev-error{background:#ffc9c9}.sev-warning{background:#fff3bf}.sev-info{background:#e9ecef}
.popup{position:fixed;max-width:min(420px,calc(100vw - 16px));background:#fff;border:1px solid #868e96;
  border-radius:6px;padding:8px 12px;box-shadow:0 4px 16px rgba(0,0,0,.2);display:none;z-index:10;font-size:14px}
.popup p{margin:4px 0}
.muted{color:#868e96} .filter{margin:8px 0;padding:6px;width:100%;max-width:420px}
.legend{display:flex;flex-wrap:wrap;gap:6px} .legend span{padding:1px 6px;border-radius:3px}
"""

SCRIPT = """
const popup=document.getElementById('popup');
function hide(){popup.style.display='none';}
function place(mark){const r=mark.getBoundingClientRect(),w=popup.offsetWidth,h=popup.offsetHeight;
  popup.style.left=Math.max(8,Math.min(r.left,window.innerWidth-w-8))+'px';
  popup.style.top=(r.bottom+6+h>window.innerHeight?Math.max(8,r.top-h-6):r.bottom+6)+'px';}
function show(mark){document.querySelectorAll('mark.active').forEach(m=>m.classList.remove('active'));
  mark.classList.add('active');popup.innerHTML=mark.dataset.info;popup.style.display='block';place(mark);}
document.addEventListener('click',e=>{const m=e.target.closest('mark.finding');if(m){show(m);e.stopPropagation();}
  else if(!e.target.closest('.popup')){hide();}});
document.addEventListener('keydown',e=>{if(e.key==='Escape'){hide();return;}
  const m=e.target.closest&&e.target.closest('mark.finding');
  if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();show(m);}});
window.addEventListener('scroll',()=>{const m=document.querySelector('mark.active');
  if(m&&popup.style.display==='block')place(m);},{passive:true});
document.querySelectorAll('a.jump').forEach(a=>a.addEventListener('click',e=>{e.preventDefault();e.stopPropagation();
  const t=document.getElementById(a.getAttribute('href').slice(1));if(!t)return;
  const m=t.closest('mark.finding')||t;const d=m.closest('details');if(d)d.open=true;
  m.scrollIntoView({block:'center'});m.focus({preventScroll:true});show(m);
  history.replaceState(null,'',a.getAttribute('href'));}));
document.querySelectorAll('table.index a').forEach(a=>a.addEventListener('click',()=>{
  const d=document.getElementById(a.getAttribute('href').slice(1));if(d)d.open=true;}));
const filter=document.getElementById('filter');
if(filter){filter.addEventListener('input',()=>{const q=filter.value.toLowerCase().trim();
  document.querySelectorAll('[data-search]').forEach(el=>{el.style.display=!q||el.dataset.search.includes(q)?'':'none';});});}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|section|article|header|footer|nav|aside|main|br|hr|"
                        r"tr|table|blockquote|figure|figcaption|title|pre)\b", re.IGNORECASE)
_RAW_TEXT = ("script", "style")  # elements whose content is code, not text


def _markup(source: str) -> list[tuple[int, int, str]]:
    """(start, end, what to show instead) for each piece of HTML markup: tags, comments and the
    content of scripts and styles show as nothing, a block tag as a line break. One pass with
    str.find, so an unclosed comment or tag costs no more than the rest of the file."""
    lowered, found, position = source.lower(), [], 0
    while (start := source.find("<", position)) >= 0:
        if source.startswith("<!--", start):
            close = source.find("-->", start + 4)
            end = len(source) if close < 0 else close + 3
        else:
            close = source.find(">", start + 1)
            if close < 0:
                break  # a lone "<" and what follows are text
            end = close + 1
            name = next((n for n in _RAW_TEXT if lowered.startswith("<" + n, start)), None)
            if name:
                closing = lowered.find(f"</{name}", end)
                end = len(source) if closing < 0 else (source.find(">", closing) + 1 or len(source))
        found.append((start, end, "<br>" if _BLOCK_TAG.match(source, start) else ""))
        position = end
    return found


_MARKDOWN_MARKUP = re.compile(
    r"^#{1,6}[ \t]+|^[ \t]*#{1,6}[ \t]*$"  # a heading's hashes
    r"|\*\*|__"  # strong emphasis
    r"|!?\[(?=[^\]\n]{0,300}\]\([^)\s]{0,2000}\))"  # the opening bracket of a link or image ...
    r"|\]\([^)\s]{0,2000}\)"  # ... and its target
    r"|<!--[^\n]{0,2000}?-->", re.MULTILINE)


def _markdown_markup(source: str) -> list[tuple[int, int, str]]:
    """(start, end, "") for Markdown's own marks (front matter, heading hashes, ** and __, a link's
    brackets and target), so the text reads as prose; list markers and line breaks stay."""
    body = front_matter_end(source)
    found = [(0, body, "")] if body else []
    found += [(m.start(), m.end(), "") for m in _MARKDOWN_MARKUP.finditer(source, body) if m.end() > m.start()]
    return found


def _is_html(result: FileResult) -> bool:
    return result.path.lower().endswith((".html", ".htm")) or format_of_text(result.source) == "html"


def _highlighted_source(result: FileResult, file_index: int) -> str:
    """The text with each finding wrapped in <mark>; overlapping findings split into segments. An HTML
    page shows as its text: its markup is left out, its block tags break lines; Markdown without its
    front matter, heading hashes, emphasis marks and link targets."""
    source = result.source
    markdown = format_for(result.path) == "markdown"
    hidden = _markup(source) if _is_html(result) else _markdown_markup(source) if markdown else []
    spans = [(*f.span, i, f) for i, f in enumerate(result.findings) if f.span and f.span[1] > f.span[0]]
    cuts = sorted({0, len(source)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans}
                  | {s for s, _, _ in hidden} | {e for _, e, _ in hidden})
    starts = {start: replacement for start, _, replacement in hidden}
    out, anchored, broke = [], set(), True
    hidden_at = iter(hidden)
    current = next(hidden_at, None)
    for left, right in pairwise(cuts):
        while current is not None and current[1] <= left:
            current = next(hidden_at, None)
        if current is not None and current[0] <= left < current[1]:
            if left == current[0] and starts[left] and not broke:
                out.append(starts[left])  # one line break where a block of the page ends or starts
                broke = True
            text = ""
        else:
            text = source[left:right]
        piece = _e(html.unescape(text)) if hidden and not markdown else _e(text)
        broke = broke and not text.strip()
        covering = [(i, f) for s, e, i, f in spans if s <= left and right <= e]
        starting = [i for i, _ in covering if i not in anchored]
        if not covering or (not piece and not starting):
            out.append(piece)
            continue
        # painted in the colour of what matters most there: the most severe finding, and a claim or
        # promotion over the readability or style finding of the same sentence
        finding = max((f for _, f in covering), key=lambda f: (SEVERITY_RANK[f.severity],
                                                                f.category not in ("readability", "style")))
        info = "".join(f"<p><span class='sev sev-{_e(f.severity)}'>{_e(f.severity)}</span>{_e(f.message)}"
                       + (f"<br><i>Suggestion:</i> {_e(f.suggestion)}" if f.suggestion else "")
                       + f"<span class='rule'>{_e(f.rule)}</span></p>" for _, f in covering)
        # every finding gets a target where its text starts, even when another starts at the same
        # character (the mark can carry one id; the others are empty spans inside it)
        anchored.update(starting)
        anchor = f' id="f{file_index}-{starting[0]}"' if starting else ""
        extra = "".join(f'<span id="f{file_index}-{i}"></span>' for i in starting[1:])
        out.append(f'<mark class="finding cat-{_e(finding.category)}"{anchor} data-info="{_e(info)}" tabindex="0" '
                   f'role="button" aria-label="{_e(finding.message)}">{extra}{piece}</mark>')
    return "".join(out)


def _search_words(result: FileResult) -> str:
    """What the filter matches for a file: its path, verdict, and its findings' categories, rules and
    severities ("promotional", "claims.unsupported", "error")."""
    words = {result.path, result.verdict} | {w for f in result.findings for w in (f.category, f.rule, f.severity)}
    return " ".join(sorted(words)).lower()


def _article(result: FileResult, file_index: int, open_: bool) -> str:
    verdict = result.verdict
    parts = [f'<details class="article" id="file{file_index}" data-search="{_e(_search_words(result))}"'
             f'{" open" if open_ else ""}>',
             f'<summary>{_e(result.path)} '
             f'<span class="verdict {VERDICT_CLASS[verdict]}">{_e(verdict)}</span></summary>']
    if result.error:
        parts.append(f"<p class='bad'>Could not be checked: {_e(result.error)}</p></details>")
        return "".join(parts)
    by_category = Counter(f.category for f in result.findings)
    by_severity = Counter(f.severity for f in result.findings)
    parts.append("<div class='scroll'><table class='counts'><tr><th>category</th>"
                 + "".join(f"<th>{c}</th>" for c in CATEGORIES) + "</tr><tr><td>findings</td>"
                 + "".join(f"<td>{by_category.get(c, 0)}</td>" for c in CATEGORIES) + "</tr></table></div>")
    parts.append(f"<p>{counted(by_severity.get('error', 0), 'error')}, "
                 f"{counted(by_severity.get('warning', 0), 'warning')}, "
                 f"{counted(by_severity.get('info', 0), 'info')}.</p>")
    metrics, facts = result.metrics, result.facts
    # the target a document-level readability finding measured the grade against, if one did
    grade = next((f.extra["target"] for f in result.findings
                  if f.category == "readability" and f.start is None and "target" in f.extra), None)
    if metrics.get("words"):
        parts.append("<div class='scroll'><table class='readability'><tr><th>words</th><th>sentences</th>"
                     "<th>consensus grade</th>"
                     "<th>Flesch-Kincaid</th><th>SMOG</th><th>reading ease</th><th>target</th></tr>"
                     f"<tr><td>{_e(metrics['words'])}</td><td>{_e(metrics['sentences'])}</td><td>{_e(metrics['consensus_grade'])}</td>"
                     f"<td>{_e(metrics['flesch_kincaid_grade'])}</td><td>{_e(metrics['smog'])}</td>"
                     f"<td>{_e(metrics['flesch_reading_ease'])}</td>"
                     f"<td>{_e(grade if grade is not None else 'met')}</td></tr></table></div>")

    def status(key, yes, no):
        return _e("not checked" if key not in facts else (yes if facts[key] else no))

    genre = facts.get("genre")
    evidence = "; ".join(facts.get("genre_evidence") or [])
    parts.append(f"<p>Genre: {_e(genre or 'not known')}{_e(f' ({evidence})') if genre and evidence else ''}. "
                 f"Written for: {_e(facts.get('audience', 'patients'))}."
                 + (f" Published by a public body ({_e('; '.join(facts.get('publisher_evidence') or []))})."
                    if facts.get("publisher") else "") + "</p>")
    parts.append(f"<p>Health content: {status('health_content', 'yes', 'no')}. "
                 f"Medical disclaimer: {status('disclaimer', 'present', 'missing')}. "
                 f"Promoted brand: {_e(facts.get('promoted_brand') or 'none found')}; "
                 f"disclosure: {status('disclosure', 'present', 'none')}.</p>")
    if result.findings:
        parts.append("<h3>Findings</h3><ol class='findings'>")
        for i, f in enumerate(result.findings):
            target = f"#f{file_index}-{i}" if f.span and f.span[1] > f.span[0] else None
            label = (f"<span class='sev sev-{_e(f.severity)}'>{_e(f.severity)}</span>{_e(f.message)}"
                     f"<span class='rule'>{_e(f.rule)} · line {_e(f.line)}</span>")
            search = _e(f"{f.category} {f.rule} {f.severity} {f.message}".lower())
            parts.append(f"<li data-search='{search}'>" + (f"<a class='jump' href='{target}'>{label}</a>" if target
                                                          else label) + "</li>")
        parts.append("</ol>")
    if result.claims:
        parts.append("<h3>Claims register</h3><div class='scroll'><table class='claims'><tr><th>line</th>"
                     "<th>claim</th><th>strength</th>"
                     "<th>support</th><th>reference</th></tr>")
        for claim in result.claims:
            parts.append(f"<tr><td>{_e(claim['line'])}</td><td>{_e(claim['text'])}</td><td>{_e(claim['strength'])}</td>"
                         f"<td>{_e(claim['support'])}</td><td>{_e('; '.join(claim['references']) or '—')}</td></tr>")
        parts.append("</table></div>")
    kind = "source page" if _is_html(result) else "source"
    parts.append(f"<h3>Text</h3><div class='{kind}'>{_highlighted_source(result, file_index)}</div></details>")
    return "".join(parts)


@report_format("html")
def format_html(report: Report, **_: object) -> str:
    summary = report.summary()
    colours = "".join(f"mark.cat-{c}{{background:{colour}}}" for c, colour in COLOURS.items())
    legend = "".join(f"<span class='cat-{c}' style='background:{COLOURS[c]}'>{c}</span>" for c in CATEGORIES)
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           f"<title>contentcheck review: {counted(summary['files'], 'file')}</title><style>{STYLE}{colours}</style>"
           "</head><body>",
           f"<header class='top'><h1>contentcheck review</h1><div>{counted(summary['findings'], 'finding')} "
           f"({counted(summary['errors'], 'error')}, {counted(summary['warnings'], 'warning')}, "
           f"{counted(summary['infos'], 'info')}) in {counted(summary['files'], 'file')} · contentcheck {__version__}"
           "</div></header><main>",
           f"<p class='legend'>{legend}</p>"]
    many = len(report.files) > 1
    out.append("<input id='filter' class='filter' aria-label='Filter' "
               "placeholder='Filter by file, verdict, category, rule or severity'>")
    if many:
        out.append("<div class='scroll'><table class='index'><tr><th>file</th><th>verdict</th><th>errors</th>"
                   "<th>warnings</th><th>infos</th></tr>")
        for i, result in enumerate(report.files):
            counts = Counter(f.severity for f in result.findings)
            out.append(f"<tr data-search='{_e(_search_words(result))}'>"
                       f"<td><a href='#file{i}'>{_e(result.path)}</a></td>"
                       f"<td><span class='verdict {VERDICT_CLASS[result.verdict]}'>{_e(result.verdict)}</span></td>"
                       f"<td>{counts.get('error', 0)}</td><td>{counts.get('warning', 0)}</td>"
                       f"<td>{counts.get('info', 0)}</td></tr>")
        out.append("</table></div>")
    for i, result in enumerate(report.files):
        out.append(_article(result, i, open_=not many or len(report.files) <= 3))
    for note in report.notes:
        out.append(f"<p class='muted'>note: {_e(note)}</p>")
    out.append(f"</main><div id='popup' class='popup'></div><script>{SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"
