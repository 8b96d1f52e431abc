#!/usr/bin/env bash
# Copies the lilypond-doc evaluation corpus: 30 French pages of the LilyPond 2.24 documentation
# (Debian package lilypond-doc-html-fr, GFDL-1.3+), kept as shipped (texinfo HTML with navigation).
# Rule: among the *.fr.html pages of the learning, usage and web manuals (big-page files excluded),
# keep those whose main content (text between <div id="main"> and <div id="footer">, navigation
# tables left out) is 2000–15000 bytes, whose text inside <pre> (code examples) is under 25% of
# that content, and whose name does not contain index, toc, license, fdl or gpl; order them by
# sha256 of "folder/file" and take the first 30. Copies are named folder-file, with texinfo
# escapes (_002d etc.) turned into "-".
# Usage: select.sh [package root]   (default /tmp/pkgs/lilypond-doc-html-fr)
set -euo pipefail
pkg="${1:-/tmp/pkgs/lilypond-doc-html-fr}"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$here/corpus"; mkdir -p "$here/corpus"
python3 - "$pkg/usr/share/doc/lilypond/html/Documentation" "$here/corpus" <<'PY'
import sys, os, re, hashlib, shutil, html.parser
root, out = sys.argv[1], sys.argv[2]
class Main(html.parser.HTMLParser):
    # fed only the slice between <div id="main"> and <div id="footer">
    def __init__(s):
        super().__init__(convert_charrefs=True)
        s.text, s.code, s.nav, s.pre, s.skip = [], [], 0, 0, 0
    def handle_starttag(s, t, a):
        a = dict(a)
        if t in ('script', 'style'): s.skip += 1
        if t == 'pre': s.pre += 1
        if t == 'table' and a.get('class') == 'nav_table': s.nav += 1
    def handle_endtag(s, t):
        if t in ('script', 'style'): s.skip -= 1
        if t == 'pre': s.pre -= 1
        if t == 'table' and s.nav: s.nav -= 1
    def handle_data(s, d):
        if s.skip or s.nav: return
        s.text.append(d)
        if s.pre: s.code.append(d)
def squash(x): return re.sub(r'\s+', ' ', ''.join(x)).strip()
cands = []
for folder in ('learning', 'usage', 'web'):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        if not name.endswith('.fr.html') or name.endswith('-big-page.fr.html'): continue
        if re.search(r'index|toc|license|fdl|gpl', name): continue
        page = open(os.path.join(root, folder, name), encoding='utf-8').read()
        start, end = page.find('<div id="main">'), page.find('<div id="footer">')
        if start < 0 or end < start: continue
        p = Main(); p.feed(page[start:end])
        text, code = squash(p.text), squash(p.code)
        size = len(text.encode('utf-8'))
        if 2000 <= size <= 15000 and len(code) < 0.25 * len(text):
            key = hashlib.sha256(f'{folder}/{name}'.encode()).hexdigest()
            cands.append((key, folder, name))
def clean(n):
    n = re.sub(r'_00([0-9a-f]{2})', lambda m: chr(int(m.group(1), 16)) if chr(int(m.group(1), 16)).isalnum() else '-', n)
    n = re.sub(r'[^a-z0-9._-]', '-', n.lower())
    return re.sub(r'-+', '-', n)
seen = set()
for _, folder, name in sorted(cands)[:30]:
    dest = clean(f'{folder}-{name}')
    assert dest not in seen, dest
    seen.add(dest)
    shutil.copyfile(os.path.join(root, folder, name), os.path.join(out, dest))
    print(dest)
PY
cp "$pkg/usr/share/doc/lilypond-doc-html-fr/copyright" "$here/LICENSE-lilypond-doc.txt"
