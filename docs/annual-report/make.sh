#!/usr/bin/env bash
# Makes the sample annual report in this folder from the fictional demo council:
# aarsrapport-udsatteraadet-2026.docx and .html, and a picture of the HTML's first page (Debian's chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
cd "$here/../.."
cli=(dotnet run --project src/Protokol.Cli --)
"${cli[@]}" --data-dir "$data" demo >/dev/null
"${cli[@]}" --data-dir "$data" report annual --org udsatteraadet --year 2026 \
  --foreword "$here/foreword.txt" --recommendations "$here/recommendations.txt" \
  --out "$here/aarsrapport-udsatteraadet-2026.docx" "$here/aarsrapport-udsatteraadet-2026.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1400 \
  --screenshot="$here/aarsrapport-first-page.png" "file://$here/aarsrapport-udsatteraadet-2026.html" 2>/dev/null
echo "wrote $here/aarsrapport-first-page.png"
