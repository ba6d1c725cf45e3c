#!/usr/bin/env bash
# Peak memory (maximum resident set, /usr/bin/time -v) of `switchboard route` at its two doors:
# - events as JSON Lines, as a JSON array of one item a line, and as a JSON array on one line
#   (the same events, from a file and from standard input), at several lengths: an array
#   should cost what JSON Lines costs, whatever its length;
# - the Spark directory: the peak with the generated directory less the peak with
#   Examples/directory.yaml (the command's own footprint), as a multiple of the file's size.
# With BEFORE=path/to/another/switchboard, that binary is measured too, in the same run.
#
#   Benchmarks/route-memory.sh [SWITCHBOARD] [EVENTS ...]
#
# SWITCHBOARD defaults to .build/release/switchboard (swift build -c release --product switchboard);
# the lengths to 100000 1000000. The workload (a 100,000-contact directory and a million events)
# is read from $ROUTING_WORKLOAD (default /tmp/routing), written there first if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/switchboard}
shift || true
if [ $# -eq 0 ]; then set -- 100000 1000000; fi
lengths=("$@")
workload=${ROUTING_WORKLOAD:-/tmp/routing}
longest=$(printf '%s\n' "${lengths[@]}" | sort -n | tail -1)
if [ ! -f "$workload/directory.yaml" ] || [ "$(wc -l < "$workload/events.jsonl" 2>/dev/null || echo 0)" -lt "$longest" ]; then
    (cd Benchmarks && swift run -c release routing-workload "$workload" --contacts 100000 --events "$longest")
fi
work=$(mktemp -d /tmp/route-memory.XXXXXX)
trap 'rm -rf "$work"' EXIT

binaries=("$binary")
if [ -n "${BEFORE:-}" ]; then binaries+=("$BEFORE"); fi

# Peak resident set in MiB of one route run, on events (or - and a file for standard input);
# a run past $TIMEOUT seconds (default 300) is stopped and shown as such.
limit=${TIMEOUT:-300}
peak() {
    local bin=$1 directory=$2 events=$3 input=${4:-/dev/null}
    if ! /usr/bin/time -f %M -o "$work/time" timeout "$limit" "$bin" route --directory "$directory" "$events" \
        < "$input" > /dev/null; then
        if [ "$(tail -1 "$work/time")" != "" ] && grep -q "status 124" "$work/time"; then
            printf 'over %s s' "$limit"
            return
        fi
    fi
    tail -1 "$work/time" | awk '{ printf "%.0f MiB", $1 / 1024 }'
}

echo "events"
printf '| binary | events | size as JSON Lines | JSON Lines | array, an item a line | array on one line | array on standard input |\n'
printf '|---|---|---|---|---|---|---|\n'
for n in "${lengths[@]}"; do
    head -n "$n" "$workload/events.jsonl" > "$work/events.jsonl"
    { echo '['; sed '$!s/$/,/' "$work/events.jsonl"; echo ']'; } > "$work/events.json"
    { printf '['; paste -sd, "$work/events.jsonl"; echo ']'; } > "$work/events-one-line.json"
    size=$(du -m "$work/events.jsonl" | cut -f1)
    for bin in "${binaries[@]}"; do
        lines=$(peak "$bin" "$workload/directory.yaml" "$work/events.jsonl")
        array=$(peak "$bin" "$workload/directory.yaml" "$work/events.json")
        one=$(peak "$bin" "$workload/directory.yaml" "$work/events-one-line.json")
        stdin=$(peak "$bin" "$workload/directory.yaml" - "$work/events.json")
        printf '| %s | %s | %s MiB | %s | %s | %s | %s |\n' "$bin" "$n" "$size" "$lines" "$array" "$one" "$stdin"
    done
done

echo
echo "directory"
head -n 1 "$workload/events.jsonl" > "$work/one.jsonl"
bytes=$(stat -c %s "$workload/directory.yaml")
printf '| binary | file | peak | peak with Examples/directory.yaml | the directory costs |\n'
printf '|---|---|---|---|---|\n'
for bin in "${binaries[@]}"; do
    small=$(peak "$bin" Examples/directory.yaml "$work/one.jsonl" | cut -d' ' -f1)
    large=$(peak "$bin" "$workload/directory.yaml" "$work/one.jsonl" | cut -d' ' -f1)
    awk -v bin="$bin" -v bytes="$bytes" -v small="$small" -v large="$large" 'BEGIN {
        file = bytes / 1048576
        printf "| %s | %.1f MiB | %d MiB | %d MiB | %.1f MiB, %.1f× the file |\n", bin, file, large, small, large - small, (large - small) / file
    }'
done
