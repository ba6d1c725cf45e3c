#!/usr/bin/env bash
# Reading batch input (JSON Lines of facts): the record splitter against the line reader it
# replaced, in one run. Compiles Sources/Diagnostics, Sources/JSONLines and
# Benchmarks/Tools/JSONInput into one optimised module (no SwiftPM build needed).
#   Benchmarks/json-input.sh [LINES]      (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/json-input.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp Sources/Diagnostics/*.swift Sources/JSONLines/*.swift "$work/"
# One module: the imports between the two modules go.
sed -i '/^import Diagnostics$/d' "$work"/*.swift
swiftc -O -wmo -package-name switchboard -module-name JSONInput "$work"/*.swift Benchmarks/Tools/JSONInput/main.swift \
    -o "$work/json-input"
"$work/json-input" "${1:-1000000}"
