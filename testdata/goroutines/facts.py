#!/usr/bin/env python3
"""Reference facts about the goroutine dumps, computed independently of pa.

Usage: facts.py DUMPS_DIR > facts.json

For every dump: the goroutine total, the state histogram (debug=2 and crash
dumps), the wait-minutes histogram, locked and labeled counts, created-by
counts, elision markers, the label distribution ({key: {value: count}}) and
the groups: goroutines keyed by their normalized stack, which is the list of
(function, line) pairs, innermost first, after dropping the leading
runtime frames and runtime.goexit, folding generic type arguments to
[...] and merging consecutive equal frames (recursion). The protobuf form
is decoded by a small reader below, with no dependencies.
"""
import gzip
import json
import os
import re
import sys

HEADER = re.compile(r'^goroutine (\d+)(?: gp=\S+ m=\S+(?: mp=\S+)?)? \[(.*)$')
FILELINE = re.compile(r'^\s*(.*):(\d+)(?: \+0x[0-9a-f]+)?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+)?$')


def fold_generics(name):
    out, depth = [], 0
    for ch in name:
        if ch == '[':
            if depth == 0:
                out.append('[...]')
            depth += 1
        elif ch == ']' and depth > 0:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return ''.join(out)


def is_runtime(func):
    return func.startswith('runtime.') or func.startswith('internal/runtime/')


def normalize(frames):
    """frames: [(func, line)] innermost first -> tuple key"""
    frames = [f for f in frames if f[0] != 'runtime.goexit']
    i = 0
    while i < len(frames) and is_runtime(frames[i][0]):
        i += 1
    if i < len(frames):
        frames = frames[i:]
    key = []
    for func, line in frames:
        f = (fold_generics(func), line)
        if not key or key[-1] != f:
            key.append(f)
    return tuple(key)


def key_str(key):
    return ' < '.join('%s:%d' % f for f in key)


def go_unquote_pairs(text):
    """Parses k: v, "k": "v" pairs (Go %q quoting or bare words)."""
    pairs, i, n = [], 0, len(text)

    def token(i):
        if text[i] == '"':
            j, buf = i + 1, bytearray()
            while text[j] != '"':
                c = text[j]
                if c == '\\':
                    e = text[j + 1]
                    simple = {'n': 10, 't': 9, 'r': 13, '"': 34, '\\': 92, 'a': 7, 'b': 8, 'f': 12, 'v': 11, "'": 39}
                    if e in simple:
                        buf.append(simple[e]); j += 2
                    elif e == 'x':
                        buf.append(int(text[j + 2:j + 4], 16)); j += 4
                    elif e == 'u':
                        buf += chr(int(text[j + 2:j + 6], 16)).encode(); j += 6
                    elif e == 'U':
                        buf += chr(int(text[j + 2:j + 10], 16)).encode(); j += 10
                    else:
                        buf.append(int(text[j + 1:j + 4], 8)); j += 4
                else:
                    buf += c.encode(); j += 1
            return buf.decode('utf-8', 'replace'), j + 1
        j = i
        while j < n and text[j] not in ':,} ':
            j += 1
        return text[i:j], j

    while i < n:
        while i < n and text[i] in ' ,':
            i += 1
        if i >= n:
            break
        k, i = token(i)
        assert text[i] == ':', text
        i += 1
        while text[i] == ' ':
            i += 1
        v, i = token(i)
        pairs.append((k, v))
    return pairs


class Facts:
    def __init__(self, kind):
        self.kind = kind
        self.total = 0
        self.groups = {}
        self.labels = {}

    def add(self, key, count, state=None, labels=()):
        g = self.groups.setdefault(key, {'count': 0, 'states': {}, 'labels': {}})
        g['count'] += count
        if state is not None:
            g['states'][state] = g['states'].get(state, 0) + count
        for k, v in labels:
            g['labels'].setdefault(k, {})
            g['labels'][k][v] = g['labels'][k].get(v, 0) + count
            self.labels.setdefault(k, {})
            self.labels[k][v] = self.labels[k].get(v, 0) + count

    def out(self, extra):
        d = {'kind': self.kind, 'total': self.total}
        d.update(extra)
        d['labels'] = self.labels
        d['group_count'] = len(self.groups)
        d['groups'] = {key_str(k): g for k, g in sorted(self.groups.items(), key=lambda kv: (-kv[1]['count'], key_str(kv[0])))}
        return d


def parse_header(rest):
    """rest: the text after 'goroutine N [': returns state, minutes, locked, labels"""
    labels = []
    m = re.search(r' labels:\{(.*)\}\]:$', rest)  # Go 1.26
    if m:
        labels = go_unquote_pairs(m.group(1))
        inside = rest[:m.start()]
    else:
        close = rest.index(']')
        inside = rest[:close]
        after = rest[close + 1:]
        if after.startswith(' {'):  # Go 1.27
            labels = go_unquote_pairs(after[2:after.rindex('}')])
    items = inside.split(', ')
    state = re.sub(r' \((leaked|scan)\)', '', items[0])
    minutes, locked = None, False
    for it in items[1:]:
        if re.fullmatch(r'\d+ minutes', it):
            minutes = int(it.split()[0])
        elif it == 'locked to thread':
            locked = True
    return state, minutes, locked, labels


def text_facts(text, kind):
    f = Facts(kind)
    states, minutes = {}, {}
    locked = labeled = created = created_in = elided = 0
    cur = None

    def flush():
        if cur is not None:
            f.add(normalize(cur['frames']), 1, cur['state'], cur['labels'])

    lines = text.replace('\r\n', '\n').split('\n')
    i = 0
    pending = None
    for line in lines:
        s = line.strip()
        m = HEADER.match(s)
        if m:
            flush()
            st, mins, lk, lbls = parse_header(m.group(2))
            cur = {'frames': [], 'state': st, 'labels': lbls, 'skip': False}
            f.total += 1
            states[st] = states.get(st, 0) + 1
            if mins is not None:
                minutes[str(mins)] = minutes.get(str(mins), 0) + 1
            locked += lk
            labeled += bool(lbls)
            pending = None
            continue
        if cur is None:
            continue
        if s == '':
            flush(); cur = None; continue
        if s.startswith('created by '):
            created += 1
            created_in += ' in goroutine ' in s
            cur['skip'] = True
            continue
        if s.startswith('[originating from goroutine'):
            cur['skip'] = True
            continue
        if re.fullmatch(r'\.\.\.(\d+|additional) frames elided\.\.\.', s):
            elided += 1
            continue
        fm = FILELINE.match(s)
        if fm and pending is not None:
            if not cur['skip']:
                cur['frames'].append((pending, int(fm.group(2))))
            pending = None
            continue
        if s.endswith(')') and '(' in s:
            pending = s[:s.rindex('(')]
            continue
        # anything else ends the dump (log lines, register dumps)
        flush(); cur = None
    flush()
    return f.out({'states': states, 'wait_minutes': minutes, 'locked': locked,
                  'labeled_headers': labeled, 'created_by': created,
                  'created_by_in_goroutine': created_in, 'elision_markers': elided})


def debug1_facts(text):
    f = Facts('debug1')
    lines = text.split('\n')
    m = re.fullmatch(r'goroutine profile: total (\d+)', lines[0])
    declared = int(m.group(1))
    i, total = 1, 0
    while i < len(lines):
        cm = re.fullmatch(r'(\d+) @(( 0x[0-9a-f]+)+)', lines[i])
        if not cm:
            i += 1
            continue
        count = int(cm.group(1))
        total += count
        i += 1
        labels, frames = [], []
        while i < len(lines) and lines[i].startswith('#'):
            l = lines[i]
            if l.startswith('# labels: {'):
                labels = go_unquote_pairs(l[len('# labels: {'):-1])
            else:
                parts = [p for p in l[1:].split('\t') if p]
                if len(parts) == 3:
                    func = parts[1][:parts[1].rindex('+0x')]
                    line = int(parts[2][parts[2].rindex(':') + 1:])
                    frames.append((func, line))
            i += 1
        f.add(normalize(frames), count, None, labels)
    f.total = total
    return f.out({'declared_total': declared})


def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return v, i


def fields(b):
    i = 0
    while i < len(b):
        key, i = varint(b, i)
        fn, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            ln, i = varint(b, i)
            v = b[i:i + ln]; i += ln
        elif wt == 1:
            v = b[i:i + 8]; i += 8
        elif wt == 5:
            v = b[i:i + 4]; i += 4
        else:
            raise ValueError('wire type %d' % wt)
        yield fn, wt, v


def packed(wt, v):
    if wt == 0:
        return [v]
    out, i = [], 0
    while i < len(v):
        x, i = varint(v, i)
        out.append(x)
    return out


def signed(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def debug0_facts(data):
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    strings, samples, locs, funcs = [], [], {}, {}
    for fn, wt, v in fields(data):
        if fn == 6:
            strings.append(v.decode('utf-8', 'replace'))
        elif fn == 2:
            s = {'locs': [], 'values': [], 'labels': []}
            for f2, w2, v2 in fields(v):
                if f2 == 1:
                    s['locs'] += packed(w2, v2)
                elif f2 == 2:
                    s['values'] += [signed(x) for x in packed(w2, v2)]
                elif f2 == 3:
                    lab = dict((f3, v3) for f3, _, v3 in fields(v2))
                    s['labels'].append((lab.get(1, 0), lab.get(2, 0)))
            samples.append(s)
        elif fn == 4:
            loc = {'id': 0, 'lines': []}
            for f2, w2, v2 in fields(v):
                if f2 == 1:
                    loc['id'] = v2
                elif f2 == 4:
                    ln = dict((f3, v3) for f3, _, v3 in fields(v2))
                    loc['lines'].append((ln.get(1, 0), ln.get(2, 0)))
            locs[loc['id']] = loc['lines']
        elif fn == 5:
            fu = dict((f2, v2) for f2, _, v2 in fields(v))
            funcs[fu.get(1, 0)] = fu.get(2, 0)
    f = Facts('debug0')
    negative = 0
    for s in samples:
        frames = []
        for lid in s['locs']:
            for fid, line in locs[lid]:
                frames.append((strings[funcs[fid]], line))
        labels = sorted((strings[k], strings[v]) for k, v in s['labels'])
        count = s['values'][0]
        negative += count < 0
        f.total += count
        f.add(normalize(frames), count, None, labels)
    return f.out({'samples': len(samples), 'negative_samples': negative})


def main():
    d = sys.argv[1]
    out = {}
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        data = open(path, 'rb').read()
        if name.endswith('.gz') and not name.endswith('.pb.gz'):
            data = gzip.decompress(data)
        if '.debug0.' in name or '.delta.' in name:
            out[name] = debug0_facts(data)
        elif '.debug1.' in name:
            out[name] = debug1_facts(data.decode('utf-8', 'replace'))
        elif '.debug2.' in name:
            out[name] = text_facts(data.decode('utf-8', 'replace'), 'debug2')
        else:
            out[name] = text_facts(data.decode('utf-8', 'replace'), 'crash')
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=True)
    sys.stdout.write('\n')


main()
