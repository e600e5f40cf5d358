#!/usr/bin/env bash
# Portal load benchmark (issue 17). Serves the portal (Release, loopback) over a fictional
# municipality (bench/Protokol.Bench portal-seed) at two archive sizes, ITEMS and ITEMS2 agenda items,
# and loads every public page of the issue's table with wrk beside the bare Razor page of
# bench/Protokol.BareRazor (a 20-row table); the bare page runs right before each page, and each
# page's ratio is to that run. Per page: requests/s, p50, p99, % of bare, the portal's CPU time per
# request (from /proc, so it hardly depends on what else the machine runs) and, in the uncached
# mode, the SQL round trips one request makes (EF Core's commands + the lean reads' commands, counted from their
# logs in a second portal started for that). Then the portal's peak memory, in the uncached mode a full OParl crawl of each
# archive (Protokol.Bench oparl-crawl: time, requests, objects/s, the portal's CPU per request), then the same crawl again (the
# kept OParl objects the first one wrote, as a next sync reads them), and
# one line per target of the issue: met or not met.
#
#   bench/portal.sh                      both modes (page cache on, then off), 100,000 and 10,000 items
#   UNCACHED=1 bench/portal.sh           only with the page cache off (Protokol__PageCache=false)
#   ITEMS=100000 ITEMS2=10000 DURATION=10s CONNECTIONS=32 DATA=DIR (keep seeded archives in DIR/N)
#   PAGES="meeting front"                only those pages (no target lines then)
#   ITEMS2=none                          only the first archive size (no target lines then)
#   CRAWL=0                              without the full OParl crawl the uncached mode ends each archive with
#   ENGINE=postgres                      the archives in PostgreSQL (a private cluster per size, kept in DATA/pg-N), searched
#                                        by PostgreSQL; CPU per request and memory are then the web process's alone,
#                                        and the SQL column leaves out the PostgreSQL search's own statements
#   PG_OPTIONS="Max Auto Prepare=32"     more Npgsql connection string options for ENGINE=postgres
#   PG_SOCKET=1                          the portal reaches PostgreSQL through its Unix-domain socket, as a portal on the
#                                        database's own machine would, instead of TCP on the loopback interface
set -euo pipefail
cd "$(dirname "$0")/.."
items1=${ITEMS:-100000}
items2=${ITEMS2:-10000}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
if [ "${UNCACHED:-0}" = 1 ]; then modes=(uncached); else modes=(cached uncached); fi

need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
[ -f /usr/share/dict/danish ] || { [ "$(id -u)" = 0 ] && apt-get install -y wdanish >/dev/null; }

for project in src/Protokol.Web bench/Protokol.Bench bench/Protokol.BareRazor; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done
work=$(mktemp -d)
keep=${DATA:-$work}
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
cleanup() { stop; [ -z "${bare_pid:-}" ] || { kill "$bare_pid" 2>/dev/null; wait "$bare_pid" 2>/dev/null; } || true; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_up() { for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 1; done; echo "no answer from $1"; exit 1; }

engine=${ENGINE:-sqlite}
pg_stop=()
# start_postgres DIR: a private cluster in DIR (made on first use) on a free loopback port; sets pg_connection.
start_postgres() {
  local root=$1 bin port as=()
  bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  port=$(free_port)
  if [ ! -d "$root/data" ]; then
    mkdir -p "$root" && chmod 777 "$root"
    "${as[@]}" "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  "${as[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/log" -w start -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c shared_buffers=256MB" >/dev/null
  pg_stop+=("${as[*]} $bin/pg_ctl -D $root/data -m fast -w stop")
  local host=127.0.0.1
  [ "${PG_SOCKET:-0}" = 1 ] && host=$root
  pg_connection="Host=$host;Port=$port;Username=postgres;Database=postgres${PG_OPTIONS:+;$PG_OPTIONS}"
}
stop_postgres() { for c in "${pg_stop[@]}"; do $c >/dev/null 2>&1 || true; done; pg_stop=(); }

bare_port=$(free_port)
dotnet bench/Protokol.BareRazor/bin/Release/net10.0/Protokol.BareRazor.dll --urls "http://127.0.0.1:$bare_port" >"$work/bare.log" 2>&1 &
bare_pid=$!
export Logging__LogLevel__Default=Warning

# start_portal DATA_DIR CACHE(true|false) LOG [extra env...]: starts the portal and sets portal_pid/portal_url.
start_portal() {
  local data=$1 cache=$2 log=$3
  shift 3
  local port
  port=$(free_port)
  local database=()
  [ "$engine" = postgres ] && database=(ConnectionStrings__Protokol="$pg_connection" Protokol__Startup__Migrate=true)
  env Protokol__DataDirectory="$data" Protokol__Startup__SeedDemoWhenEmpty=false Protokol__PageCache="$cache" "${database[@]}" "$@" \
    dotnet src/Protokol.Web/bin/Release/net10.0/Protokol.Web.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  portal_pid=$!
  pids+=("$portal_pid")
  portal_url="http://127.0.0.1:$port"
  wait_up "$portal_url/"
}

all_pages=(meeting organization person front oparl-meeting oparl-items-1 oparl-items-late oparl-items-after oparl-meetings-1 oparl-meetings-late oparl-org-meetings oparl-files-1 oparl-people-1 oparl-memberships-1 oparl-organizations-1 soeg-rare soeg-common api-search)
read -r -a pages <<<"${PAGES:-${all_pages[*]}}"
sizes=("$items1")
[ "$items2" = none ] || sizes+=("$items2")
targets() {
  local items=$1 meeting=$(( $1 / 12 / 2 ))
  declare -gA paths=(
    [meeting]="/moeder/$meeting" [organization]="/raad/raad-7" [person]="/personer/17" [front]="/"
    [oparl-meeting]="/oparl/v1/meeting/$meeting"
    [oparl-items-1]="/oparl/v1/body/1/agendaItem"
    [oparl-items-late]="/oparl/v1/body/1/agendaItem?page=$(( items / 200 ))"
    [oparl-items-after]="/oparl/v1/body/1/agendaItem?after=0-$(( items * 9 / 10 ))"
    [oparl-meetings-1]="/oparl/v1/body/1/meeting"
    [oparl-meetings-late]="/oparl/v1/body/1/meeting?page=$(( items / 12 / 25 * 9 / 10 ))"
    [oparl-org-meetings]="/oparl/v1/organization/2/meeting"
    [oparl-files-1]="/oparl/v1/body/1/file" [oparl-people-1]="/oparl/v1/body/1/person"
    [oparl-memberships-1]="/oparl/v1/body/1/membership" [oparl-organizations-1]="/oparl/v1/body/1/organization"
    [soeg-rare]="/soeg?q=vandt%C3%A5rnsudvalget" [soeg-common]="/soeg?q=kommunen"
    [api-search]="/api/search?q=kommunen+borgerne")
}

# load NAME URL PID: one wrk run; sets rps, p99 (ms) and cpu (ms of the process per request).
load() {
  local before after out requests
  before=$(cpu_ticks "$3")
  out=$(wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency "$2")
  after=$(cpu_ticks "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
  cpu=$(awk -v t=$(( after - before )) -v n="$requests" -v hz="$ticks" 'BEGIN {printf "%.2f", (n > 0 ? 1000 * t / hz / n : 0)}')
}

declare -A R P C S B X Y
peak_uncached=0
peak_anon_uncached=0
peak_file_uncached=0
for items in "${sizes[@]}"; do
  data="$keep/$items"
  if [ "$engine" = postgres ]; then
    data="$keep/pg-$items"
    start_postgres "$data/cluster"
    if [ ! -f "$data/seeded" ]; then
      dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll portal-seed "$data" --count "$items" --connection "$pg_connection"
      touch "$data/seeded"
    fi
  elif [ ! -f "$data/protokol.db" ]; then
    mkdir -p "$data"
    dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll portal-seed "$data" --count "$items"
  fi
  # A kept archive's search index brought up to date first (rebuilt if a later build changed its layout): otherwise each portal
  # started here would spend the run rebuilding it in the background (7.5 min at 100,000 items on PostgreSQL) and never finish.
  index_args=()
  [ "$engine" = postgres ] && index_args=(--connection "$pg_connection")
  dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll portal-index "$data" "${index_args[@]}"
  targets "$items"
  wait_up "http://127.0.0.1:$bare_port/"

  # Round trips per request: a second portal with EF Core's command log and the lean reads' command log on, one request per
  # page; printed as EF Core commands + lean commands (a lean command may hold several statements, sent at once).
  start_portal "$data" false "$work/sql.log" Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information \
    Logging__LogLevel__Protokol.Data.Portal.ReadSessions=Debug
  for name in "${pages[@]}"; do curl -s -o /dev/null "$portal_url${paths[$name]}"; done
  for name in "${pages[@]}"; do
    n0=$(grep -c 'Executed DbCommand' "$work/sql.log" || true)
    l0=$(grep -c 'Executed lean command' "$work/sql.log" || true)
    curl -s -o /dev/null "$portal_url${paths[$name]}"
    sleep 0.2
    S[$items:$name]="$(( $(grep -c 'Executed DbCommand' "$work/sql.log" || true) - n0 ))+$(( $(grep -c 'Executed lean command' "$work/sql.log" || true) - l0 ))"
  done
  stop

  for mode in "${modes[@]}"; do
    cache=true
    [ "$mode" = uncached ] && cache=false
    start_portal "$data" "$cache" "$work/portal.log"
    # Memory by kind, sampled twice a second through the run: anonymous (heaps, stacks, SQLite's page
    # caches), file-backed (code, and Lucene's index files where a writer maps them; the OS can drop and re-read them)
    # and shared (the runtime's double-mapped JIT code). VmHWM is their sum at its peak.
    ( while kill -0 "$portal_pid" 2>/dev/null; do awk '/^(RssAnon|RssFile|RssShmem):/ {printf "%s %s ", $1, $2} END {print ""}' "/proc/$portal_pid/status" 2>/dev/null; sleep 0.5; done ) >"$work/rss.txt" &
    sampler=$!
    for name in "${pages[@]}"; do
      code=$(curl -s -o /dev/null -w '%{http_code}' "$portal_url${paths[$name]}")
      [ "$code" = 200 ] || { echo "$name ($portal_url${paths[$name]}) answered $code"; exit 1; }
      wrk -t2 -c"$connections" -d2s "$portal_url${paths[$name]}" >/dev/null
    done
    # The portal settles first (its JIT's background tier-up and the work the warm-up left it, measured in its own CPU ticks:
    # until a second passes with under 5 % of a core, at most 30 s). The bare page is warmed up as well, in 3 s runs until its
    # rate stops rising (less than 3 % over the run before; at most 60 s): under wrk -c32 on two cores its JIT's tier-up waits
    # for CPU, and its rate rose for a minute of load (3 s runs from its start: 10k, 13k, 28k, 32k, ... 38k requests/s); a
    # 3 s warm-up had left the first pages' ratios to bare runs of half the later ones' rate.
    for _ in $(seq 1 30); do
      t0=$(cpu_ticks "$portal_pid"); sleep 1
      [ $(( $(cpu_ticks "$portal_pid") - t0 )) -lt $(( ticks / 20 + 1 )) ] && break
    done
    last=0
    for _ in $(seq 1 20); do
      now=$(wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$bare_port/" | awk '/Requests\/sec/ {printf "%d", $2}')
      [ "$now" -lt $(( last * 103 / 100 )) ] && break
      last=$now
    done

    echo
    echo "== $items agenda items on $engine, page cache $([ "$cache" = true ] && echo on || echo off), wrk -c$connections $duration, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-18s %10s %9s %8s %10s %9s %10s  %s\n' page "req/s" "p99 ms" "% bare" "bare req/s" "CPU ms/req" "SQL EF+lean" errors
    for name in "${pages[@]}"; do
      load bare "http://127.0.0.1:$bare_port/" "$bare_pid"
      bare_rps=$rps
      load "$name" "$portal_url${paths[$name]}" "$portal_pid"
      key="$items:$mode:$name"
      R[$key]=$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", 100 * a / b}')
      P[$key]=$p99
      C[$key]=$cpu
      B[$key]=$bare_rps
      printf '%-18s %10s %9s %7s%% %10s %9s %10s  %s\n' "$name" "$rps" "$p99" "${R[$key]}" "$bare_rps" "$cpu" "${S[$items:$name]}" "${errors:-}"
    done
    hwm=$(( $(awk '/VmHWM/ {print $2}' "/proc/$portal_pid/status") / 1024 ))
    rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$portal_pid/status") / 1024 ))
    # What is held: the managed heap (dotnet-counters) against the whole process (the rest is native: SQLite's page caches, Lucene's buffers, code).
    heap=$(dotnet dotnet-counters collect -p "$portal_pid" --counters 'System.Runtime[dotnet.gc.last_collection.heap.size]' --format csv -o "$work/heap.csv" --duration 00:00:03 >/dev/null 2>&1 \
      && awk -F, '/heap.size/ {v[$3] = $NF} END {for (g in v) s += v[g]; if (s > 0) printf "%.0f", s / 1048576}' "$work/heap.csv" || true)
    anon=$(( $(awk '/RssAnon/ {print $2}' "/proc/$portal_pid/status") / 1024 ))
    file=$(( $(awk '/RssFile/ {print $2}' "/proc/$portal_pid/status") / 1024 ))
    echo "portal memory: peak $hwm MB, now $rss MB ($anon MB anonymous, of which managed heap ${heap:-?} MB; $file MB mapped files: code, the index where a writer maps it)"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    read -r peak_anon peak_file peak_shmem < <(awk '{for (i = 1; i < NF; i += 2) if ($(i + 1) > m[$i]) m[$i] = $(i + 1)} END {printf "%d %d %d\n", m["RssAnon:"] / 1024, m["RssFile:"] / 1024, m["RssShmem:"] / 1024}' "$work/rss.txt")
    echo "portal memory peaks by kind: RssAnon $peak_anon MB (heaps, stacks, SQLite page caches), RssFile $peak_file MB (code, the index where a writer maps it: the OS can drop it), RssShmem $peak_shmem MB (double-mapped JIT code)"
    if [ "$mode" = uncached ]; then
      [ "$hwm" -gt "$peak_uncached" ] && peak_uncached=$hwm
      [ "$peak_anon" -gt "$peak_anon_uncached" ] && peak_anon_uncached=$peak_anon
      [ "$peak_file" -gt "$peak_file_uncached" ] && peak_file_uncached=$peak_file
    fi
    stop
  done

  # A full OParl crawl as an aggregator makes it: every list of the body to its end by its next links, one request at a time.
  if [ "${CRAWL:-1}" = 1 ] && [[ " ${modes[*]} " == *" uncached "* ]]; then
    start_portal "$data" false "$work/portal.log"
    echo
    echo "== full OParl crawl, $items agenda items, page cache off, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll oparl-crawl --base "$portal_url" --pid "$portal_pid" | tee "$work/crawl.txt" || true
    X[$items]=$(sed -n 's/^portal CPU: .* s, \([0-9.]*\) ms per request.*/\1/p' "$work/crawl.txt")
    # The first crawl writes every object it serves into the kept OParl objects; the aggregator's next sync reads them as kept.
    # Reading kept objects is code the first crawl never ran, so one such crawl runs uncounted first: at 10,000 items the first
    # crawl is over in about a second, and the JIT's background compilation of the kept path would land in the measured one. A
    # next sync of the small archive (234 requests, 0.3 s of CPU) is also too short for /proc's 10 ms ticks, so the measured
    # crawl is repeated until 2,000 requests were made (one round at 100,000 items).
    dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll oparl-crawl --base "$portal_url" --warm-up 0 >/dev/null || true
    echo
    echo "== the same crawl again (the kept objects read, as an aggregator's next sync finds them), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet bench/Protokol.Bench/bin/Release/net10.0/Protokol.Bench.dll oparl-crawl --base "$portal_url" --pid "$portal_pid" --min-requests 2000 | tee "$work/crawl2.txt" || true
    Y[$items]=$(sed -n 's/^portal CPU: .* s, \([0-9.]*\) ms per request.*/\1/p' "$work/crawl2.txt")
    stop
  fi
  stop_postgres
done

if [[ " ${modes[*]} " == *" uncached "* ]] && [ -z "${PAGES:-}" ] && [ "$items2" != none ]; then
  echo
  echo "== targets of issue 17 (page cache off)"
  verdict() { if [ "$1" = 1 ]; then echo "met    : $2"; else echo "not met: $2"; fi; }
  ge() { awk -v a="$1" -v b="$2" 'BEGIN {print ((a >= b) ? 1 : 0)}'; }
  le() { awk -v a="$1" -v b="$2" 'BEGIN {print ((a <= b) ? 1 : 0)}'; }
  flat() { awk -v a="$1" -v b="$2" 'BEGIN {m = a > b ? a : b; n = a > b ? b : a; print ((m <= 1.5 * n + 0.2) ? 1 : 0)}'; }
  for items in "$items1" "$items2"; do
    for name in meeting organization person front; do
      k="$items:uncached:$name"
      verdict "$(( $(ge "${R[$k]}" 10) & $(le "${P[$k]}" 30) ))" "$name at $items items: ${R[$k]} % of bare (≥ 10 %), p99 ${P[$k]} ms (≤ 30 ms)"
    done
    for name in soeg-rare soeg-common api-search; do
      k="$items:uncached:$name"
      verdict "$(( $(ge "${R[$k]}" 3) & $(le "${P[$k]}" 60) ))" "$name at $items items: ${R[$k]} % of bare (≥ 3 %), p99 ${P[$k]} ms (≤ 60 ms)"
    done
    for name in oparl-meeting oparl-items-1 oparl-items-late oparl-items-after oparl-meetings-1 oparl-meetings-late oparl-org-meetings oparl-files-1 oparl-people-1 oparl-memberships-1 oparl-organizations-1; do
      k="$items:uncached:$name"
      verdict "$(ge "${R[$k]}" 5)" "$name at $items items: ${R[$k]} % of bare (≥ 5 %)"
    done
    verdict "$(flat "${C[$items:uncached:oparl-items-1]}" "${C[$items:uncached:oparl-items-late]}")" \
      "OParl item list page independent of the page number at $items items: CPU ${C[$items:uncached:oparl-items-1]} vs ${C[$items:uncached:oparl-items-late]} ms/request (within 1.5×)"
  done
  for name in front organization oparl-items-1 oparl-items-late oparl-meetings-1 oparl-org-meetings oparl-files-1 oparl-people-1 oparl-memberships-1; do
    verdict "$(flat "${C[$items1:uncached:$name]}" "${C[$items2:uncached:$name]}")" \
      "$name independent of the archive's size: CPU ${C[$items2:uncached:$name]} ms/request at $items2 items, ${C[$items1:uncached:$name]} at $items1 (within 1.5×)"
  done
  if [ -n "${X[$items1]:-}" ] && [ -n "${X[$items2]:-}" ]; then
    verdict "$(flat "${X[$items1]}" "${X[$items2]}")" \
      "full OParl crawl at the same cost per request whatever the archive's size: CPU ${X[$items2]} ms/request at $items2 items, ${X[$items1]} at $items1 (within 1.5×)"
  fi
  if [ -n "${Y[$items1]:-}" ] && [ -n "${Y[$items2]:-}" ]; then
    verdict "$(flat "${Y[$items1]}" "${Y[$items2]}")" \
      "second full OParl crawl (kept objects) at the same cost per request whatever the archive's size: CPU ${Y[$items2]} ms/request at $items2 items, ${Y[$items1]} at $items1 (within 1.5×)"
  fi
  verdict "$(le "$peak_uncached" 300)" "portal memory through the uncached runs: peak $peak_uncached MB (< 300 MB; peaks by kind: RssAnon $peak_anon_uncached MB, RssFile $peak_file_uncached MB)"
fi
