#!/usr/bin/env bash
# Peak memory (maximum resident set, /usr/bin/time -v) of `switchboard route` at its two doors:
# - events as JSON Lines, as a JSON array of one item a line, and as a JSON array on one line
#   (the same events, from a file and from standard input), at several lengths: an array
#   should cost what JSON Lines costs, whatever its length;
# - the Spark directory: the peak with the generated directory less the peak with
#   Examples/directory.yaml (the command's own footprint), as a multiple of the file's size,
#   as generated (company and projects first) and with its contacts moved first, with the
#   CPU time of each run (user seconds: a directory with contacts first is read twice).
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

# What the run keeps per event: the growth of the peak between the shortest and the longest
# JSON Lines, divided by the events between them. glibc's allocator raises its threshold for
# serving large blocks from their own mappings as such blocks are freed, so that later ones
# stay in its heap after they are freed: peaks then vary by tens of MiB from run to run.
# With the threshold fixed (MALLOC_MMAP_THRESHOLD_), a freed large block goes back to the
# system, and the growth is what the run holds.
if [ ${#lengths[@]} -gt 1 ]; then
    shortest=$(printf '%s\n' "${lengths[@]}" | sort -n | head -1)
    head -n "$shortest" "$workload/events.jsonl" > "$work/short.jsonl"
    head -n "$longest" "$workload/events.jsonl" > "$work/long.jsonl"
    echo
    echo "per event (JSON Lines, MALLOC_MMAP_THRESHOLD_=131072)"
    printf '| binary | peak at %s | peak at %s | bytes per event |\n' "$shortest" "$longest"
    printf '|---|---|---|---|\n'
    for bin in "${binaries[@]}"; do
        MALLOC_MMAP_THRESHOLD_=131072 /usr/bin/time -f %M -o "$work/time" "$bin" route --directory "$workload/directory.yaml" "$work/short.jsonl" > /dev/null || true
        short=$(tail -1 "$work/time")
        MALLOC_MMAP_THRESHOLD_=131072 /usr/bin/time -f %M -o "$work/time" "$bin" route --directory "$workload/directory.yaml" "$work/long.jsonl" > /dev/null || true
        long=$(tail -1 "$work/time")
        awk -v bin="$bin" -v s="$short" -v l="$long" -v ns="$shortest" -v nl="$longest" 'BEGIN {
            printf "| %s | %d MiB | %d MiB | %.0f |\n", bin, s / 1024, l / 1024, (l - s) * 1024 / (nl - ns)
        }'
    done
fi

echo
echo "directory"
head -n 1 "$workload/events.jsonl" > "$work/one.jsonl"
# The same directory with its contacts list first: the top-level keys start in column 1.
contacts_line=$(grep -n '^contacts:' "$workload/directory.yaml" | cut -d: -f1)
{ tail -n "+$contacts_line" "$workload/directory.yaml"; head -n "$((contacts_line - 1))" "$workload/directory.yaml"; } \
    > "$work/contacts-first.yaml"
bytes=$(stat -c %s "$workload/directory.yaml")
# Peak resident set in KiB and user CPU seconds of routing one event against a directory.
run() {
    /usr/bin/time -f '%M %U' -o "$work/time" "$1" route --directory "$2" "$work/one.jsonl" > /dev/null
    tail -1 "$work/time"
}
printf '| binary | directory | file | peak | peak with Examples/directory.yaml | the directory costs | user CPU |\n'
printf '|---|---|---|---|---|---|---|\n'
for bin in "${binaries[@]}"; do
    small=$(run "$bin" Examples/directory.yaml | cut -d' ' -f1)
    for directory in "$workload/directory.yaml" "$work/contacts-first.yaml"; do
        read -r large user < <(run "$bin" "$directory")
        name=$([ "$directory" = "$work/contacts-first.yaml" ] && echo "contacts first" || echo "as generated")
        awk -v bin="$bin" -v name="$name" -v bytes="$bytes" -v small="$small" -v large="$large" -v user="$user" 'BEGIN {
            file = bytes / 1048576
            cost = (large - small) / 1024
            printf "| %s | %s | %.1f MiB | %d MiB | %d MiB | %.1f MiB, %.1f× the file | %.2f s |\n", bin, name, file, large / 1024, small / 1024, cost, cost / file, user
        }'
    done
done
