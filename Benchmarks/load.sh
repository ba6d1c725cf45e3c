#!/usr/bin/env bash
# Loading and compiling a large rules file, for two builds of switchboard in the same run:
# `switchboard evaluate --rules FILE` on no facts (read, parse, decode, check, compile, then
# read zero lines), less the same command on a one-rule table (the process start). Reports
# wall and CPU time (best of RUNS, the two binaries taking turns; and the median wall time,
# each median less the start's) and microseconds per rule,
# and, when valgrind is installed, the instructions each executes (callgrind), which do not
# depend on the machine's load: by all its threads, and by the main thread alone (a large
# file is parsed on two).
#
#   Benchmarks/load.sh OLD_BINARY NEW_BINARY              # the generated 10,000-rule table
#   Benchmarks/load.sh OLD_BINARY NEW_BINARY RULES.yaml   # another rules file
#   RUNS=20 CALLGRIND=0 Benchmarks/load.sh ...
#
# The default table is the one Benchmarks/Zen/compare times against zen-engine: 10,000 rules
# x 12 inputs (8 enums of 8 values, 4 integers 0...1000), first hit, catch-all last rule.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 OLD_BINARY NEW_BINARY [RULES_FILE]" >&2; exit 64; }
old="$1" new="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rules="${3:-$work/generated-10000.yaml}"
[[ $# -ge 3 ]] || python3 Benchmarks/Zen/tables.py 10000 "$rules"
python3 Benchmarks/Zen/tables.py 1 "$work/start.yaml"
: > "$work/empty.jsonl"

python3 - "$old" "$new" "$rules" "$work" "${RUNS:-10}" <<'PY'
import os, re, statistics, subprocess, sys, time
old, new, rules, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
# A rule starts a list item with its id (`- { id: ...` or `- id: ...`).
count = sum(1 for line in open(rules) if re.match(r"\s*- (\{ ?)?id:", line))

def run(binary, table):
    """Wall and CPU (user + system) seconds of one load of `table`."""
    start = time.perf_counter()
    process = subprocess.Popen([binary, "evaluate", "--rules", table, os.path.join(work, "empty.jsonl")],
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{binary} failed on {table} (status {status})")
    return wall, usage.ru_utime + usage.ru_stime

best = {}
walls = {}
for _ in range(runs):
    for binary in (old, new):
        for table in (rules, os.path.join(work, "start.yaml")):
            wall, cpu = run(binary, table)
            w, c = best.get((binary, table), (wall, cpu))
            best[(binary, table)] = (min(w, wall), min(c, cpu))
            walls.setdefault((binary, table), []).append(wall)

print(f"{rules}: {count:,} rules; best of {runs} runs, load average {os.getloadavg()[0]:.1f}")
results = {}
for name, binary in (("old", old), ("new", new)):
    wall = best[(binary, rules)][0] - best[(binary, os.path.join(work, "start.yaml"))][0]
    cpu = best[(binary, rules)][1] - best[(binary, os.path.join(work, "start.yaml"))][1]
    results[name] = (wall, cpu)
    median = statistics.median(walls[(binary, rules)]) - statistics.median(walls[(binary, os.path.join(work, "start.yaml"))])
    print(f"  {name}: load and compile {wall * 1000:.1f} ms wall ({wall / count * 1e6:.2f} µs per rule), "
          f"{cpu * 1000:.1f} ms CPU ({cpu / count * 1e6:.2f} µs per rule); median wall {median * 1000:.1f} ms  [{binary}]")
print(f"  new against old: {results['old'][0] / results['new'][0]:.2f}x wall, {results['old'][1] / results['new'][1]:.2f}x CPU")
PY

if [[ ${CALLGRIND:-1} != 0 ]] && command -v valgrind >/dev/null; then
    # valgrind cannot read the debug information of these binaries ("possibly corrupted
    # debuginfo"): it counts copies without it.
    instructions() {  # binary, table: instructions executed by all threads, and by the main one
        rm -f "$work"/callgrind.out*
        valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/callgrind.out" \
            "$1" evaluate --rules "$2" "$work/empty.jsonl" >/dev/null 2>&1
        python3 - "$work" <<'COUNT'
import glob, re, sys
totals = {}
for path in glob.glob(sys.argv[1] + "/callgrind.out*"):
    thread = int(re.search(r"-(\d+)$", path).group(1)) if re.search(r"-(\d+)$", path) else 1
    for line in open(path):
        if line.startswith("totals:") or line.startswith("summary:"):
            totals[thread] = int(line.split()[1])
print(sum(totals.values()), totals.get(1, 0))
COUNT
    }
    for name in old new; do
        binary="$old"; [[ $name == new ]] && binary="$new"
        cp "$binary" "$work/$name" && strip --strip-debug "$work/$name"
        read -r all main < <(instructions "$work/$name" "$rules")
        read -r start start_main < <(instructions "$work/$name" "$work/start.yaml")
        count=$(grep -cE '^\s*- (\{ ?)?id:' "$rules")
        python3 -c "import sys; n, a, s, m, sm, c = sys.argv[1], *map(int, sys.argv[2:]); print(f'  {n}: {(a - s) / 1e6:,.0f} M instructions to load and compile ({(a - s) / c:,.0f} per rule), {(m - sm) / 1e6:,.0f} M of them on the main thread (callgrind)')" \
            "$name" "$all" "$start" "$main" "$start_main" "$count"
    done
fi
