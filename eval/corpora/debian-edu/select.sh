#!/bin/bash
# Re-create corpus/ from the extracted debian-edu-doc-fr package.
# Usage: select.sh [PACKAGE_ROOT]   (default /tmp/pkgs/debian-edu-doc-fr)
# The French bookworm manual (one HTML file) is split into its sections and
# each chosen section is written as a plain UTF-8 .txt file; the rule is
# documented at the top of split_manual.py.
set -euo pipefail
PKG="${1:-/tmp/pkgs/debian-edu-doc-fr}"
HERE="$(cd "$(dirname "$0")" && pwd)"
DOC="$PKG/usr/share/doc/debian-edu-doc-fr"
rm -rf "$HERE/corpus"
mkdir -p "$HERE/corpus"
python3 "$HERE/split_manual.py" "$DOC/debian-edu-bookworm-manual.html" "$HERE/corpus"
cp "$DOC/copyright" "$HERE/LICENSE-debian-edu.txt"
echo "$(ls "$HERE/corpus" | wc -l) files written to $HERE/corpus"
