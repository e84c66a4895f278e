#!/usr/bin/env bash
# pa's benchmark (see bench/README.md): generates its inputs, builds pa
# (glibc, and the static musl binary of .ci/build-static), and prints one
# table of wall time, CPU time and peak RSS, with go tool pprof side by side
# when `go` is on the PATH.
#
#   bench/run.sh                  everything (go tool pprof on big takes minutes)
#   bench/run.sh --no-go-big      skip go tool pprof on the big profile
#   bench/run.sh --no-go          skip go tool pprof entirely
#   bench/run.sh --runs 3 --only medium --no-build
#   bench/run.sh --pa mine=/path/to/pa   measure this binary instead of building
#
# Needs: cargo, python3, /usr/bin/time (apt-get install time), gzip.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${BENCH_OUT:-$here/out}
build=1
musl=auto
pas=()
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --no-musl) musl=0 ;;
    --pa) pas+=("$2"); shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done
mkdir -p "$out"

if ! [ -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi

# The generator: its own crate, never part of the main crate's build.
gen=$here/genprofile/target/release/genprofile
if [ "$build" = 1 ] || ! [ -x "$gen" ]; then
  cargo build --quiet --release --manifest-path "$here/genprofile/Cargo.toml"
fi

# Inputs, made once per generator version (delete $out to remake them).
stamp=$(cksum <"$here/genprofile/src/main.rs" | cut -d' ' -f1)
make_input() { # name, generator args...
  local name=$1
  shift
  if ! [ -s "$out/$name" ] || [ "$(cat "$out/$name.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: generating $name" >&2
    "$gen" "$@" 2>/dev/null
    echo "$stamp" >"$out/$name.stamp"
  fi
}
make_input big.pb.gz pprof "$out/big.pb.gz" --preset big --seed 1
make_input big2.pb.gz pprof "$out/big2.pb.gz" --preset big --seed 1 --value-seed 2
make_input medium.pb.gz pprof "$out/medium.pb.gz" --preset medium --seed 3
make_input small.pb.gz pprof "$out/small.pb.gz" --preset small --seed 4
make_input goroutines.txt goroutines "$out/goroutines.txt" --bytes $((64 << 20))

if [ ${#pas[@]} -eq 0 ]; then
  if [ "$build" = 1 ]; then
    (cd "$root" && cargo build --quiet --release)
  fi
  pas+=("glibc=$root/target/release/pa")
  # The static musl binary users run, built as .ci/build-static builds it.
  static=$root/target/x86_64-unknown-linux-musl/static/pa
  if [ "$musl" != 0 ] && [ "$build" = 1 ]; then
    "$root/.ci/build-static" >/dev/null || echo "bench: the static musl build failed; skipped" >&2
  fi
  if [ "$musl" != 0 ] && [ -x "$static" ]; then
    pas+=("musl=$static")
  fi
fi

real=""
for c in "$root/../shared/conformance/pprof/large.cpu.pb.gz" "${PA_BENCH_REAL:-}"; do
  if [ -n "$c" ] && [ -s "$c" ]; then real=$c; fi
done

pa_args=()
for p in "${pas[@]}"; do pa_args+=(--pa "$p"); done
exec python3 "$here/measure.py" --inputs "$out" --real "$real" --small-real "$root/testdata/profiles/cpu.pb.gz" "${pa_args[@]}" ${args[@]+"${args[@]}"}
