#!/usr/bin/env python3
"""Convert the Asciidoctor KiCad manuals (French package) into Markdown sections
and copy a fixed selection of them into a corpus folder.

Usage: adoc2md.py PKGROOT OUTDIR [--list]
"""
import hashlib, html, os, re, sys
from html.parser import HTMLParser

VOID = {"br", "img", "col", "meta", "link", "hr", "input"}
MANUALS = ["eeschema", "pcbnew", "kicad", "getting_started_in_kicad", "pl_editor"]
MIN_BYTES, MAX_BYTES, SPLIT_BYTES = 2000, 15000, 15000
MIN_FR = 0.25        # share of French function words among FR+EN function words
MAX_TABLE = 0.60     # skip units that are mostly tables (reference tables)
TARGET = 30          # number of sections kept


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def cls(self):
        return (self.attrs.get("class") or "").split()


class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def find(node, pred):
    for c in node.children:
        if isinstance(c, Node):
            if pred(c):
                return c
            r = find(c, pred)
            if r is not None:
                return r
    return None


def ws(s):
    return re.sub(r"\s+", " ", s)


def meaningful_alt(img):
    alt = (img.attrs.get("alt") or "").strip()
    src = os.path.basename(img.attrs.get("src") or "")
    stem = re.sub(r"\.[a-z]+$", "", src)
    default = re.sub(r"[_-]+", " ", stem).strip().lower()
    if not alt or alt.lower() == default or " " not in alt:
        return ""
    return alt


def raw_text(node):
    return "".join(c if isinstance(c, str) else raw_text(c) for c in node.children)


def inline(node, in_code=False):
    out = []
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
            continue
        t = c.tag
        if t == "br":
            out.append(" ")
        elif t == "img":
            pass  # inline icons: dropped
        elif "keyseq" in c.cls():
            keys = ws(inline(c, True)).strip().replace(" + ", "+")
            out.append(keys if in_code else "`%s`" % keys)
        elif t in ("code", "kbd"):
            txt = ws(inline(c, True)).strip()
            out.append(txt if in_code or not txt else "`%s`" % txt.replace("`", "'"))
        elif t == "sup":
            out.append(inline(c, in_code))
        else:  # strong, em, a, span, b, i ...
            out.append(inline(c, in_code))
    return "".join(out)


def para(node):
    txt = ws(inline(node)).strip()
    # escape tag-like text outside code spans, as pandoc does
    parts = txt.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"<(?=[A-Za-z/!])", r"\\<", parts[i])
    return "`".join(parts)


class MD:
    def __init__(self, base_level):
        self.base = base_level  # html heading level rendered as '#'
        self.tables_chars = 0

    def blocks(self, node, indent=""):
        res, run = [], []

        def flush():
            if run:
                tmp = Node("p", {}, None)
                tmp.children = list(run)
                txt = para(tmp)
                if txt:
                    res.append(indent + txt)
                run.clear()

        for c in node.children:
            if isinstance(c, str) or (c.tag in INLINE and not has_block(c)):
                if isinstance(c, Node) and c.tag == "img" and "image" not in (c.parent.cls() if c.parent else []):
                    flush()
                    res.extend(self.block(c, indent))
                    continue
                run.append(c)
                continue
            flush()
            res.extend(self.block(c, indent))
        flush()
        return res

    def block(self, n, indent=""):
        t, cl = n.tag, n.cls()
        if t in ("h1", "h2", "h3", "h4", "h5", "h6"):
            lvl = int(t[1]) - self.base + 1
            return ["#" * max(1, min(lvl, 2)) + " " + para(n)]
        if t == "p":
            txt = para(n)
            return [indent + txt] if txt else []
        if t in ("ul", "ol"):
            return [self.lst(n, indent)]
        if t == "dl":
            items, term = [], None
            for c in n.children:
                if isinstance(c, Node) and c.tag == "dt":
                    term = para(c)
                elif isinstance(c, Node) and c.tag == "dd":
                    body = " ".join(self.blocks(c)).strip()
                    items.append(indent + "- %s : %s" % (term, body))
            return ["\n".join(items)] if items else []
        if t == "table":
            if any(x.startswith("tableblock") for x in cl):
                return [self.table(n, indent)]
            return self.blocks(n, indent)
        if t == "pre":
            code = raw_text(n).strip("\n")
            return [indent + "```\n" + code + "\n" + indent + "```"]
        if t == "img":
            alt = meaningful_alt(n)
            return [indent + "Image : " + alt] if alt else []
        if t == "div":
            if "admonitionblock" in cl:
                title = find(n, lambda x: "title" in x.cls())
                content = find(n, lambda x: x.tag == "td" and "content" in x.cls())
                label = para(title) if title else "Note"
                body = self.blocks(content) if content else []
                if body:
                    body[0] = label + " : " + body[0].lstrip()
                return [indent + b if not b.startswith(indent) else b for b in body]
            if "title" in cl:
                txt = para(n)
                return [indent + txt] if txt else []
            if "imageblock" in cl:
                res = []
                for img in iter_nodes(n, "img"):
                    res += self.block(img, indent)
                return res
            return self.blocks(n, indent)
        if t in ("blockquote", "section", "span", "li", "td", "a"):
            return self.blocks(n, indent)
        if t in ("style", "script", "colgroup", "col"):
            return []
        txt = para(n)
        return [indent + txt] if txt else []

    def lst(self, n, indent):
        lines, k = [], 0
        for li in n.children:
            if not (isinstance(li, Node) and li.tag == "li"):
                continue
            k += 1
            mark = "%d. " % k if n.tag == "ol" else "- "
            sub = self.blocks(li, indent + " " * len(mark))
            if not sub:
                continue
            first = sub[0][len(indent) + len(mark):] if sub[0].startswith(indent + " " * len(mark)) else sub[0].strip()
            lines.append(indent + mark + first)
            lines.extend(sub[1:])
        return "\n".join(lines)

    def table(self, n, indent):
        rows = []
        for tr in iter_nodes(n, "tr"):
            cells = []
            for c in tr.children:
                if isinstance(c, Node) and c.tag in ("td", "th"):
                    txt = " ".join(b.strip() for b in self.blocks(c) if b.strip())
                    txt = ws(txt.replace("```", "")).strip().replace("|", "\\|")
                    cells.append(txt)
            if cells:
                rows.append(cells)
        if not rows:
            return ""
        w = max(len(r) for r in rows)
        rows = [r + [""] * (w - len(r)) for r in rows]
        out = [indent + "| " + " | ".join(rows[0]) + " |",
               indent + "|" + "---|" * w]
        out += [indent + "| " + " | ".join(r) + " |" for r in rows[1:]]
        s = "\n".join(out)
        self.tables_chars += len(s)
        return s


INLINE = {"strong", "em", "a", "span", "code", "kbd", "b", "i", "sup", "sub", "br", "img", "u", "small", "mark"}
BLOCK = {"div", "p", "ul", "ol", "dl", "table", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def has_block(n):
    return any(isinstance(c, Node) and (c.tag in BLOCK or has_block(c)) for c in n.children)


def iter_nodes(n, tag):
    for c in n.children:
        if isinstance(c, Node):
            if c.tag == tag:
                yield c
            yield from iter_nodes(c, tag)


def render(node, base_level):
    m = MD(base_level)
    text = "\n\n".join(b for b in m.blocks(node) if b.strip())
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text, m.tables_chars


FR = set("le la les des du de est et une un pour dans sur avec qui que au aux par sont ce cette ou peut être pas vous il elle".split())
EN = set("the of and to is a in for with that are this on be can from or it you not by an".split())


def fr_share(text):
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    fr = sum(w in FR for w in words)
    en = sum(w in EN for w in words)
    return fr / max(1, fr + en)


def slug(s):
    s = s.lower()
    for a, b in (("àâä", "a"), ("éèêë", "e"), ("îï", "i"), ("ôö", "o"), ("ùûü", "u"), ("ç", "c"), ("œ", "oe")):
        for ch in a:
            s = s.replace(ch, b)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60].strip("-")


def units(path, manual):
    b = Builder()
    b.feed(open(path, encoding="utf-8").read())
    content = find(b.root, lambda x: x.attrs.get("id") == "content")
    for s1 in [c for c in content.children if isinstance(c, Node) and "sect1" in c.cls()]:
        h2 = find(s1, lambda x: x.tag == "h2")
        text, tab = render(s1, 2)
        if len(text.encode()) <= SPLIT_BYTES:
            yield manual, para(h2), text, tab
            continue
        body = find(s1, lambda x: "sectionbody" in x.cls())
        for s2 in [c for c in body.children if isinstance(c, Node) and "sect2" in c.cls()]:
            h3 = find(s2, lambda x: x.tag == "h3")
            text, tab = render(s2, 3)
            yield manual, para(h3), text, tab


def main():
    root = sys.argv[1]
    out = sys.argv[2]
    listing = "--list" in sys.argv
    helpdir = os.path.join(root, "usr/share/doc/kicad/help/fr")
    cands = []
    for man in MANUALS:
        for manual, title, text, tab in units(os.path.join(helpdir, man + ".html"), man):
            num = re.match(r"[\d.]+", title)
            name = "%s-%s.md" % (manual.replace("_", "-"), slug(title))
            size = len(text.encode())
            fr = fr_share(text)
            ok = MIN_BYTES <= size <= MAX_BYTES and tab <= MAX_TABLE * len(text)
            # mostly-French sections first (the package is largely untranslated), then sha256 order
            key = ("0" if fr >= MIN_FR else "1") + hashlib.sha256(name.encode()).hexdigest()
            cands.append((key, name, size, fr, tab / len(text), ok, text))
    chosen = sorted([c for c in cands if c[5]])[:TARGET]
    if listing:
        for c in sorted(cands, key=lambda c: c[1]):
            print("%s %-70s %6d fr=%.2f tab=%.2f %s" % ("*" if c in chosen else ("+" if c[5] else " "), c[1], c[2], c[3], c[4], c[0][:9]))
        return
    os.makedirs(out, exist_ok=True)
    for c in chosen:
        with open(os.path.join(out, c[1]), "w", encoding="utf-8") as f:
            f.write(c[6])
    print("%d sections written to %s" % (len(chosen), out))


if __name__ == "__main__":
    main()
