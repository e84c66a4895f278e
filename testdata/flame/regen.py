#!/usr/bin/env python3
"""Expected folded stacks for `pa flame --folded`, computed independently of
pa from `go tool pprof -traces` (Go 1.27's pprof) for each case in cases.txt.

Usage (from anywhere; needs Go 1.27.x as `go` on PATH or GO=/path/to/go):
    testdata/flame/regen.py

-traces prints every sample (leaf first, values formatted); the unit flag
makes each value an exact integer (`-unit=ns` for time, `-unit=b` for
bytes). This script reverses each stack to root first, escapes every frame
the way pa documents (`%`, `;`, control characters, U+FFFE/U+FFFF and
invalid UTF-8 bytes become %XX of their bytes), sums the values per stack,
drops stacks that sum to zero and sorts the lines by bytes.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GO = os.environ.get("GO", "go")
SEP = b"-----------+-------------------------------------------------------"
VALUE = re.compile(rb"^ *(-?\d+)(ns|B)?   (.*)$", re.S)


def escape(name: bytes) -> str:
    out = []
    text = name.decode("utf-8", errors="surrogateescape")
    for ch in text:
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:  # an invalid byte
            out.append("%%%02X" % (cp - 0xDC00))
        elif ch in "%;" or cp < 0x20 or 0x7F <= cp <= 0x9F or cp in (0xFFFE, 0xFFFF):
            out.append("".join("%%%02X" % b for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def traces(pprof_args):
    # The first run tells the unit from the header; then rerun with an
    # exact unit.
    cmd = [GO, "tool", "pprof", "-traces"] + pprof_args
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True).stdout
    header = out.split(SEP, 1)[0]
    unit = []
    if re.search(rb"Total samples = [0-9.]+(ns|us|\xc2\xb5s|ms|s|hrs)\b", header) or b"Type: cpu" in header or b"delay" in header:
        unit = ["-unit=ns"]
    elif re.search(rb"Type: \w*(space|bytes)", header):
        unit = ["-unit=b"]
    if unit:
        out = subprocess.run([GO, "tool", "pprof", "-traces"] + unit + pprof_args, cwd=ROOT, check=True, capture_output=True).stdout
    return out


def folded(out: bytes):
    sums = {}
    blocks = out.split(SEP + b"\n")[1:]
    for block in blocks:
        lines = block.split(b"\n")
        frames = None
        value = None
        for line in lines:
            if frames is None:
                m = VALUE.match(line)
                if m:
                    value = int(m.group(1))
                    frames = [m.group(3)]
                continue
            if line.startswith(b" " * 13):
                frames.append(line[13:])
            elif line == b"" or line == SEP:
                continue
            else:  # a name with a newline in it
                frames[-1] += b"\n" + line
        if frames is None:
            # Only the text after the closing separator has no frames; a
            # value that is not an exact integer would land here too.
            if block.strip():
                sys.exit("regen.py: cannot parse -traces block:\n" + block.decode("utf-8", "replace"))
            continue
        names = []
        for f in frames:
            if f.endswith(b" (inline)"):
                f = f[: -len(b" (inline)")]
            names.append(escape(f))
        stack = ";".join(reversed(names))
        sums[stack] = sums.get(stack, 0) + value
    lines = [(k.encode("utf-8"), v) for k, v in sums.items() if v != 0]
    lines.sort()
    return b"".join(k + b" " + str(v).encode() + b"\n" for k, v in lines)


def main():
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    with open(os.path.join(HERE, "cases.txt")) as f:
        for raw in f:
            raw = raw.strip()
            if not raw or raw.startswith("#"):
                continue
            name, _pa, pprof = [x.strip() for x in raw.split("|")]
            out = traces(pprof.split())
            with open(os.path.join(HERE, "expected", name + ".folded"), "wb") as w:
                w.write(folded(out))
            print(name, file=sys.stderr)


if __name__ == "__main__":
    main()
