#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
# SPDX-License-Identifier: MIT
# Runs the codec benchmark the way docs/benchmarks.md records it: five
# repetitions, medians, on an otherwise idle machine. Build first
# (bash .ci/build).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"
build/bench/codec_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_min_time=0.3 "$@" 2>/dev/null | grep -E '_median|^Benchmark|^---'
