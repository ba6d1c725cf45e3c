#!/usr/bin/env bash
# Load benchmark of `switchboard serve`: wrk (Debian's) on loopback posts distinct realistic
# Aircall webhooks; every answer is a durable acknowledgement (200 only after the commit).
# Runs, in one go and on the same binary:
#   sqlite-group-commit  the embedded store, many webhooks per fsync'd commit (--batch-limit 512)
#   sqlite-naive         the baseline: one fsync'd transaction per webhook (--batch-limit 1)
#   postgres             a PostgreSQL server on loopback (.ci/start-postgres), with SERVE_POSTGRES=1
# and checks afterwards that the store holds exactly the webhooks answered 200.
#   Benchmarks/serve-load.sh [SECONDS] [CONNECTIONS]      (defaults: 20 s, 64 connections)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-64}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3
# SWITCHBOARD=path/to/switchboard measures that binary instead of building the release one.
if [[ -n ${SWITCHBOARD:-} ]]; then
    binary=$SWITCHBOARD
else
    swift build -c release --product switchboard >&2
    binary=$(swift build -c release --show-bin-path)/switchboard
fi
work=$(mktemp -d /tmp/serve-load.XXXXXX)
head -n 1 Examples/events.jsonl > "$work/webhook.json"
token=$(grep -o '"token": "[^"]*"' "$work/webhook.json" | cut -d'"' -f4)

run() { # NAME STORE [serve options...]
    local name=$1 store=$2
    shift 2
    "$binary" serve --directory Examples/directory.yaml --store "$store" --port 0 --token "$token" \
        --log-level error "$@" > "$work/$name.out" 2> "$work/$name.err" &
    local pid=$!
    trap "kill $pid 2>/dev/null || true" EXIT
    local port=""
    for _ in $(seq 600); do
        port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name.out" 2>/dev/null | head -n 1 | cut -d: -f3 || true)
        [[ -n $port ]] && break
        sleep 0.1
    done
    [[ -n $port ]] || { cat "$work/$name.err" >&2; exit 1; }
    # A short warm-up (call ids from 1), then the measured run (ids from 10^12): the count of
    # stored ids from $first is what the measured run stored.
    local first=1000000000000
    wrk -t2 -c"$connections" -d2s -s Benchmarks/ServeLoad/post-webhooks.lua "http://127.0.0.1:$port" -- "$work/webhook.json" 1 >/dev/null
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s Benchmarks/ServeLoad/post-webhooks.lua \
        "http://127.0.0.1:$port" -- "$work/webhook.json" "$first" > "$work/$name.wrk"
    local result
    result=$(grep '^RESULT' "$work/$name.wrk")
    # Stored after the measured run: the webhooks answered 200 (those still in flight when wrk
    # stopped may be stored without an answer counted: at most one per connection).
    local stored=""
    if [[ $store == sqlite:* ]]; then
        stored=$(sqlite3 "${store#sqlite:}" "SELECT COUNT(*) FROM interactions WHERE CAST(id AS INTEGER) >= $first")
    else
        stored=$(psql "${store%%\?*}" -tA -c "SELECT COUNT(*) FROM interactions WHERE id::bigint >= $first")
    fi
    kill -TERM "$pid"
    wait "$pid" || true
    printf '%-20s %s stored=%s\n' "$name" "${result#RESULT }" "$stored"
}

echo "switchboard serve, wrk -t2 -c$connections -d${seconds}s, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
run sqlite-group-commit "sqlite:$work/group.sqlite" --batch-limit 512
run sqlite-naive "sqlite:$work/naive.sqlite" --batch-limit 1
if [[ ${SERVE_POSTGRES:-0} == 1 ]]; then
    url=$(.ci/start-postgres 55439)
    run postgres "$url"
    .ci/start-postgres --stop 55439
fi
rm -rf "$work"
