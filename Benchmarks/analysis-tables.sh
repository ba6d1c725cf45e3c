#!/usr/bin/env bash
# `switchboard validate` and `switchboard diff` of two builds on the hard tables, in one run:
# the published recipe (decision trees over 5 enum and 10 integer inputs, 10 % of the rules
# widened and 10 % narrowed), random boxes, the hostile shapes and the random diff pairs, as
# written by the analysis-workload tool:
#
#   (cd Benchmarks && swift run -c release analysis-workload /tmp/analysis)
#   Benchmarks/analysis-tables.sh OLD_BINARY NEW_BINARY [DIR]        (DIR: /tmp/analysis)
#   TIMEOUT=20 TABLES="tree-10000x15-unique int20-25" Benchmarks/analysis-tables.sh OLD NEW
#
# Each command runs once per binary, the binaries taking turns, with --timeout TIMEOUT (60 s
# by default, the command's own default) and the default 1 GiB memory budget. For each it
# prints CPU time (user + system: the machine may be shared, and the analysis runs on one
# core), wall time, peak memory, the exit status (0 complete and clean, 1 findings, 2 a budget
# stopped the analysis) and the findings by code, with the number of rules the overlap groups
# name (the size of the answer, which on the recipe's trees grows faster than the rules).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 && $# -le 3 ]] || { echo "usage: $0 OLD_BINARY NEW_BINARY [DIR]" >&2; exit 64; }
old="$1" new="$2" dir="${3:-/tmp/analysis}"
for binary in "$old" "$new"; do
    [[ -x $binary ]] || { echo "$0: $binary is not an executable file" >&2; exit 66; }
done
[[ -d $dir ]] || { echo "$0: $dir is not a folder; write the tables with: (cd Benchmarks && swift run -c release analysis-workload $dir)" >&2; exit 66; }
timeout="${TIMEOUT:-60}"
tables="${TABLES:-tree-1500x15-unique tree-10000x15-unique tree-10000x15-first tree-100000x15-unique zen-10000x12-first random-500x10-unique random-2000x10-unique random-10000x10-unique random-500x15 int20-25 int20-100 enum15x30-200 diff-random-500x10-unique diff-random-500x10-first}"
work=$(mktemp -d /tmp/analysis-tables.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One command: prints "cpu s | wall s | MB | exit | findings by code".
measure() {
    local binary="$1" table="$2"
    local -a command
    if [[ $table == diff-* ]]; then
        command=("$binary" diff --format json --timeout "$timeout" "$dir/$table-old.yaml" "$dir/$table-new.yaml")
    else
        command=("$binary" validate --format json --timeout "$timeout" "$dir/$table.yaml")
    fi
    local status=0
    /usr/bin/time -f "%U %S %e %M" -o "$work/time" "${command[@]}" > "$work/out.json" 2> "$work/err" || status=$?
    # /usr/bin/time writes "Command exited with non-zero status N" first when it is not 0.
    read -r user system wall kilobytes < <(tail -n 1 "$work/time")
    local findings
    findings=$(python3 - "$work/out.json" <<'PY'
import collections, json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception:
    print("(no JSON)")
    sys.exit()
items = data.get("diagnostics", data.get("changes", [])) if isinstance(data, dict) else []
counts = collections.Counter(item.get("code", "change") for item in items if isinstance(item, dict))
# What the overlaps name grows with the pairs of rules that meet, not with the rules: each
# group names its hub and every rule it meets (or rules all meeting at one point).
named = sum(len(item.get("rules", [])) for item in items if isinstance(item, dict) and item.get("code") == "overlap")
print(", ".join(f"{code} {count}" + (f" naming {named:,} rules" if code == "overlap" else "")
                for code, count in sorted(counts.items())) or "none")
PY
)
    printf '%.2f s | %.1f s | %d MB | %d | %s' "$(echo "$user + $system" | bc)" "$wall" "$((kilobytes / 1024))" "$status" "$findings"
}

echo "| table | build | CPU | wall | peak memory | exit | findings |"
echo "|---|---|---|---|---|---|---|"
for table in $tables; do
    if [[ $table == diff-* ]]; then
        [[ -f $dir/$table-old.yaml ]] || { echo "$0: $dir/$table-old.yaml is missing" >&2; exit 66; }
    else
        [[ -f $dir/$table.yaml ]] || { echo "$0: $dir/$table.yaml is missing" >&2; exit 66; }
    fi
    echo "| $table | old | $(measure "$old" "$table") |"
    echo "| $table | new | $(measure "$new" "$table") |"
done
