# Shared by the benchmarks: a Release build and timing of whole commands
# (the median of several runs, in milliseconds), with public tools only.

bench_build() {
    local src; src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    BENCH_BUILD="${BENCH_BUILD:-$src/build-bench}"
    cmake -S "$src" -B "$BENCH_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BENCH_BUILD" -j"$(nproc)" --target carnet >/dev/null
    CARNET="$BENCH_BUILD/carnet"
}

# bench_ms RUNS CMD...: prints the median wall time of CMD in milliseconds.
bench_ms() {
    local runs=$1; shift
    local times=() i start end
    for ((i = 0; i < runs; i++)); do
        start=$EPOCHREALTIME
        "$@" >/dev/null 2>&1
        end=$EPOCHREALTIME
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# bench_row LABEL MS TARGET_MS: one aligned line with a verdict.
bench_row() {
    local verdict
    verdict=$(awk -v m="$2" -v t="$3" 'BEGIN { print (t == "" || m <= t) ? "ok" : "OVER TARGET" }')
    printf '%-58s %10s ms   target %6s ms   %s\n' "$1" "$2" "${3:--}" "$verdict"
}
