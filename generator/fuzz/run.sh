#!/usr/bin/env bash
# Seeds the corpus with every spec of the repository (OpenAPI 3.0 and 3.1, Swagger 2.0; the diagnostics
# fixtures too) and fuzzes the whole pipeline (single job).
# Usage: generator/fuzz/run.sh [SECONDS]   (default 1800; needs `cargo install cargo-fuzz` and a nightly toolchain)
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/pipeline
cp ../constructs/specs/*.yaml ../constructs/specs/*.json ../constructs/specs/shared/* ../../specs/*.yaml \
  ../tests/fixtures/*.yaml ../tests/fixtures/*.json ../tests/fixtures/documents/*.yaml corpus/pipeline/
# The diagnostics fixtures share some names with the fixtures above: they are copied under a prefix.
for fixture in ../tests/fixtures/diagnostics/*.yaml ../tests/fixtures/diagnostics/*.json; do
  cp "$fixture" "corpus/pipeline/diagnostics-$(basename "$fixture")"
done
exec cargo +nightly fuzz run pipeline -O -- -dict=openapi.dict -max_total_time="${1:-1800}" -timeout=10 \
  -max_len=65536 -print_final_stats=1
