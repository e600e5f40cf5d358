#!/usr/bin/env bash
# Reads under load while the back office saves (issue 14, item 10). For each engine (SQLite, and
# PostgreSQL on a private cluster), starts the built portal (Release) over the fictional demo
# council, loads public pages and the search with wrk (CONNECTIONS=32 for DURATION=60s: the front
# page, a meeting, a council, /soeg and /api/search in turn) while a loop signs in as a secretary
# and saves minutes again and again (every save goes through the outbox to the public pages, the page
# cache and the search index) as fast as it can: the minutes of an item of a held meeting whose
# agenda is public. Prints read p50/p99/max and errors, and the
# number of saves with their median and slowest time, with the load average (the machine may be
# shared), then one line per target and engine saying met or NOT met. Target: read p99 <= 100 ms,
# every save <= 1 s, no read errors.
# Usage: bench/load-with-writes.sh [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "$0")/.."
engines=${1:-both}
duration=${DURATION:-60s}
connections=${CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

dotnet build -c Release -v q -nologo src/Protokol.Web >/dev/null
dotnet build -c Release -v q -nologo src/Protokol.Cli >/dev/null
cli() { dotnet src/Protokol.Cli/bin/Release/net10.0/protokol.dll "$@"; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

work=$(mktemp -d)
chmod 777 "$work"
pids=()
pg_stop=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for c in "${pg_stop[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
export Logging__LogLevel__Default=Warning

# A private PostgreSQL cluster on a free loopback port; prints its connection string.
start_postgres() {
  local bin root port as=()
  bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
  root="$work/pg"
  mkdir -p "$root" && chmod 777 "$root"
  port=$(free_port)
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/log" -w start -o "-c listen_addresses=127.0.0.1 -p $port -k $root" >/dev/null
  pg_stop+=("${as[*]} $bin/pg_ctl -D $root/data -m fast -w stop")
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

# Sends the cookies we hold by hand: the sign-in cookie is Secure, and the portal runs on plain http here.
cookies=""
remember() { # headers file
  local line
  while IFS= read -r line; do
    cookies=$(python3 - "$cookies" "$line" <<'PY'
import sys
jar = dict(c.split("=", 1) for c in sys.argv[1].split("; ") if "=" in c)
name, value = sys.argv[2].split(";", 1)[0].split("=", 1)
jar[name.strip()] = value
print("; ".join(f"{k}={v}" for k, v in jar.items()))
PY
)
  done < <(grep -i '^set-cookie:' "$1" | sed -E 's/^[Ss]et-[Cc]ookie: *//; s/\r$//')
}
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed -E 's/.*value="([^"]*)"/\1/'; }

run() { # engine
  local engine=$1 data="$work/$1" port base connection=() env=()
  mkdir -p "$data"
  if [ "$engine" = postgres ]; then
    connection=(--connection "$(start_postgres)")
    env=(ConnectionStrings__Protokol="${connection[1]}" Protokol__Startup__Migrate=true)
  fi
  cli db migrate --data-dir "$data" "${connection[@]}" >/dev/null
  cli demo --data-dir "$data" "${connection[@]}" >/dev/null
  printf 'bench-password-%s\n' "$engine" >"$data/password"
  cli user add --email bench@havnby.dk --name Bench --secretary udsatteraadet --password-file "$data/password" --data-dir "$data" "${connection[@]}" >/dev/null

  port=$(free_port)
  base="http://127.0.0.1:$port"
  env "${env[@]}" Protokol__DataDirectory="$data" Protokol__Site__PublicUrl="$base" \
    dotnet src/Protokol.Web/bin/Release/net10.0/Protokol.Web.dll --urls "$base" >"$data/portal.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -s -o /dev/null "$base/" && break; sleep 1; done

  # Sign in as the council's secretary.
  cookies=""
  curl -s -D "$data/h" -o "$data/login.html" "$base/login"
  remember "$data/h"
  curl -s -D "$data/h" -o /dev/null -H "Cookie: $cookies" --data-urlencode "email=bench@havnby.dk" --data-urlencode "password=$(cat "$data/password")" \
    --data-urlencode "tilbage=/admin" --data-urlencode "__RequestVerificationToken=$(token "$data/login.html")" "$base/login"
  remember "$data/h"

  # A held meeting with a public agenda whose minutes are still open, and a public meeting to read.
  local meeting="" id public=""
  for id in $(curl -s -H "Cookie: $cookies" "$base/admin/raad/udsatteraadet" | grep -o 'href="/admin/moeder/[0-9]*"' | grep -o '[0-9]*' | sort -un); do
    curl -s -H "Cookie: $cookies" "$base/admin/moeder/$id/referat" >"$data/m.html"
    if grep -q 'id="referat-form"' "$data/m.html" && curl -s -o /dev/null -w '%{http_code}' "$base/moeder/$id" | grep -q 200; then meeting=$id; break; fi
  done
  [ -n "$meeting" ] || { echo "$engine: no held meeting with a public agenda and open minutes"; tail -5 "$data/portal.log"; return 1; }
  public=$(curl -s "$base/raad/udsatteraadet" | grep -o 'href="/moeder/[0-9]*"' | grep -o '[0-9]*' | grep -vx "$meeting" | head -1 || true)

  cat >"$data/reads.lua" <<LUA
local paths = { "/", "/moeder/${public:-$meeting}", "/raad/udsatteraadet", "/soeg?q=hjeml%C3%B8se", "/api/search?q=bolig", "/moeder/$meeting" }
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
done = function(summary, latency, requests)
  io.write(string.format("READS %d %d %.1f %.1f %.1f %d\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status))
end
LUA
  # One save: the secretary edits an item's text (its n-th version).
  save_once() { # n output-file
    local n=$1 form item version tok
    curl -s -H "Cookie: $cookies" -o "$data/edit.html" "$base/admin/moeder/$meeting/referat"
    form=$(python3 - "$data/edit.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
form = re.search(r'<form[^>]*id="referat-form"[^>]*>(.*?)</form>', html, re.S).group(1)
item = re.search(r'name="entries\[0\]\.ItemId" value="(\d+)"', form).group(1)
version = re.search(r'name="entries\[0\]\.Version" value="(\d+)"', form).group(1)
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', form).group(1)
print(item, version, token)
PY
)
    read -r item version tok <<<"$form"
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $cookies" \
      --data "entries%5B0%5D.ItemId=$item&entries%5B0%5D.Version=$version&entries%5B0%5D.Minutes=Referat+gemt+under+belastning+nummer+$n&entries%5B0%5D.Decision=Taget+til+efterretning&__RequestVerificationToken=$tok" \
      "$base/admin/moeder/$meeting/referat/minutes" >>"$2"
  }

  # Warm up, as a portal that has run a while: reads, and one save (the first after a start pays for
  # JIT and query compilation; it is reported apart, not counted against the target).
  save_once 0 "$data/cold"
  wrk -t2 -c"$connections" -d5s -s "$data/reads.lua" "$base" >/dev/null

  # The save loop: the secretary edits an item's text again and again while wrk reads.
  (
    n=0
    end=$(( $(date +%s) + ${duration%s} ))
    while [ "$(date +%s)" -lt "$end" ]; do
      n=$((n + 1))
      save_once "$n" "$data/saves"
    done
  ) &
  local saver=$!
  wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s "$data/reads.lua" "$base" >"$data/wrk.out"
  wait "$saver"

  read -r _ requests errors p50 p99 max status < <(grep '^READS' "$data/wrk.out")
  local saves failed median slowest
  saves=$(wc -l <"$data/saves")
  failed=$(awk '$1 != 302' "$data/saves" | wc -l)
  median=$(awk '{print $2}' "$data/saves" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  slowest=$(awk '{print $2}' "$data/saves" | sort -n | tail -1)
  local load cold
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  cold=$(awk '{print $2}' "$data/cold")
  printf '%-9s reads: %6d in %s, p50 %6.1f ms, p99 %7.1f ms, max %7.1f ms, errors %d | saves: %d (%d failed), median %.3f s, slowest %.3f s (first save after start, before the load: %.3f s) | load average %s\n' \
    "$engine" "$requests" "$duration" "$p50" "$p99" "$max" "$errors" "$saves" "$failed" "$median" "$slowest" "$cold" "$load"
  # One line per target: met or not.
  verdict() { if [ "$1" = 1 ]; then echo met; else echo "NOT met"; fi; }
  printf '%-9s target read p99 <= 100 ms: %s (%.1f ms)\n' "$engine" "$(verdict "$(awk -v v="$p99" 'BEGIN {print (v <= 100)}')")" "$p99"
  printf '%-9s target every save <= 1 s: %s (slowest %.3f s of %d, %d failed)\n' "$engine" \
    "$(verdict "$(awk -v v="$slowest" -v n="$saves" -v f="$failed" 'BEGIN {print (v <= 1 && n > 0 && f == 0)}')")" "$slowest" "$saves" "$failed"
  printf '%-9s target no read errors: %s (%d)\n' "$engine" "$(verdict "$([ "$errors" = 0 ] && echo 1 || echo 0)")" "$errors"
}

echo "$(nproc) cores, $connections connections, $duration; $(uptime | sed 's/.*load/load/')"
case $engines in
  sqlite | postgres) run "$engines" ;;
  both) run sqlite; run postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]"; exit 2 ;;
esac
