#!/bin/bash
# Re-create corpus/ from the extracted kicad-doc-fr package.
# Usage: select.sh [PKGROOT]   (default /tmp/pkgs/kicad-doc-fr)
# Rule (see adoc2md.py): each manual of usr/share/doc/kicad/help/fr/ is split at h2
# (or at h3 when the h2 section's Markdown exceeds 15 KB) and converted to Markdown;
# units of 2000-15000 bytes whose text is not mostly tables (<= 60 %) are candidates;
# mostly-French units (>= 25 % French function words) come first, then the rest in
# sha256(file name) order; the first 30 are kept.
set -euo pipefail
PKG="${1:-/tmp/pkgs/kicad-doc-fr}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$HERE/corpus"
mkdir -p "$HERE/corpus"
python3 "$HERE/adoc2md.py" "$PKG" "$HERE/corpus"
cp "$PKG/usr/share/doc/kicad-doc-fr/copyright" "$HERE/LICENSE-kicad-doc.txt"
