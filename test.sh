#!/usr/bin/env bash
# Runs every test of Protokol: unit tests, SQLite and PostgreSQL integration tests, the web tests
# (in-process and in Debian's Chromium). Installs what a fresh Debian machine lacks (PostgreSQL,
# Chromium, fonts, python3, npm, tesseract-ocr with Danish, poppler-utils) when run as root.
# Ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)   # PDFs made by the import tests
command -v python3 >/dev/null || missing+=(python3)                                        # the corpus scorer
[ -x /usr/bin/chromium ] || missing+=(chromium)                                             # browser tests (never a downloaded browser)
command -v npm >/dev/null || missing+=(nodejs npm)                                          # the build installs the design system dkfds
command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx dan || missing+=(tesseract-ocr tesseract-ocr-dan)  # OCR of scanned PDFs
command -v pdftoppm >/dev/null || missing+=(poppler-utils)                                  # renders scanned PDF pages for OCR
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "could not install ${missing[*]}"; echo "tests: 0 passed, 1 failed"; exit 1; }
  else
    echo "missing ${missing[*]}: install with 'sudo apt-get install -y ${missing[*]}' (or set PROTOKOL_TEST_POSTGRES to a server of your own)"
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Protokol.slnx --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    62, Skipped: …".
read -r passed failed < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "the test run failed before reporting results (build error?)"
  failed=1
fi
echo "tests: $passed passed, $failed failed"
exit "$rc"
