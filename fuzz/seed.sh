#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from testdata/ (and from the
# shared pprof conformance files when they sit beside the repository).
# The corpus is not committed; run this before the first `cargo fuzz run`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"
shared="$root/../shared/conformance/pprof"
mkdir -p "$corpus"/{proto,decode,legacy,goroutines,url}

n=0
put() { # put TARGET FILE: copy FILE as a seed of TARGET
  n=$((n + 1))
  cp "$2" "$corpus/$1/seed-$n-$(basename "$2")"
}
inflated() { # inflated FILE: the bytes, gunzipped if gzipped
  if gzip -t "$1" 2>/dev/null; then gzip -dc "$1"; else cat "$1"; fi
}

# Protobuf profiles: gzipped for `decode`, raw for `proto`.
for f in "$root"/testdata/profiles/*.pb.gz "$root"/testdata/goroutines/dumps/*.pb.gz "$shared"/fixtures/*.pb.gz; do
  [ -f "$f" ] || continue
  [ "$(stat -c %s "$f")" -le 262144 ] || continue
  put decode "$f"
  tmp="$(mktemp)"
  inflated "$f" > "$tmp"
  put proto "$tmp"
  rm -f "$tmp"
done

# Legacy text and binary profiles: for `decode`, and for `legacy` with
# the mode byte in front (0: pprof's reading, 1: symbolized).
for f in "$root"/testdata/profiles/*.txt "$shared"/legacy/*; do
  [ -f "$f" ] || continue
  case "$f" in *.string) continue ;; esac
  [ "$(stat -c %s "$f")" -le 262144 ] || continue
  put decode "$f"
  for mode in 0 1; do
    tmp="$(mktemp)"
    { printf "\\x$mode"; cat "$f"; } > "$tmp"
    put legacy "$tmp"
    rm -f "$tmp"
  done
done

# Goroutine dumps in every form.
for f in "$root"/testdata/goroutines/dumps/* "$root"/testdata/profiles/goroutine*; do
  [ -f "$f" ] || continue
  put goroutines "$f"
done

# Source specs and URLs; after a NUL, a redirect target.
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%b' "$line" > "$corpus/url/spec-$i"
done <<'SPECS'
localhost:6060
localhost:6060/debug/pprof/heap
http://user:secret@host:8080/debug/pprof/profile?seconds=5
https+insecure://[::1]:443/debug/pprof/goroutine?debug=2
http://host/debug/pprof/\0../other?x=%41
http://host:6060/a/b?q=1&seconds=30\0//elsewhere:1/z
mem:7/path
host:port
512M
1m30s
1.5h
SPECS
echo "seeded $n files, $i specs into $corpus"
