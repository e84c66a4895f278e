#!/usr/bin/env python3
"""Writes small legacy-format profiles that exercise the corners of pprof's
legacy parsers (word sizes and byte orders of the binary CPU format,
memory-map heuristics, heap sampling kinds, contention preambles, threadz
markers, Java symbol tables, malformed lines). The expected outputs come
from pprof's own parser (regen.sh runs this first, then the oracle)."""
import os
import struct
import sys

out = sys.argv[1]


def write(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


MAPS = """MAPPED_LIBRARIES:
/anon_hugepage 00200000-00400000 rw-p 00000000 00:00 0
00400000-00500000 r-xp 00000000 08:01 1 /usr/bin/prog
00500000-00600000 r-xp 00100000 08:01 1 /usr/bin/prog
00600000-00601000 rw-p 00200000 08:01 1 /usr/bin/prog
I0101 00:00:00.000000 12345 main.cc:42] 7f0000000000-7f0000100000 r-xp 00000000 08:01 2 /lib/libc-2.15.so
build=abc123
7f0000200000-7f0000300000 /opt/lib/libx.so.1 (@1000) $build
7fff00000000-7fff00001000 r-xp 00000000 00:00 0 [vdso]
"""


def cpu(fmt, java=False, records=None, maps=MAPS, trailer=True):
    """A binary CPU profile in word format fmt (struct code with order)."""
    words = [0, 3, 1 if java else 0, 10000, 0]
    if records is None:
        records = [
            (5, [0x401000, 0x402345, 0x403000]),
            (3, [0x401100, 0x402345, 0x403000]),
            (2, [0x7f0000000100, 0x402345, 0x404000, 0x403000]),
            (1, [0x401200, 0x401200, 0x403000]),
            (4, [0x7f0000200010, 0x402345]),
            (1, [0x9000000, 0x402345]),
            (7, [0x500100, 0x402345, 0x403000]),
        ]
    for count, stack in records:
        words += [count, len(stack)] + stack
    if trailer:
        words += [0, 1, 0]
    data = b"".join(struct.pack(fmt, w) for w in words)
    return data + maps.encode()


for name, fmt in [("32l", "<I"), ("32b", ">I"), ("64l", "<Q"), ("64b", ">Q")]:
    recs = None
    if name.startswith("32"):
        recs = [
            (5, [0x401000, 0x402345, 0x403000]),
            (3, [0x401100, 0x402345, 0x403000]),
            (1, [0x401200, 0x401200, 0x403000]),
            (6, [0x501000, 0x402345, 0x403000]),
            (2, [0x9000000, 0x402345]),
        ]
    write(f"legacy-cpu-{name}", cpu(fmt, records=recs))
# Every sample shares its second frame: stripped (twice at most).
write(
    "legacy-cpu-strip",
    cpu(
        "<Q",
        records=[(i + 1, [0x401000 + i, 0x402000, 0x403000, 0x404000]) for i in range(40)]
        + [(1, [0x401000])],
    ),
)
# No end marker: the records simply run out.
write("legacy-cpu-noeod", cpu("<Q", trailer=False, maps=""))
# A record that claims more frames than there are bytes.
data = cpu("<Q", maps="")
write("legacy-cpu-truncated", data[: 5 * 8 + 2 * 8 + 8])

JAVA_SYMBOLS = """
 0x0000000000401000 com.example.Main.run (Main.java:42)
 0x0000000000402345 com.example.Main.loop (Main.java:-1)
 0x0000000000403000 libjvm.so (/usr/lib/jvm/lib/server/libjvm.so)
 0x0000000000401100 Interpreter generated stub/JIT
 0x0000000000401200 GC
 0x0000000000401200 VM
 0x0000000000777777 unused (Unused.java:1)
"""
write("legacy-java-cpu", cpu("<Q", java=True, maps=JAVA_SYMBOLS))

# Heap profiles: each sampling kind.
HEAP_SAMPLES = """1: 524288 [3: 1572864] @ 0x401000 0x402000 0x403000
2: 1000 [2: 1000] @ 0x401000 0x402000
0: 0 [10: 40960] @ 0x404000 0x402000
# a comment
   
5: 100 [5: 100] @
"""
for kind in ["heap_v2/524288", "heapz_v2/1048576", "heapprofile", "heap/1048576", "heap"]:
    tag = kind.replace("/", "-")
    write(f"legacy-heap-{tag}", f"heap profile: 8: 526388 [20: 1614924] @ {kind}\n" + HEAP_SAMPLES + MAPS)
write(
    "legacy-heap-noalloc",
    "heap profile: 3: 300 [3: 300] @ heap_v2/1000\n1: 100 [1: 100] @ 0x401000\n2: 200 [2: 200] @ 0x402000\n",
)
write(
    "legacy-growth",
    "heap profile: 2: 8192 [2: 8192] @ growthz\n1: 4096 [1: 4096] @ 0x401000 0x402000\n1: 4096 [1: 4096] @ 0x401000 0x403000\n"
    + MAPS,
)
write(
    "legacy-fragmentation",
    "heap profile: 2: 8192 [2: 8192] @ fragmentationz\n1: 4096 [1: 4096] @ 0x401000\n",
)
write("legacy-heap-unknown-kind", "heap profile: 1: 1 [1: 1] @ heapfoo/1\n1: 1 [1: 1] @ 0x1\n")
write("legacy-heap-badline", "heap profile: 1: 1 [1: 1] @ heap/2\n1: 1 [1: 1] @ 0x401000\n1: 1 [1 1] @ 0x401000\n")
write("legacy-heap-zerocount", "heap profile: 1: 1 [1: 1] @ heap/2\n0: 5 [1: 1] @ 0x401000\n")
write("legacy-heap-bigaddr", "heap profile: 1: 1 [1: 1] @ heap/2\n1: 1 [1: 1] @ 0x10000000000000000\n")

# Count profiles.
write(
    "legacy-goroutine",
    "# leading comment\n\ngoroutine profile: total 12\n10 @ 0x401000 0x402000 0x403000\n#\t0x400fff\tmain.f+0x1\tmain.go:3\n\n010 @ 0x401000 0x404000\n1 @ 0x0\n--- trailer\n"
    + MAPS,
)
write("legacy-goroutine-badline", "goroutine profile: total 2\n1 @ 0x401000\n1 @ 0x40100g\n")
write("legacy-goroutine-trailingspace", "goroutine profile: total 1\n1 @ 0x401000 \n")

# Contention profiles.
write(
    "legacy-contentionz",
    "--- contentionz 1 ---\ncycles/second = 0x7735940\nsampling period = 010\nms since reset = 1_000\ndiscarded samples = 0\n"
    "  19490304       27 @ 0x401000 0x402000 0x403000\n       768        1 @ 0x401000\n12 @ 0x404000\n--- Memory map: ---\n"
    + MAPS[len("MAPPED_LIBRARIES:\n") :],
)
write("legacy-contention-noperiod", "--- contention:\n100 2 @ 0x401000 0x402000\n")
write("legacy-contention-badkey", "--- mutex:\nfoo = 1\n100 2 @ 0x401000\n")
write("legacy-contention-badline", "--- mutex:\ncycles/second=1000000000\n100 2 @ 0x401000\n100 2 0x401000\n")

# Threadz.
write(
    "legacy-threadz",
    "--- threadz 2 ---\ncomment line\n--- Thread 7f00 (name: main/1) stack: ---\n  PC: 0x401000 0x402000\n  0x403000\n"
    "--- Thread 7f01 (name: w/2) stack: ---\n  same as previous thread\n--- Thread 7f02 (name: w/3) stack: ---\n  PC: 0x401000 0x401001\n"
    "---- no stack trace for thread 4\n",
)
write(
    "legacy-threadz-nomap",
    "--- Thread 7f00 (name: main/1) stack: ---\n  PC: 0x401000 0x402000\n",
)

# Java text profiles.
write(
    "legacy-java-heap",
    "--- heapz 1 ---\nformat = java\nresolution = bytes\n  7048  1 @ 0x401000 0x402345\n  4752  9 @ 0x403000\n  240 5 @ 0x401200 0x777\n\n"
    + JAVA_SYMBOLS,
)
write(
    "legacy-java-contention",
    "--- contentionz 1 ---\nformat = java\nresolution = microseconds\nsampling period = 100\nms since reset = 6000\n  100  3 @ 0x401000 0x402345\n  20 1 @ 0x403000\n"
    + JAVA_SYMBOLS,
)
write("legacy-java-noresolution", "--- heapz 1 ---\nformat = java\n  7048  1 @ 0x401000\n" + JAVA_SYMBOLS)
write("legacy-java-zerocount", "--- heapz 1 ---\nformat = java\nresolution = bytes\n  7048  0 @ 0x401000\n")
