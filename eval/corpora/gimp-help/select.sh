#!/usr/bin/env bash
# Re-create corpus/ for the gimp-help evaluation corpus from the extracted Debian package gimp-help-fr.
# Usage: select.sh [PACKAGE_ROOT]   (default /tmp/pkgs/gimp-help-fr)
#
# Selection rule (fixed, reproducible):
#   1. candidate pages: usr/share/gimp/2.0/help/fr/*.html whose name starts with one of
#      gimp-tool- gimp-filter- plug-in- script-fu- gimp-using- gimp-concepts- gimp-image-
#      gimp-tutorial- gimp-layer- gimp-selection- gimp-introduction-history-
#      (task, tool, filter and concept pages; section overviews gimp-tools-*, gimp-filters-*,
#      menus, index, glossary, licence pages are therefore excluded);
#   2. visible text (HTML tags stripped, <title>/<style>/<script> dropped, whitespace collapsed)
#      between 2000 and 15000 bytes (UTF-8);
#   3. mostly French: among a fixed set of English and French stop words, English ones
#      make up at most 5 % (the package leaves many paragraphs untranslated);
#   4. sort the survivors by sha256(file name) and keep the first 30.
# Files are copied byte for byte, as shipped (navigation header/footer included).
set -euo pipefail
ROOT="${1:-/tmp/pkgs/gimp-help-fr}"
HELP="$ROOT/usr/share/gimp/2.0/help/fr"
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/corpus"
[ -d "$HELP" ] || { echo "no help pages under $HELP" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

python3 - "$HELP" <<'PY' | while read -r f; do cp -p "$HELP/$f" "$OUT/$f"; done
import hashlib, html.parser, os, re, sys
help_dir = sys.argv[1]
PREFIXES = ("gimp-tool-", "gimp-filter-", "plug-in-", "script-fu-", "gimp-using-",
            "gimp-concepts-", "gimp-image-", "gimp-tutorial-", "gimp-layer-",
            "gimp-selection-", "gimp-introduction-history-")
EN = set("the of and to is you are this that with can be it for by which will your on".split())
FR = set("le la les de des du et est vous un une pour avec dans sur qui que ce cette pas par".split())
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.parts = []; self.skip = 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"): self.skip += 1
    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"): self.skip -= 1
    def handle_data(self, data):
        if not self.skip: self.parts.append(data)
keep = []
for name in sorted(os.listdir(help_dir)):
    if not name.endswith(".html") or not name.startswith(PREFIXES):
        continue
    if not re.fullmatch(r"[a-z0-9._-]+", name):
        continue
    p = Text(); p.feed(open(os.path.join(help_dir, name), encoding="utf-8").read())
    text = re.sub(r"\s+", " ", " ".join(p.parts)).strip()
    size = len(text.encode("utf-8"))
    if not 2000 <= size <= 15000:
        continue
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    en = sum(w in EN for w in words); fr = sum(w in FR for w in words)
    if en / max(1, en + fr) > 0.05:
        continue
    keep.append(name)
keep.sort(key=lambda n: hashlib.sha256(n.encode()).hexdigest())
print("\n".join(keep[:30]))
PY

# Licence: the package's copyright file is a symlink into gimp-help-common (not shipped in
# gimp-help-fr); use it when present, otherwise take the manual's own legal notice and licence pages.
LIC="$HERE/LICENSE-gimp-help.txt"
if [ -f "$ROOT/usr/share/doc/gimp-help-fr/copyright" ]; then
  cp "$ROOT/usr/share/doc/gimp-help-fr/copyright" "$LIC"
else
  python3 - "$HELP" > "$LIC" <<'PY'
import html.parser, os, re, sys
d = sys.argv[1]
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.parts = []; self.on = 0
    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "")
        if self.on: self.on += 1
        elif tag == "div" and cls in ("legalnotice", "sect1", "appendix"): self.on = 1
        if self.on and tag in ("p", "h1", "h2", "h3", "br", "li"): self.parts.append("\n")
    def handle_endtag(self, tag):
        if self.on: self.on -= 1
    def handle_startendtag(self, tag, attrs): pass
    def handle_data(self, data):
        if self.on: self.parts.append(data)
def text(name):
    p = Text(); p.feed(open(os.path.join(d, name), encoding="utf-8").read())
    t = "".join(p.parts)
    return "\n".join(re.sub(r"[ \t\r\f\v]+", " ", l).strip() for l in t.splitlines() if l.strip())
print("GIMP User Manual (French) - Debian package gimp-help-fr")
print("Copyright (c) 2002-2023 The GIMP Documentation Team")
print("(usr/share/doc/gimp-help-fr/copyright is a symlink into gimp-help-common, absent from this package;")
print(" the text below is taken from the manual's own legal notice and licence pages.)\n")
idx = open(os.path.join(d, "index.html"), encoding="utf-8").read()
m = re.search(r'<p class="copyright">(.*?)</p>', idx, re.S)
if m: print(re.sub(r"<[^>]+>", "", m.group(1)).strip())
m = re.search(r'Permission is granted.*?</p>', idx, re.S)
if m: print(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(0))).strip(), "\n")
names = ["legal.html"] + sorted((n for n in os.listdir(d) if re.fullmatch(r"gfdl-\d+\.html", n)),
                                key=lambda n: int(re.search(r"\d+", n).group())) + ["gfdl-addendum.html"]
for n in names:
    if os.path.exists(os.path.join(d, n)):
        print(text(n)); print()
PY
fi
echo "corpus: $(ls "$OUT" | wc -l) files, $(du -sb "$OUT" | cut -f1) bytes"
