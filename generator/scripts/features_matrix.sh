#!/usr/bin/env bash
# Checks every cargo feature per tag of a spec's crate alone.
#
#   features_matrix.sh SPEC [DIR]   write SPEC's crate with `--features-by-tag` into DIR (default
#                                   $CARGO_TARGET_DIR/features-matrix/<stem>), then `cargo check` it with
#                                   `--no-default-features --features <tag>` for each tag, with no feature, and
#                                   with `full,mock`, all with `-D warnings`, and clippy on `full,mock`; print one
#                                   line per check (seconds, ok or FAILED with the first error) and `N passed,
#                                   N failed`
#
# The checks share the target folder $CARGO_TARGET_DIR/features-by-tag/target with
# generator/tests/features_by_tag.rs (same flags), so the dependencies are built once; the crate gets the
# workspace's Cargo.lock. Uses the debug specgen binary, built if needed.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
spec=${1:?usage: features_matrix.sh SPEC [DIR]}
target=${CARGO_TARGET_DIR:-$repo/target}
stem=$(basename "$spec"); stem=${stem%.*}
dir=${2:-$target/features-matrix/$stem}

(cd "$repo" && cargo build --quiet -p specgen) || exit 2
rm -rf "$dir"
"$target/debug/specgen" generate "$spec" --crate "$dir" --features-by-tag || exit 1
cp "$repo/Cargo.lock" "$dir/"
mapfile -t features < <(sed -n '/^# One feature per tag/,/^$/p' "$dir/Cargo.toml" | sed -n 's/^\([^ ]*\) = \[\] #.*/\1/p')
echo "$spec: ${#features[@]} tag features, $(wc -l < "$dir/src/lib.rs") lines"

export CARGO_TARGET_DIR=$target/features-by-tag/target CARGO_INCREMENTAL=0 RUSTFLAGS="-D warnings"
passed=0 failed=0
check() {
    local start=$SECONDS output
    if output=$(cd "$dir" && cargo "$1" --quiet --color never "${@:2}" 2>&1); then
        passed=$((passed + 1)); echo "ok     $((SECONDS - start))s  cargo $*"
    else
        failed=$((failed + 1))
        echo "FAILED $((SECONDS - start))s  cargo $*: $(grep -m1 -E '^error' <<<"$output")"
    fi
}
for feature in "${features[@]}"; do
    check check --no-default-features --features "$feature"
done
check check --no-default-features
check check --features full,mock
check clippy --features full,mock -- -D warnings
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
