#!/usr/bin/env bash
# Conformance suite: the generated clients against an independent validator, Stoplight Prism.
#
# Starts one `prism mock --errors` server per spec on 127.0.0.1 (the three billing specs and the
# form-encoding construct fixture), runs the drivers that call every operation through the generated clients
# (`cargo run --example prism` in billing-clients, `--example prism_fixture` in specgen-constructs), and fails on any request
# violation Prism reports and on any answer that does not decode. Prints each driver's figures and the time.
#
#   generator/scripts/prism.sh
#
# Prism comes from `$PRISM` if set, else `prism` on the PATH, else it is installed once with npm into
# `$PRISM_CACHE` (default ~/.cache/specgen-prism), outside the repository. Ports: `$PRISM_PORT` and the three
# after it (default 4010).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${PRISM_CACHE:-$HOME/.cache/specgen-prism}"
port="${PRISM_PORT:-4010}"

prism="${PRISM:-}"
if [[ -z "$prism" ]]; then
    if command -v prism >/dev/null 2>&1; then
        prism="$(command -v prism)"
    else
        if [[ ! -x "$cache/node_modules/.bin/prism" ]]; then
            echo "installing @stoplight/prism-cli into $cache" >&2
            npm install --silent --prefix "$cache" @stoplight/prism-cli >&2
        fi
        prism="$cache/node_modules/.bin/prism"
    fi
fi
echo "prism $("$prism" --version)"

logs="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$logs"
}
trap cleanup EXIT

start() { # name spec port
    "$prism" mock --errors --host 127.0.0.1 --port "$3" "$2" >"$logs/$1.log" 2>&1 &
    pids+=("$!")
}

wait_for() { # name port
    for _ in $(seq 1 120); do
        if grep -q "Prism is listening" "$logs/$1.log" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    echo "prism for $1 did not start:" >&2
    cat "$logs/$1.log" >&2
    return 1
}

began=$(date +%s.%N)
start billing_booth_one "$root/specs/billing_booth_one.yaml" "$port"
start flolive "$root/specs/flolive.yaml" "$((port + 1))"
start fusebill "$root/specs/fusebill.yaml" "$((port + 2))"
start bodies_form_encoding "$root/generator/constructs/specs/bodies_form_encoding.yaml" "$((port + 3))"
for name in billing_booth_one:$port flolive:$((port + 1)) fusebill:$((port + 2)) bodies_form_encoding:$((port + 3)); do
    wait_for "${name%%:*}" "${name##*:}"
done
ready=$(date +%s.%N)

status=0
cd "$root"
PRISM_BILLING_BOOTH_ONE="http://127.0.0.1:$port" \
    PRISM_FLOLIVE="http://127.0.0.1:$((port + 1))" \
    PRISM_FUSEBILL="http://127.0.0.1:$((port + 2))" \
    cargo run --quiet --example prism || status=1
PRISM_FORM_ENCODING="http://127.0.0.1:$((port + 3))" \
    cargo run --quiet -p specgen-constructs --example prism_fixture || status=1
ended=$(date +%s.%N)

# Prism logs every problem it found; show them (the drivers counted them from the answers).
grep -h "\[VALIDATOR\].*\(warning\|error\)" "$logs"/*.log | head -40 || true
printf 'prism startup %.1f s, drivers %.1f s (including cargo), total %.1f s\n' \
    "$(echo "$ready - $began" | bc)" "$(echo "$ended - $ready" | bc)" "$(echo "$ended - $began" | bc)"
if [[ $status -ne 0 ]]; then
    echo "conformance suite FAILED" >&2
fi
exit $status
