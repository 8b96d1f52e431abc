#!/usr/bin/env bash
# Copies the evaluation's second corpus: 26 pages of LibreOffice's French help (Debian package
# libreoffice-help-fr, MPL-2.0), chosen once by a fixed hash order among the guide pages of four
# modules that are 3–12 KB long. Run as root on Debian: apt-get install -y libreoffice-help-fr.
set -euo pipefail
cd "$(dirname "$0")"
help=/usr/share/libreoffice/help/fr/text
for module in shared swriter scalc simpress; do
  find "$help/$module/guide" -name '*.html' -size +3k -size -12k -printf '%f\n' |
    while read -r name; do printf '%s %s\n' "$(printf '%s/%s' "$module" "$name" | sha256sum | cut -c1-16)" "$name"; done |
    sort | head -n "$([ "$module" = shared ] && echo 8 || echo 6)" |
    while read -r _ name; do cp "$help/$module/guide/$name" "corpus/$module-$name"; done
done
cp /usr/share/doc/libreoffice-help-fr/copyright LICENSE-libreoffice-help.txt
