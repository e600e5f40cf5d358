#!/usr/bin/env bash
# Where a public page's time goes (issue 17): serves the portal (Release, page cache off) over a
# seeded archive, loads one path with wrk while dotnet-trace samples the portal's CPU, and prints
# the methods most often on the stack (inclusive and exclusive), CPU ms per request and the memory held.
#
#   bench/profile.sh DATA_DIR PATH [SECONDS]     e.g. bench/profile.sh /tmp/archive/100000 /moeder/4166
#
# DATA_DIR is an archive seeded by `Protokol.Bench portal-seed` (bench/portal.sh DATA=… keeps them).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?data directory}
path=${2:?path, e.g. /moeder/1}
seconds=${3:-15}
dotnet tool restore >/dev/null
dotnet build -c Release -v q -nologo src/Protokol.Web >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
Logging__LogLevel__Default=Warning Protokol__DataDirectory="$data" Protokol__Startup__SeedDemoWhenEmpty=false Protokol__PageCache=false \
  dotnet src/Protokol.Web/bin/Release/net10.0/Protokol.Web.dll --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port$path"
for _ in $(seq 1 300); do curl -s -o /dev/null "$url" && break; sleep 1; done
wrk -t1 -c4 -d3s "$url" >/dev/null

# CPU and allocations per request, one connection at a time (so the figures do not depend on queueing).
ticks=$(getconf CLK_TCK)
cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
out=$(wrk -t1 -c1 -d"${seconds}s" "$url")
cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
requests=$(awk '/requests in/ {print $1}' <<<"$out")
awk -v t=$(( cpu1 - cpu0 )) -v n="$requests" -v hz="$ticks" -v p="$path" 'BEGIN {printf "%s: %d requests on one connection, %.2f ms CPU per request\n", p, n, 1000 * t / hz / n}'

dotnet dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time -o "$work/trace.nettrace" --duration "00:00:$(printf '%02d' "$seconds")" >/dev/null 2>&1 &
trace=$!
wrk -t1 -c2 -d"$(( seconds + 2 ))s" "$url" >/dev/null
wait "$trace" || true
echo "== inclusive (on the stack)"
dotnet dotnet-trace report "$work/trace.nettrace" topN -n 40 --inclusive 2>/dev/null | grep -v -E '^\s*$' | head -45
echo "== exclusive (at the top of the stack)"
dotnet dotnet-trace report "$work/trace.nettrace" topN -n 25 2>/dev/null | grep -v -E '^\s*$' | head -30
# What the process holds: anonymous memory (heaps, SQLite page caches) against mapped files (code; the searcher reads Lucene's index into buffers).
echo "== memory: $(grep -E '^(VmHWM|VmRSS|RssAnon|RssFile)' "/proc/$pid/status" | tr -s ' \t' ' ' | paste -sd ';')"
