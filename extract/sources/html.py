"""A saved news page → title, publication date and article body (without the page furniture).

Half-spaces (ZWNJ) are kept: the text is taken from the tree as written. Rules of what is
furniture live in ``rules/html.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from extract.ruledata import Strict, load
from extract.sources.decode import Reason


class HtmlRules(Strict):
    drop_tags: list[str]
    noise_markers: list[str]
    body_selectors: list[str]
    furniture_lines: list[str]


RULES = load("html", HtmlRules)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "li", "blockquote", "tr", "div", "section", "br"}
_NOISE_XPATH = " | ".join(
    f"//*[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{m}') "
    f"or contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{m}')]"
    for m in RULES.noise_markers
)
_DATE_META = [
    "meta[property='article:published_time']::attr(content)",
    "meta[itemprop='datePublished']::attr(content)",
    "meta[name='date']::attr(content)",
    "meta[property='og:published_time']::attr(content)",
    "[itemprop='datePublished']::attr(datetime)",
    "time::attr(datetime)",
]


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    url: str | None
    published: str | None


def _clean(s: str | None) -> str | None:
    if not s:
        return None
    s = _SPACES.sub(" ", s).strip()
    return s or None


def _lines(el) -> list[str]:
    """Text of an element, one line per block element, table cells joined by ' | '."""
    out: list[str] = []
    buf: list[str] = []

    def flush():
        line = _clean("".join(buf))
        if line:
            out.append(line)
        buf.clear()

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "tr":
            flush()
            cells = [_clean(c.xpath("string()")) for c in node if isinstance(c.tag, str) and c.tag in ("td", "th")]
            line = " | ".join(c for c in cells if c)
            if line:
                out.append(line)
            if node.tail:
                buf.append(node.tail)
            return
        if tag in _BLOCKS:
            flush()
        if node.text and tag:
            buf.append(node.text)
        for child in node:
            walk(child)
        if tag in _BLOCKS:
            flush()
        if node.tail:
            buf.append(node.tail)

    walk(el)
    flush()
    return out


def _is_furniture(line: str) -> bool:
    return any(line.startswith(f) for f in RULES.furniture_lines)


def html_document(html: str) -> Page | Reason:
    """Title, date and body of one page, or the reason there is none."""
    try:
        sel = Selector(text=html)
    except (ValueError, etree.ParserError) as exc:
        return Reason(f"unreadable HTML: {exc}")
    title = (
        _clean(sel.css("meta[property='og:title']::attr(content)").get())
        or _clean(sel.css("h1").xpath("string()").get())
        or _clean(sel.css("title::text").get())
    )
    url = _clean(sel.css("link[rel=canonical]::attr(href)").get() or sel.css("meta[property='og:url']::attr(content)").get())
    published = next((v for q in _DATE_META if (v := _clean(sel.css(q).get()))), None)
    if published is None:
        published = _visible_date(sel)
    root = sel.root
    for bad in root.xpath(" | ".join(f"//{t}" for t in RULES.drop_tags)) + root.xpath(_NOISE_XPATH):
        if bad.getparent() is not None and bad is not root:
            bad.getparent().remove(bad)
    body = next((found[0].root for q in RULES.body_selectors if (found := Selector(root=root).css(q))), None)
    if body is None:
        body = _densest(root)
    if body is None:
        return Reason("no article text in the page")
    lines = [ln for ln in _lines(body) if not _is_furniture(ln)]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    text = "\n\n".join(([title] if title else []) + lines)
    if not lines:
        return Reason("no article text in the page")
    return Page(text, title, url, published)


def _densest(root):
    """The element holding the most paragraph text (for pages with no known body container)."""
    best, best_len = None, 0
    for parent in {p.getparent() for p in root.iter("p") if p.getparent() is not None}:
        size = sum(len(p.xpath("string()")) for p in parent.iter("p"))
        if size > best_len:
            best, best_len = parent, size
    if best is None:
        bodies = root.xpath("//body")
        return bodies[0] if bodies else None
    return best


def _visible_date(sel: Selector) -> str | None:
    """A Jalali date printed near the headline («۲ اسفند ۱۴۰۲ - ۱۰:۳۶»)."""
    from extract.dates import find_dates
    from extract.normalize import normalize

    for q in ("[class*=date]", "[class*=time]", "time", "[class*=Date]"):
        for node in sel.css(q):
            raw = _clean(node.xpath("string()").get())
            if raw and find_dates(normalize(raw).text):
                return raw
    return None
