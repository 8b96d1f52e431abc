#!/usr/bin/env python3
"""Split the Debian Edu bookworm manual (single DocBook HTML file) into plain
text sections and write the selected ones as UTF-8 .txt files.

Usage: split_manual.py MANUAL.html OUTDIR [--list]

Rule (fixed, reproducible):
  * The manual is a tree of sections (h2 = chapter, h3 = section, h4 = subsection).
  * A unit is the highest-level section whose whole text (with its subsections)
    is at most 15000 bytes; a chapter bigger than that is split into its
    sections (its own introduction text becomes a unit of its own).
  * Keep units whose text is 2000..15000 bytes, drop units whose text is
    mostly command listings (<pre> more than 40 % of the bytes), and drop the
    chapters 24-27 (copyright, translations of this document, GPL licence,
    features of older releases).
  * Consecutive pieces of the same parent smaller than 2000 bytes are merged
    with the following ones (document order) until the piece reaches 2000
    bytes; the first line then holds all the merged titles joined by " ; ".
  * If more than 32 units remain, keep the 32 whose file names come first in
    sha256 order.
"""
import hashlib
import html
import re
import sys
import unicodedata
from html.parser import HTMLParser

MIN_BYTES, MAX_BYTES, MAX_FILES = 2000, 15000, 32
SKIP_CHAPTERS = {24, 25, 26, 27}
BLOCK_TAGS = {"p", "pre", "tr", "dt", "dd", "h2", "h3", "h4", "h5", "li", "table", "div", "ul", "ol", "dl"}


class Node:
    def __init__(self, level, title, parent=None):
        self.level, self.title, self.parent = level, title, parent
        self.blocks = []      # list of (kind, text); kind in text|pre|heading
        self.children = []
        self.items = []       # ordered: ("block", (kind,text)) or ("child", Node)


class Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node(1, "ROOT")
        self.cur = self.root
        self.buf = []
        self.in_pre = 0
        self.in_head = 0
        self.head_level = None
        self.head_buf = []
        self.lists = []       # stack of [type, counter]
        self.li_prefix = None
        self.row = None
        self.cell = None
        self.skip = 0         # inside <style>, <title>, toc, navheader/footer

        self.div_stack = []

    # -- helpers
    def flush(self, kind="text"):
        text = "".join(self.buf)
        self.buf = []
        if kind == "pre":
            text = text.strip("\n")
            if text.strip():
                self.add(("pre", text))
            return
        text = re.sub(r"\s+", " ", text).strip()
        if not text:
            return
        if self.li_prefix is not None:
            text = self.li_prefix + text
            self.li_prefix = None
        self.add(("text", text))

    def add(self, block):
        self.cur.items.append(("block", block))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "") or ""
        if tag == "div":
            skip = cls in ("toc", "navheader", "navfooter")
            self.div_stack.append(skip)
            if skip:
                self.skip += 1
        if tag in ("style", "title", "head"):
            self.skip += 1
        if self.skip:
            return
        if tag in ("h2", "h3", "h4", "h5") and "title" in cls.split():
            self.flush()
            self.in_head = 1
            self.head_level = int(tag[1])
            self.head_buf = []
            return
        if tag == "pre":
            self.flush()
            self.in_pre += 1
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, 0])
            return
        if tag == "li":
            self.flush()
            if self.lists:
                lst = self.lists[-1]
                lst[1] += 1
                self.li_prefix = "- " if lst[0] == "ul" else "%d. " % lst[1]
            return
        if tag == "tr":
            self.flush()
            self.row = []
            return
        if tag in ("td", "th"):
            self.cell = []
            return
        if tag == "br":
            self.buf.append("\n" if self.in_pre else " ")
            return
        if tag in BLOCK_TAGS and self.row is None:
            # a block inside a list item continues that item (same line)
            if self.li_prefix is None:
                self.flush()

    def handle_endtag(self, tag):
        if tag == "div" and self.div_stack:
            if self.div_stack.pop():
                self.skip -= 1
                return
        if tag in ("style", "title", "head"):
            self.skip -= 1
            return
        if self.skip:
            return
        if self.in_head and tag in ("h2", "h3", "h4", "h5"):
            title = re.sub(r"\s+", " ", "".join(self.head_buf)).strip()
            self.in_head = 0
            self.open_section(self.head_level, title)
            return
        if tag == "pre":
            self.in_pre -= 1
            self.flush("pre")
            return
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
            return
        if tag == "tr" and self.row is not None:
            cells = [c for c in self.row if c]
            self.row = None
            if cells:
                self.add(("text", " | ".join(cells)))
            return
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            return
        if tag == "li":
            self.flush()
            self.li_prefix = None
            return
        if tag in BLOCK_TAGS and self.row is None:
            if tag == "p" and self.li_prefix is None and self.lists and self.buf:
                # second paragraph of a list item: keep on the same line
                self.buf.append(" ")
                return
            self.flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_head:
            self.head_buf.append(data)
        elif self.cell is not None:
            self.cell.append(data)
        else:
            self.buf.append(data)

    def open_section(self, level, title):
        if title == "" :
            return
        # the first h2 is the article title
        if level == 2 and not re.match(r"^\d+\.", title):
            return
        while self.cur.level >= level:
            self.cur = self.cur.parent
        node = Node(level, title, self.cur)
        self.cur.children.append(node)
        self.cur.items.append(("child", node))
        self.cur = node

    def close(self):
        super().close()
        self.flush()


def render(node, with_title=True, own_only=False):
    """Return list of paragraphs (strings)."""
    out = []
    if with_title:
        out.append(node.title)
    group = []   # consecutive list/table lines are kept together

    def push_group():
        if group:
            out.append("\n".join(group))
            group.clear()

    for kind, item in node.items:
        if kind == "child":
            if own_only:
                continue
            push_group()
            out.extend(render(item))
        else:
            bkind, text = item
            if bkind == "text" and (re.match(r"^(- |\d+\. )", text) or " | " in text):
                group.append(text)
            else:
                push_group()
                out.append(text)
    push_group()
    return out


def pre_bytes(node, own_only=False):
    n = 0
    for kind, item in node.items:
        if kind == "child":
            if not own_only:
                n += pre_bytes(item)
        elif item[0] == "pre":
            n += len(item[1].encode("utf-8"))
    return n


def slug(title):
    m = re.match(r"^([\d.]+)\s*(.*)$", title)
    num, rest = (m.group(1), m.group(2)) if m else ("", title)
    parts = [p for p in num.split(".") if p]
    prefix = "-".join(p.zfill(2) for p in parts)
    s = unicodedata.normalize("NFKD", rest)
    s = s.encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    s = "-".join(s.split("-")[:7])
    return (prefix + "-" + s).strip("-")


def file_name(nodes):
    """Slug of the section title; for merged sections: number of the first
    and of the last section, then the words of the biggest one."""
    if len(nodes) == 1:
        return slug(nodes[0].title) + ".txt"
    def nums(node):
        m = re.match(r"^([\d.]+)", node.title)
        return [p.zfill(2) for p in m.group(1).split(".") if p] if m else []
    big = max(nodes, key=lambda n: len("\n\n".join(render(n)).encode("utf-8")))
    words = [w for w in slug(big.title).split("-") if not w.isdigit()]
    return "-".join(nums(nodes[0]) + ["to"] + nums(nodes[-1]) + words) + ".txt"


def chapter_of(node):
    m = re.match(r"^(\d+)\.", node.title)
    return int(m.group(1)) if m else 0


def units(root):
    """Return the list of pieces (title, text, size, pre) in document order."""
    res = []

    def one(node, own_only=False):
        paras = render(node, own_only=own_only)
        return dict(nodes=[node], paras=paras,
                    size=len("\n\n".join(paras).encode("utf-8")),
                    pre=pre_bytes(node, own_only))

    def walk(siblings):
        # siblings: list of unit dicts or nodes still to be expanded
        flat = []
        for node in siblings:
            if chapter_of(node) in SKIP_CHAPTERS:
                continue
            u = one(node)
            if u["size"] <= MAX_BYTES or not node.children:
                flat.append(u)
                continue
            # too big: own introduction + its sections, grouped among themselves
            sub = []
            intro = one(node, own_only=True)
            if len(intro["paras"]) > 1:
                sub.append(intro)
            sub.extend(walk_units(node.children))
            res_groups = group(sub)
            flat.append(("done", res_groups))
        return flat

    def walk_units(children):
        out = []
        for item in walk(children):
            if isinstance(item, tuple):
                out.append(item)
            else:
                out.append(item)
        return out

    def group(items):
        """Merge consecutive small pieces (< MIN_BYTES) of the same parent,
        in document order, while the merged piece stays <= MAX_BYTES."""
        done = []
        pieces = []
        for it in items:
            if isinstance(it, tuple):
                done_flush(pieces, done)
                pieces = []
                done.extend(it[1])
            elif it["pre"] > 0.4 * it["size"]:
                # mostly a command listing: never used
                continue
            else:
                pieces.append(it)
        done_flush(pieces, done)
        return done

    def done_flush(pieces, done):
        cur = None
        for p in pieces:
            if cur is None:
                cur = dict(nodes=list(p["nodes"]), paras=list(p["paras"]),
                           size=p["size"], pre=p["pre"])
            elif cur["size"] < MIN_BYTES and cur["size"] + p["size"] + 2 <= MAX_BYTES:
                cur["nodes"] += p["nodes"]
                cur["paras"] += p["paras"]
                cur["size"] += p["size"] + 2
                cur["pre"] += p["pre"]
            else:
                done.append(cur)
                cur = dict(nodes=list(p["nodes"]), paras=list(p["paras"]),
                           size=p["size"], pre=p["pre"])
        if cur is not None:
            done.append(cur)

    for g in group(walk(root.children)):
        titles = [n.title for n in g["nodes"]]
        paras = g["paras"]
        if len(titles) > 1:
            paras = [" ; ".join(titles)] + paras[1:]
        text = "\n\n".join(paras)
        res.append((g["nodes"], text, len(text.encode("utf-8")), g["pre"]))
    return res


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv
    p = Parser()
    with open(src, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    chosen = []
    for nodes, text, size, pre in units(p.root):
        name = file_name(nodes)
        ok = MIN_BYTES <= size <= MAX_BYTES and pre <= 0.4 * size
        if listing:
            print("%s %6d pre=%5d %s" % ("+" if ok else " ", size, pre, name))
        if ok:
            chosen.append((name, text))
    if len(chosen) > MAX_FILES:
        chosen.sort(key=lambda x: hashlib.sha256(x[0].encode()).hexdigest())
        chosen = chosen[:MAX_FILES]
    if listing:
        print(len(chosen), "chosen")
        return
    import os
    os.makedirs(outdir, exist_ok=True)
    for name, text in sorted(chosen):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text.rstrip() + "\n")


if __name__ == "__main__":
    main()
