#!/usr/bin/env bash
# Portal load benchmark: serves the portal (Release, loopback) over a fictional municipality of
# ITEMS agenda items (default 100,000) and loads a meeting page and an organization page with wrk
# (32 connections, 15 s), beside a bare Razor page rendering a 20-row table in the same run; also
# an OParl meeting object and a page of the OParl agenda item list half-way through (not cached).
# Prints requests/s, p99 latency, errors and the portal's memory. Usage: bench/portal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
items=${ITEMS:-100000}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-32}

need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
[ -f /usr/share/dict/danish ] || { [ "$(id -u)" = 0 ] && apt-get install -y wdanish >/dev/null; }

for project in src/Protokol.Web bench/Protokol.Bench bench/Protokol.BareRazor; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done
data=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT

dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll portal-seed "$data" --count "$items"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
portal=$(free_port)
bare=$(free_port)
export Logging__LogLevel__Default=Warning
Protokol__DataDirectory="$data" Protokol__Startup__SeedDemoWhenEmpty=false \
  dotnet src/Protokol.Web/bin/Release/net10.0/Protokol.Web.dll --urls "http://127.0.0.1:$portal" >"$data/portal.log" 2>&1 &
pids+=($!)
portal_pid=$!
dotnet bench/Protokol.BareRazor/bin/Release/net10.0/Protokol.BareRazor.dll --urls "http://127.0.0.1:$bare" >"$data/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do
  curl -s -o /dev/null "http://127.0.0.1:$portal/" && curl -s -o /dev/null "http://127.0.0.1:$bare/" && break
  sleep 1
done

meeting=$(( items / 12 / 2 ))
declare -A paths=([bare]="http://127.0.0.1:$bare/" [meeting]="http://127.0.0.1:$portal/moeder/$meeting" [organization]="http://127.0.0.1:$portal/raad/raad-7"
  [oparl-meeting]="http://127.0.0.1:$portal/oparl/v1/meeting/$meeting" [oparl-items]="http://127.0.0.1:$portal/oparl/v1/body/1/agendaItem?page=$(( items / 200 ))")
pages=(bare meeting organization oparl-meeting oparl-items)
for name in "${pages[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "${paths[$name]}")
  [ "$code" = 200 ] || { echo "$name page answered $code"; exit 1; }
  wrk -t2 -c"$connections" -d3s "${paths[$name]}" >/dev/null
done

printf '%-14s %12s %10s %10s %8s\n' page "requests/s" "p50" "p99" errors
declare -A rps
for name in "${pages[@]}"; do
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "${paths[$name]}")
  rps[$name]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
  printf '%-14s %12s %10s %10s %8s\n' "$name" "${rps[$name]}" "$p50" "$p99" "${errors:-0}"
done
for name in meeting organization oparl-meeting oparl-items; do
  awk -v a="${rps[$name]}" -v b="${rps[bare]}" -v n="$name" 'BEGIN {printf "%s page at %.0f %% of the bare page\n", n, 100 * a / b}'
done
rss=$(awk '/VmRSS/ {print $2}' "/proc/$portal_pid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$portal_pid/status")
echo "portal memory: $(( rss / 1024 )) MB now, $(( hwm / 1024 )) MB peak ($items agenda items)"
