#!/usr/bin/env bash
# citewatch against urlwatch on the same pages, served by nginx on loopback.
#
#   bench/run.sh [N] [REPETITIONS]        (defaults: 1000 pages, 5 repetitions)
#
# TOOLS=citewatch measures citewatch alone (for N beyond what urlwatch takes in an hour); PAGES=M
# serves M distinct page files to the N sources (source i reads page i mod M, by its own URL), for
# a source count whose pages would not fit on the disk.
#
# Each repetition starts both tools from an empty state: round 1 takes the baseline, then ~10% of
# the pages change inside <main> and ~30% only outside it (and every page's sidebar and footer
# change on every fetch), and round 2 is measured: wall and CPU time, peak RSS, state size, and
# which pages each tool reported as changed against the truth. The tools alternate which goes first.
# citewatch runs as an installation runs it, through bin/citewatch (JVM start, its flags and its
# class-data archive included).
# Needs: java 17, the shaded jar (mvn package), nginx and urlwatch (Debian: nginx-light urlwatch).
set -euo pipefail
N=${1:-1000}
REPS=${2:-5}
PAGES=${PAGES:-$N}
read -r -a TOOL_LIST <<< "${TOOLS:-citewatch urlwatch}"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR="$ROOT/target/citewatch.jar"
WORK=$(mktemp -d /tmp/citewatch-bench.XXXXXX)
chmod 755 "$WORK"   # nginx's workers run as another user
PORT=${PORT:-18080}
# the warm floor's JVM: both compilers, as a long-running JVM has them once warmed
WARM_JAVA_OPTS=(-XX:+UseSerialGC -Xmx384m ${EXTRA_JAVA_OPTS:-})

for tool in nginx urlwatch java /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install nginx-light urlwatch time)"; exit 2; }
done
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q package -DskipTests first"; exit 2; }

cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  ssi on;
  # the pages are dynamic (SSI): no 304s, as a real server of such pages would not send them
  if_modified_since off;
  etag off;
  default_type text/html;
  types { text/html html; }
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$PORT; root $WORK/site; charset utf-8; }
}
NGINX
mkdir -p "$WORK/tmp" "$WORK/site"
python3 "$HERE/genpages.py" "$PAGES" "$WORK/site" 1
nginx -c "$WORK/nginx.conf"
trap 'nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# sources.yaml for citewatch, jobs for urlwatch: the same pages, politeness off, only <main> compared
{
  echo "settings: {per_host_delay: 0s, per_host_concurrency: 16, concurrency: 16, respect_robots: false, retries: 0, timeout: 30s}"
  echo "sources:"
  echo "  - {id: control, url: \"http://127.0.0.1:$PORT/control.html\", lang: sq, select: main}"
  for ((i = 0; i < N; i++)); do
    echo "  - {id: p$i, url: \"http://127.0.0.1:$PORT/p/$((i % PAGES)).html$([ "$PAGES" -lt "$N" ] && echo "?s=$i")\", lang: sq, select: main}"
  done
} > "$WORK/sources.yaml"
{
  for ((i = 0; i < N; i++)); do
    [ "$i" -gt 0 ] && echo "---"
    printf 'name: p%d\nurl: "http://127.0.0.1:%d/p/%d.html"\nfilter:\n  - css: main\n  - html2text\n' "$i" "$PORT" "$((i % PAGES))"
  done
} > "$WORK/urls.yaml"
cat > "$WORK/urlwatch.yaml" <<'UW'
display: {new: true, error: true, unchanged: false}
report:
  text: {line_length: 75, details: false, footer: false, minimal: true, separate: false}
  stdout: {enabled: true, color: false}
  html: {enabled: false}
  email: {enabled: false}
UW

# bin/citewatch makes its class-data archive once per jar, as an installation does: made here,
# before anything is measured.
"$ROOT/bin/citewatch" --version >/dev/null 2>&1 || true

truth=$(for ((i = 0; i < N; i += 10)); do echo "p$i"; done | sort)

measure() { # label command... -> prints "wall cpu rss_kb" of the command
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "${@:2}" > "$WORK/$1.out" 2> "$WORK/$1.err" || true
  # GNU time adds a line when the command exits non-zero (citewatch's 1 means news): keep the last
  tail -n 1 "$WORK/time.txt" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}

citewatch_round() { # dir
  (cd "$1" && measure cw "$ROOT/bin/citewatch" run --quiet --config "$WORK/sources.yaml" \
      --store "$1/snapshots" --report-dir "$1/reports")
}
urlwatch_round() { # dir
  (cd "$1" && measure uw urlwatch --urls "$WORK/urls.yaml" --config "$WORK/urlwatch.yaml" --cache "$1/cache.db")
}
citewatch_changed() { # dir -> sorted ids reported changed in round 2 (SOURCE_CHANGED and claim alerts)
  python3 - "$1/reports/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print("\n".join(sorted({a["source"] for a in report["alerts"] if a["new"] and a["source"]})))
PY
}
urlwatch_changed() { grep -o 'CHANGED: p[0-9]*' "$WORK/uw.out" | sed 's/CHANGED: //' | sort -u || true; }

results="$WORK/results.txt"
: > "$results"
for ((rep = 1; rep <= REPS; rep++)); do
  order=("${TOOL_LIST[@]}")
  [ $((rep % 2)) -eq 0 ] && [ "${#order[@]}" -eq 2 ] && order=("${order[1]}" "${order[0]}")
  for tool in "${order[@]}"; do
    state="$WORK/state-$tool-$rep"; mkdir -p "$state"
    python3 "$HERE/genpages.py" "$PAGES" "$WORK/site" 1
    if [ "$tool" = citewatch ]; then r1=$(citewatch_round "$state"); else r1=$(urlwatch_round "$state"); fi
    python3 "$HERE/genpages.py" "$PAGES" "$WORK/site" 2
    if [ "$tool" = citewatch ]; then
      r2=$(citewatch_round "$state"); reported=$(citewatch_changed "$state"); size=$(du -sb "$state/snapshots" | cut -f1)
      summary=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['run']['sources']; print(r['changed'])" "$state/reports/report.json")
    else
      r2=$(urlwatch_round "$state"); reported=$(urlwatch_changed); size=$(du -sb "$state/cache.db" | cut -f1); summary=-
    fi
    right=$(comm -12 <(echo "$truth") <(echo "$reported") | grep -c . || true)
    wrong=$(comm -13 <(echo "$truth") <(echo "$reported") | grep -c . || true)
    missed=$(comm -23 <(echo "$truth") <(echo "$reported") | grep -c . || true)
    echo "$tool $rep $r1 $r2 $size $right $wrong $missed $summary" >> "$results"
    printf '%-9s rep %d  round 1 %6ss   round 2 %6ss wall  reported %d right, %d wrong, %d missed\n' \
      "$tool" "$rep" "$(echo "$r1" | cut -d' ' -f1)" "$(echo "$r2" | cut -d' ' -f1)" "$right" "$wrong" "$missed"
    if [ "$tool" = citewatch ]; then
      # the static control page is byte-identical in round 2: what an unchanged check costs the store
      python3 - "$state/snapshots/journal.jsonl" >> "$WORK/unchanged.txt" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for line in reversed(lines):
    e = json.loads(line)
    if e["type"] == "check" and e["source_id"] == "control":
        print(len(line.encode()) + 1 + e["record"]["end"] - e["record"]["offset"])
        break
PY
    fi
    rm -rf "$state"
  done
done

python3 - "$results" "$N" "$(nproc)" "$(free -g | awk '/Mem:/{print $2}')" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
n, cores, mem = sys.argv[2], sys.argv[3], sys.argv[4]
def med(tool, k):
    return statistics.median(float(r[k]) for r in rows if r[0] == tool)
print()
print(f"N = {n} pages, {len([r for r in rows if r[0] == 'citewatch'])} alternating repetitions, {cores} cores, {mem} GiB; medians of round 2")
print("| tool | wall s | CPU s | peak RSS MB | state after 2 rounds MB | changed pages reported (truth %d) | wrong |" % (int(n) // 10))
print("|---|---:|---:|---:|---:|---:|---:|")
tools = [t for t in ("citewatch", "urlwatch") if any(r[0] == t for r in rows)]
for tool in tools:
    print(f"| {tool} | {med(tool, 5):.2f} | {med(tool, 6):.2f} | {med(tool, 7) / 1024:.0f} | {med(tool, 8) / 1e6:.1f} | "
          f"{med(tool, 9):.0f} | {med(tool, 10):.0f} |")
if len(tools) == 2:
    print(f"citewatch / urlwatch round-2 wall time: {med('citewatch', 5) / med('urlwatch', 5):.2f}")
# every page's body differs in round 2 (its sidebar and footer change on every fetch), so every page
# is parsed: CPU per page is CPU per changed body
for tool in tools:
    print(f"{tool} CPU per changed page (round 2, start included): {med(tool, 6) / int(n) * 1000:.2f} ms")
PY
echo "an unchanged check (journal line + revisit record) adds $(sort -n "$WORK/unchanged.txt" | tail -1) bytes to citewatch's store"

# The floor: round 2 again and again in one JVM (bench/WarmRuns.java), with no JVM start and the JIT
# warmed (60 runs, the median of the last 30: on 2 cores C2 still compiled 0.3-1 s a run at runs
# 13-24, and settled near the 25th). No flag of this JVM brings a cold run below it. WARM_RUNS=0
# skips it.
WARM_RUNS=${WARM_RUNS:-60}
if [ "$WARM_RUNS" -gt 0 ]; then
  python3 "$HERE/genpages.py" "$PAGES" "$WORK/site" 1
  mkdir -p "$WORK/warm-base"; citewatch_round "$WORK/warm-base" > /dev/null
  python3 "$HERE/genpages.py" "$PAGES" "$WORK/site" 2
  java "${WARM_JAVA_OPTS[@]}" -cp "$JAR" "$HERE/WarmRuns.java" "$WORK/warm-base" "$WORK/sources.yaml" "$WARM_RUNS" | tail -n 1
fi
