#!/usr/bin/env python3
"""Runs the benchmark cases and prints the table (called by bench/run.sh).

Each case runs several times; the table shows the median wall time, the
median CPU time (user + sys, children included) and the median peak RSS,
all taken from wait4() on the child. Standard library only.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time


def run_once(cmd, stdout_path=None):
    """One run: (wall s, cpu s, peak RSS MB, exit code)."""
    out = open(stdout_path or os.devnull, "wb")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    out.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, p.returncode


def measure(cmd, runs):
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        w, c, r, rc = run_once(cmd)
        if rc != 0:
            return {"failed": rc}
        walls.append(w)
        cpus.append(c)
        rss.append(r)
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "rss": statistics.median(rss),
        "runs": runs,
        "min_wall": min(walls),
    }


def subcommands(pa):
    """The subcommands this pa build has (parsed from --help)."""
    try:
        text = subprocess.run([pa, "--help"], capture_output=True, text=True).stdout
    except OSError:
        return set()
    cmds, on = set(), False
    for line in text.splitlines():
        if line.strip().lower().startswith("commands:"):
            on = True
            continue
        if on:
            if not line.startswith("  "):
                break
            cmds.add(line.split()[0])
    return cmds


def fmt_time(s):
    if s is None:
        return "-"
    if s < 0.1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--real", default="")
    ap.add_argument("--small-real", default="")
    ap.add_argument("--pa", action="append", default=[], help="LABEL=PATH, repeatable")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big-runs", type=int, default=3)
    ap.add_argument("--small-runs", type=int, default=30)
    ap.add_argument("--go-runs", type=int, default=1)
    ap.add_argument("--no-go", action="store_true")
    ap.add_argument("--no-go-big", action="store_true")
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    ap.add_argument("--json", default="", help="also write the results here")
    a = ap.parse_args()

    inp = lambda n: os.path.join(a.inputs, n)  # noqa: E731
    big, big2, medium, small = inp("big.pb.gz"), inp("big2.pb.gz"), inp("medium.pb.gz"), inp("small.pb.gz")
    dump = inp("goroutines.txt")
    go = None if a.no_go else shutil.which("go")

    facts = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "big_raw_mb": None,
    }
    print(f"# pa benchmark, {facts['date']}: {facts['nproc']} cores, {facts['cpu']}, "
          f"load average at start {facts['load']}", flush=True)
    for name in (big, medium):
        if os.path.exists(name):
            raw = subprocess.run(f"gzip -dc '{name}' | wc -c", shell=True, capture_output=True, text=True)
            print(f"# {os.path.basename(name)}: {os.path.getsize(name) / 1e6:.1f} MB gzipped, "
                  f"{int(raw.stdout) / 1e6:.1f} MB raw", flush=True)

    # (case, build, command, runs, key for ratios)
    cases = []
    gz = lambda f: ["sh", "-c", f"gzip -dc '{f}' | wc -c"]  # noqa: E731
    cases.append(("gzip -dc | wc -c, big", "-", gz(big), a.big_runs, "gunzip-big"))
    cases.append(("gzip -dc | wc -c, medium", "-", gz(medium), a.runs, "gunzip-medium"))
    for spec in a.pa:
        label, _, pa = spec.partition("=")
        cmds = subcommands(pa)
        top = lambda f: [pa, "top", "--format", "pprof", f]  # noqa: E731
        cases.append(("pa top, big", label, top(big), a.big_runs, f"{label}:top-big"))
        cases.append(("pa top, medium", label, top(medium), a.runs, f"{label}:top-medium"))
        if a.real:
            cases.append(("pa top, real large.cpu", label, top(a.real), a.runs, f"{label}:top-real"))
        cases.append(("pa top, small (startup)", label, top(small), a.small_runs, f"{label}:top-small"))
        if a.small_real:
            cases.append(("pa top, testdata cpu (startup)", label, top(a.small_real), a.small_runs, f"{label}:top-tiny"))
        if "diff" in cmds:
            cases.append(("pa diff, big vs big2", label, [pa, "diff", "--base", big2, big], a.big_runs, f"{label}:diff-big"))
        else:
            cases.append(("pa top --base (no pa diff yet), big", label,
                          [pa, "top", "--format", "pprof", "--base", big2, big], a.big_runs, f"{label}:diff-big"))
        if "flame" in cmds:
            cases.append(("pa flame, big", label, [pa, "flame", big], a.big_runs, f"{label}:flame-big"))
        if "goroutines" in cmds:
            cases.append(("pa goroutines, 64 MiB dump", label, [pa, "goroutines", dump], a.runs, f"{label}:goroutines"))
        cases.append(("pa pprof -top, big", label, [pa, "pprof", "-top", big], a.big_runs, f"{label}:pprof-big"))
        cases.append(("pa pprof -top, medium", label, [pa, "pprof", "-top", medium], a.runs, f"{label}:pprof-medium"))
        if a.real:
            cases.append(("pa pprof -top, real large.cpu", label, [pa, "pprof", "-top", a.real], a.runs, f"{label}:pprof-real"))
    if go:
        gocmd = lambda f: [go, "tool", "pprof", "-top", f]  # noqa: E731
        subprocess.run(gocmd(small), capture_output=True)  # builds/caches the tool
        cases.append(("go tool pprof -top, medium", "go", gocmd(medium), a.go_runs, "go:pprof-medium"))
        if a.real:
            cases.append(("go tool pprof -top, real large.cpu", "go", gocmd(a.real), a.go_runs, "go:pprof-real"))
        if not a.no_go_big:
            cases.append(("go tool pprof -top, big", "go", gocmd(big), a.go_runs, "go:pprof-big"))
    skipped = []
    if not go:
        skipped.append("go tool pprof: not on the PATH (or --no-go); comparison skipped")
    elif a.no_go_big:
        skipped.append("go tool pprof on big: skipped (--no-go-big)")
    for spec in a.pa:
        label, _, pa = spec.partition("=")
        cmds = subcommands(pa)
        for c in ("diff", "flame", "goroutines"):
            if c not in cmds:
                skipped.append(f"{label}: this pa has no `{c}` command")

    results = {}
    rows = []
    for name, build, cmd, runs, key in cases:
        if a.only and a.only not in name and a.only not in key:
            continue
        r = measure(cmd, runs)
        results[key] = r
        rows.append((name, build, key, r))
        if "failed" in r:
            print(f"  {name} [{build}]: exit {r['failed']}", file=sys.stderr, flush=True)
        else:
            print(f"  {name} [{build}]: {fmt_time(r['wall'])} wall, {fmt_time(r['cpu'])} cpu, "
                  f"{r['rss']:.0f} MB", file=sys.stderr, flush=True)

    # Same output as go tool pprof? (pa's promise; checked where both ran.)
    same = {}
    if go:
        for spec in a.pa:
            label, _, pa = spec.partition("=")
            for tag, f in (("medium", medium), ("real", a.real)):
                if not f or f"go:pprof-{tag}" not in results:
                    continue
                x = subprocess.run([pa, "pprof", "-top", f], capture_output=True).stdout
                y = subprocess.run([go, "tool", "pprof", "-top", f], capture_output=True).stdout
                same[f"{label}:{tag}"] = x == y

    def get(k, field="wall"):
        r = results.get(k)
        return None if r is None or "failed" in r else r[field]

    def ratio_note(key, build):
        """The target column: what this row is held to, and whether it holds."""
        out = []

        def check(ok, text):
            out.append(("ok " if ok else "MISS ") + text)

        w, rss = get(key), get(key, "rss")
        kind = key.split(":", 1)[-1]
        if w is None or build in ("go", "-"):
            return ""
        if kind == "top-big":
            check(w <= 3.0, "≤ 3 s")
            g = get("gunzip-big")
            if g:
                check(w <= 2 * g, f"{w / g:.2f}x gunzip (≤ 2x)")
            check(rss <= 600, "≤ 600 MB")
        elif kind == "top-medium":
            check(w <= 0.3, "≤ 0.3 s")
            check(rss <= 100, "≤ 100 MB")
        elif kind in ("top-small", "top-tiny"):
            check(w <= 0.005, "≤ 5 ms")
        elif kind in ("diff-big", "flame-big"):
            t = get(f"{build}:top-big")
            if t:
                check(w <= 2 * t, f"{w / t:.2f}x pa top big (≤ 2x)")
        elif kind == "goroutines":
            check(w <= 1.0, "≤ 1 s")
        elif kind.startswith("pprof-"):
            tag = kind.split("-", 1)[1]
            g = get(f"go:pprof-{tag}")
            want = {"big": 50, "medium": 20}.get(tag)
            if g:
                text = f"go is {g / w:.0f}x slower"
                if want:
                    check(g / w >= want, text + f" (≥ {want}x)")
                else:
                    out.append(text)
                if f"{build}:{tag}" in same:
                    out.append("same output" if same[f"{build}:{tag}"] else "OUTPUT DIFFERS")
        return "; ".join(out)

    print()
    print("| case | build | wall (median) | CPU (user+sys) | peak RSS | runs | target |")
    print("|---|---|---:|---:|---:|---:|---|")
    for name, build, key, r in rows:
        if "failed" in r:
            print(f"| {name.replace('|', '&#124;')} | {build} | failed (exit {r['failed']}) | | | | |")
            continue
        print(f"| {name.replace('|', '&#124;')} | {build} | {fmt_time(r['wall'])} | {fmt_time(r['cpu'])} | "
              f"{r['rss']:.0f} MB | {r['runs']} | {ratio_note(key, build)} |")
    for s in skipped:
        print(f"\n_{s}_", end="")
    print()
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"facts": facts, "results": results, "same_output": same}, f, indent=1)


if __name__ == "__main__":
    main()
