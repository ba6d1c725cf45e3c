#!/usr/bin/env bash
# Evaluation and validation of two builds of switchboard, compared in one run with the two
# binaries taking turns, so that a change to the engine's code shows as a change in the cost of
# its work and not of the machine's load.
#
#   Benchmarks/before-after.sh OLD_BINARY NEW_BINARY
#   RUNS=5 LINES=100000 ANALYSIS=/tmp/analysis KEEP=/tmp/callgrind Benchmarks/before-after.sh OLD NEW
#
# Two measures per case and binary:
# - instructions executed, counted by `valgrind --tool=callgrind` (one run each): they do not
#   depend on the machine's load, so they are the figures to compare;
# - CPU time (user + system, best of RUNS, the binaries alternating within each round).
#
# Cases:
# - evaluate: `switchboard evaluate --rules Examples/contact.yaml FACTS` on LINES generated lines
#   of facts (Benchmarks/Evaluate/facts.py, fixed seed), less the same command on no facts;
# - load only: `evaluate --rules FILE` on no facts (read, parse, decode, check and compile the
#   rules, read zero lines), for every table below;
# - validate: `switchboard validate --format json FILE`, whole and less the load only, for the
#   shipped rules' tables (rules/interaction-logging.yaml without its other top-level keys), the
#   examples, a generated 2,000-rule table (Benchmarks/Zen/tables.py: 8 enum
#   and 4 integer inputs, first hit, catch-all) and, when ANALYSIS holds it, the 1,500-rule x
#   15-input tree of `swift run -c release analysis-workload ANALYSIS` (run in Benchmarks/).
#   Validate minus load only is the analysis and its report: loading is measured apart because
#   a faster loader alone would otherwise read as a faster validator.
#
# Both builds must find the same things for the comparison to be fair: for every table the
# script prints each binary's validate exit code and its count of findings by code, and marks
# the tables where they differ (the wording of findings may differ between versions and is not
# compared). When NEW_BINARY's validate has a --timeout option, it gets --timeout 3600 so that
# callgrind's slowdown cannot stop its analysis early; OLD_BINARY may predate the option.
# KEEP=DIR keeps the callgrind profiles there for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 2 ]] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 64; }
old="$1" new="$2"
for binary in "$old" "$new"; do
    [[ -x $binary ]] || { echo "$0: $binary is not an executable file" >&2; exit 66; }
done
command -v valgrind >/dev/null || { echo "$0: valgrind is needed (apt-get install valgrind)" >&2; exit 69; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

lines="${LINES:-100000}"
analysis="${ANALYSIS:-/tmp/analysis}"
python3 Benchmarks/Evaluate/facts.py "$lines" "$work/facts.jsonl"
python3 Benchmarks/Zen/tables.py 2000 "$work/generated-2000x12-first.yaml"
: > "$work/empty.jsonl"
# The shipped rules' tables alone: a binary that predates the file's title, description and
# routing keys refuses them as unknown, and would then be timed refusing the file.
python3 - rules/interaction-logging.yaml "$work/interaction-logging-tables.yaml" <<'PY'
import re, sys
keep = True
with open(sys.argv[1]) as source, open(sys.argv[2], "w") as out:
    for line in source:
        key = re.match(r"([A-Za-z_][\w-]*):", line)
        if key:
            keep = key.group(1) == "tables"
        if keep or line.startswith("#"):
            out.write(line)
PY
tables=("$work/interaction-logging-tables.yaml" Examples/contact.yaml Examples/seed-table-as-written.yaml
    "$work/generated-2000x12-first.yaml")
if [[ -f $analysis/tree-1500x15-unique.yaml ]]; then
    tables+=("$analysis/tree-1500x15-unique.yaml")
else
    echo "($analysis/tree-1500x15-unique.yaml not found: the 1,500-rule tree is left out)" >&2
fi

# valgrind cannot read the debug information of these binaries ("possibly corrupted
# debuginfo"): it counts copies without it, which execute the same instructions.
cp "$old" "$work/old" && strip --strip-debug "$work/old"
cp "$new" "$work/new" && strip --strip-debug "$work/new"
new_options=()
"$new" validate --help 2>&1 | grep -q -- '--timeout' && new_options=(--timeout 3600)

python3 - "$work" "${RUNS:-5}" "${KEEP:-}" "$lines" "${tables[@]}" -- "${new_options[@]}" <<'PY'
import collections, json, os, re, shutil, subprocess, sys

work, runs, keep, lines = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
split = sys.argv.index("--")
tables, new_options = sys.argv[5:split], sys.argv[split + 1:]
binaries = {"before": os.path.join(work, "old"), "after": os.path.join(work, "new")}
facts, empty = os.path.join(work, "facts.jsonl"), os.path.join(work, "empty.jsonl")

def command(name, case, table):
    """The arguments of one case: ("evaluate", facts file) or ("validate", None)."""
    if case == "validate":
        extra = new_options if name == "after" else []
        return [binaries[name], "validate", "--format", "json", *extra, table]
    return [binaries[name], "evaluate", "--rules", table, facts if case == "evaluate" else empty]

def cpu(arguments):
    """CPU seconds (user + system) and exit status of one run, output to a file."""
    with open(os.path.join(work, "out"), "w") as out:
        process = subprocess.Popen(arguments, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)

def instructions(name, case, table):
    """Instructions the command executes (callgrind), its profile kept under KEEP."""
    profile = os.path.join(work, "callgrind.out")
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}",
                             *command(name, case, table)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if not found:
        sys.exit(f"callgrind gave no count for {' '.join(command(name, case, table))}:\n{result.stderr[-2000:]}")
    if keep:
        os.makedirs(keep, exist_ok=True)
        shutil.copy(profile, os.path.join(keep, f"{name}-{case}-{os.path.basename(table)}.out"))
    return int(found.group(1))

cases = [("evaluate", "Examples/contact.yaml")]
cases += [(case, table) for table in tables for case in ("load", "validate")]

# Findings: the exit code and the count of findings by code, for each binary.
findings = {}
for table in tables:
    for name in binaries:
        result = subprocess.run(command(name, "validate", table), stdout=subprocess.PIPE, text=True)
        try:
            counts = collections.Counter(d.get("code") for d in json.loads(result.stdout)["diagnostics"])
            findings[(name, table)] = (result.returncode, dict(sorted(counts.items())))
        except (ValueError, KeyError) as error:
            findings[(name, table)] = (result.returncode, f"unreadable JSON ({error})")
print("## Findings (validate --format json): exit code, findings by code\n")
for table in tables:
    before, after = findings[("before", table)], findings[("after", table)]
    mark = "same" if before == after else "DIFFERENT"
    print(f"- `{table}`: {mark}; before: exit {before[0]}, {before[1]}; after: exit {after[0]}, {after[1]}")
for table in tables:
    statuses = [cpu(command(name, "load", table))[1] for name in binaries]
    if statuses != [0, 0]:
        print(f"- `{table}`: evaluate on no facts exits {statuses[0]} before, {statuses[1]} after")

best = {}
for _ in range(runs):
    for case, table in cases:
        for name in binaries:
            seconds, _ = cpu(command(name, case, table))
            best[(name, case, table)] = min(seconds, best.get((name, case, table), seconds))

counted = {}
for case, table in cases:
    for name in binaries:
        counted[(name, case, table)] = instructions(name, case, table)

def row(label, before, after, unit, scale, digits):
    change = f"{(after - before) / before * 100:+.1f} %" if before > 0 and after > 0 else "n/a"
    print(f"| {label} | {before / scale:,.{digits}f}{unit} | {after / scale:,.{digits}f}{unit} | {change} |")

print(f"\n## Instructions (callgrind), CPU time (best of {runs}, load average {os.getloadavg()[0]:.1f})\n")
print("| case | before | after | change |")
print("|---|---|---|---|")
measures = (("instructions", counted, " M", 1e6, 1), ("CPU", best, " ms", 1e-3, 1))
for measure, values, unit, scale, digits in measures:
    def value(name, case, table):
        return values[(name, case, table)]
    contact = "Examples/contact.yaml"
    evaluation = {n: value(n, "evaluate", contact) - value(n, "load", contact) for n in binaries}
    row(f"evaluate, {lines:,} lines of facts, less load only ({measure})", evaluation["before"],
        evaluation["after"], unit, scale, digits)
    if measure == "instructions":
        row("evaluate, per line (instructions)", evaluation["before"] / lines, evaluation["after"] / lines, "", 1, 0)
    for table in tables:
        label = os.path.basename(table) if table.startswith(work) else table
        load = {n: value(n, "load", table) for n in binaries}
        validate = {n: value(n, "validate", table) for n in binaries}
        row(f"`{label}`: load only ({measure})", load["before"], load["after"], unit, scale, digits)
        row(f"`{label}`: validate ({measure})", validate["before"], validate["after"], unit, scale, digits)
        row(f"`{label}`: validate less load only ({measure})", validate["before"] - load["before"],
            validate["after"] - load["after"], unit, scale, digits)
PY
