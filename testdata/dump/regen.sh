#!/usr/bin/env bash
# Regenerates the expected outputs listed in testdata/dump/cases with pprof's
# own profile package: the copy vendored by the Go toolchain is copied into
# a scratch module together with oracle/main.go, built and run (TZ=UTC).
# Needs `go` (1.27.x, the version the other goldens use) on PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="$root/../shared/conformance/pprof"
goroot="$(go env GOROOT)"
vendored="$goroot/src/cmd/vendor/github.com/google/pprof"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cmd/oracle"
cp -r "$vendored/profile" "$work/profile"
cp -r "$vendored/internal/measurement" "$work/measurement"
sed -i 's#github.com/google/pprof/profile#oracle/profile#' "$work/measurement/"*.go
printf 'module oracle\n\ngo 1.22\n' >"$work/go.mod"
cp "$here/oracle/main.go" "$work/cmd/oracle/main.go"
(cd "$work" && GOFLAGS=-mod=mod go build -o "$work/oracle-bin" ./cmd/oracle)
if [ "${1:-}" = "--build-only" ]; then
	cp "$work/oracle-bin" "${2:?output path}"
	exit 0
fi
"$work/oracle-bin" synth "$here/in"
python3 "$here/gen_legacy.py" "$here/in"
mkdir -p "$here/expected"
while read -r out mode args; do
	case "$out" in '' | '#'*) continue ;; esac
	resolved=()
	for a in $args; do
		case "$a" in
		@shared/*) resolved+=("$shared/${a#@shared/}") ;;
		-*) resolved+=("$a") ;;
		*) resolved+=("$root/$a") ;;
		esac
	done
	TZ=UTC "$work/oracle-bin" "$mode" "${resolved[@]}" >"$here/expected/$out"
done <"$here/cases"
"$work/oracle-bin" scaleheap 5000 | gzip -9n >"$here/expected/scaleheap.txt.gz"
echo "regenerated $(ls "$here/expected" | wc -l) files in $here/expected"
