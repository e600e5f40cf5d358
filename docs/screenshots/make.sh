#!/usr/bin/env bash
# Makes the portal screenshots in this folder: the front page, a meeting and a person, at desktop
# (1280 px) and phone (390 px) width, from the demo council in a fresh SQLite database, served with
# the fictional municipality's name, logo and colour. Needs Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
data=$(mktemp -d)
port=5097
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build src/Protokol.Web -v q --nologo >/dev/null
dotnet run --no-build --project src/Protokol.Web -- --urls "http://127.0.0.1:$port" \
  --Protokol:DataDirectory="$data" --Protokol:Site:Name="Havnby Kommune" \
  --Protokol:Site:LogoUrl=/img/havnby.svg --Protokol:Site:AccentColor="#1c5a7d" >"$data/portal.log" 2>&1 &
pid=$!
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 1; done

base="http://127.0.0.1:$port"
meeting=$(curl -fs "$base/raad/udsatteraadet" | grep -o 'href="/moeder/[0-9]*"' | head -1 | cut -d'"' -f2)
person=$(curl -fs "$base$meeting" | grep -o 'href="/personer/[0-9]*"' | head -1 | cut -d'"' -f2)
shoot() { # name path width height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$out/$1.png" "$base$2" 2>/dev/null
  echo "$out/$1.png  $2 at $3 px"
}
shoot front-desktop / 1280 1100
shoot front-phone / 390 1500
shoot meeting-desktop "$meeting" 1280 1800
shoot meeting-phone "$meeting" 390 2400
shoot person-desktop "$person" 1280 1200
shoot person-phone "$person" 390 1800

# The back office (signed in): the dashboard, the agenda builder and the minutes workspace, taken by
# the browser test that uses the forms first.
kill "$pid" 2>/dev/null || true
PROTOKOL_SCREENSHOTS="$PWD/$out" dotnet test tests/Protokol.Web.Tests --filter "FullyQualifiedName~BackOfficeScreenshots" -v q --nologo >/dev/null
for f in admin-dashboard admin-agenda admin-minutes; do echo "$out/$f-desktop.png  $out/$f-phone.png"; done
