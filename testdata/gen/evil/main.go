// Command evil writes a synthetic, hostile-but-valid pprof profile.
//
// It encodes the profile.proto wire format by hand with a tiny encoder, so
// it needs nothing beyond the standard library. Its output is fully
// determined by this source (fixed timestamps, no randomness, a fixed
// gzip header).
//
// The profile contains function names with HTML/XML markup, quotes and
// ampersands, invalid UTF-8, ANSI escapes and other control characters,
// semicolons and newlines, format verbs, non-ASCII text, a very long name,
// an empty name, a location with no line information, inlined frames,
// recursion, a sample with an empty stack, samples with zero and negative
// values, string labels with markup, and numeric labels with units.
//
// Usage: evil -o evil.pb.gz
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"log"
	"os"
	"strings"
	"time"
)

// buf is a protobuf message under construction.
type buf struct{ b []byte }

func (m *buf) varint(v uint64) {
	for v >= 0x80 {
		m.b = append(m.b, byte(v)|0x80)
		v >>= 7
	}
	m.b = append(m.b, byte(v))
}

func (m *buf) key(field, wire int) { m.varint(uint64(field)<<3 | uint64(wire)) }

// u64 writes a varint field (skipped when zero, like proto3).
func (m *buf) u64(field int, v uint64) {
	if v == 0 {
		return
	}
	m.key(field, 0)
	m.varint(v)
}

func (m *buf) i64(field int, v int64) { m.u64(field, uint64(v)) }

func (m *buf) boolean(field int, v bool) {
	if v {
		m.u64(field, 1)
	}
}

func (m *buf) bytesField(field int, b []byte) {
	m.key(field, 2)
	m.varint(uint64(len(b)))
	m.b = append(m.b, b...)
}

func (m *buf) msg(field int, sub *buf) { m.bytesField(field, sub.b) }

// packed writes a packed repeated varint field.
func (m *buf) packed(field int, vs []uint64) {
	if len(vs) == 0 {
		return
	}
	var p buf
	for _, v := range vs {
		p.varint(v)
	}
	m.bytesField(field, p.b)
}

// strtab interns strings; index 0 is the empty string.
type strtab struct {
	list []string
	idx  map[string]int64
}

func (s *strtab) id(str string) int64 {
	if s.idx == nil {
		s.idx = map[string]int64{"": 0}
		s.list = []string{""}
	}
	if i, ok := s.idx[str]; ok {
		return i
	}
	i := int64(len(s.list))
	s.list = append(s.list, str)
	s.idx[str] = i
	return i
}

type function struct {
	name, file string
	start      int64
}

type line struct {
	fn   int // 1-based function id
	line int64
}

type location struct {
	addr  uint64
	lines []line // leaf first (innermost inlined frame first)
}

type label struct {
	key, str string
	num      int64
	unit     string
}

type sample struct {
	locs   []uint64 // location ids, leaf first
	values []int64
	labels []label
}

func main() {
	out := flag.String("o", "evil.pb.gz", "output file")
	flag.Parse()

	long := "main.(*" + strings.Repeat("VeryLongTypeName", 20) + ").Method[" + strings.Repeat("map[string][]int,", 12) + "]"

	funcs := []function{
		{"main.main", "evil/main.go", 10},                        // 1
		{"<script>alert(1)</script>", "evil/<dir>/x&y.html", 20}, // 2
		{`a&b"c'd`, `evil/quote"s.go`, 30},                       // 3
		{"bad\xff\xfe", "evil/bad\xffname.go", 40},               // 4
		{"red\x1b[31mtext\x1b[0m", "evil/ansi.go", 50},           // 5
		{"ctl\x01\x07\x08\ttab\rcr\x7f", "evil/ctl.go", 60},      // 6
		{"semi;colon;frame", "evil/semi;colon.go", 70},           // 7
		{"new\nline", "evil/new\nline.go", 80},                   // 8
		{long, "evil/long.go", 90},                               // 9
		{"fmt%s%d%%v%!", "evil/fmt.go", 100},                     // 10
		{"日本語.関数", "evil/ünïcödé.go", 110},                       // 11
		{"rtl\u202eevil\u202c.Func", "evil/rtl.go", 120},         // 12
		{"", "", 0}, // 13: empty name, no file
		{"main.inlinedLeaf", "/proc/self/cwd/evil/inline.go", 130},          // 14
		{"main.inlinedMiddle", "/proc/self/cwd/./evil/inline.go", 140},      // 15
		{"main.recurse", "evil/recurse.go", 150},                            // 16
		{"std::vector<int>::push_back(int const&)", "evil/vec.cc", 160},     // 17
		{"  spaces  around  ", "evil/ spaced .go", 170},                     // 18
		{"github.com/x/y/v2.(*Z).M.func1.2", "github.com/x/y/v2/z.go", 180}, // 19
	}

	locs := []location{
		{0x1000, []line{{1, 12}}},                   // 1 main.main
		{0x1100, []line{{2, 21}}},                   // 2 script
		{0x1200, []line{{3, 31}}},                   // 3 quotes
		{0x1300, []line{{4, 41}}},                   // 4 bad utf8
		{0x1400, []line{{5, 51}}},                   // 5 ansi
		{0x1500, []line{{6, 61}}},                   // 6 control chars
		{0x1600, []line{{7, 71}}},                   // 7 semicolons
		{0x1700, []line{{8, 81}}},                   // 8 newline
		{0x1800, []line{{9, 91}}},                   // 9 long
		{0x1900, []line{{10, 101}}},                 // 10 format verbs
		{0x1a00, []line{{11, 111}}},                 // 11 unicode
		{0x1b00, []line{{12, 121}}},                 // 12 rtl override
		{0x1c00, []line{{13, 0}}},                   // 13 empty name
		{0x1d00, nil},                               // 14 no line info at all
		{0x1e00, []line{{14, 131}, {15, 141}}},      // 15 inlined pair
		{0x1f00, []line{{16, 151}}},                 // 16 recurse
		{0x1f10, []line{{16, 155}}},                 // 17 recurse, other line
		{0x2000, []line{{17, 161}}},                 // 18 C++ name
		{0x2100, []line{{18, 171}}},                 // 19 spaces
		{0x2200, []line{{19, 181}}},                 // 20 module path closure
		{0x2300, []line{{2, 22}, {3, 32}, {4, 42}}}, // 21 three inlined evil frames
	}

	ms := int64(time.Millisecond)
	samples := []sample{
		{[]uint64{2, 1}, []int64{5, 50 * ms}, []label{{key: "tenant", str: "<b>acme</b>"}, {key: "bytes", num: 512}}},
		{[]uint64{3, 2, 1}, []int64{3, 30 * ms}, []label{{key: "tenant", str: `a&b "quoted"`}, {key: "request_size", num: 2048, unit: "bytes"}}},
		{[]uint64{4, 1}, []int64{7, 70 * ms}, []label{{key: "evil<key>", str: "bad\xffvalue"}, {key: "latency", num: 150, unit: "ms"}}},
		{[]uint64{5, 1}, []int64{2, 20 * ms}, []label{{key: "tenant", str: "red\x1b[31mco\x1b[0m"}}},
		{[]uint64{6, 5, 1}, []int64{1, 10 * ms}, nil},
		{[]uint64{7, 8, 1}, []int64{4, 40 * ms}, []label{{key: "note", str: "line1\nline2;x"}}},
		{[]uint64{9, 1}, []int64{6, 60 * ms}, []label{{key: "bytes", num: 1 << 20}}},
		{[]uint64{10, 11, 12, 1}, []int64{2, 25 * ms}, []label{{key: "tenant", str: "日本"}, {key: "request_size", num: 64, unit: "kilobytes"}}},
		{[]uint64{13, 1}, []int64{1, 15 * ms}, nil},
		{[]uint64{14, 13, 1}, []int64{1, 5 * ms}, nil},
		{[]uint64{15, 1}, []int64{3, 33 * ms}, []label{{key: "latency", num: 2500, unit: "ms"}}},
		{[]uint64{16, 17, 16, 17, 16, 1}, []int64{8, 80 * ms}, []label{{key: "tenant", str: "acme"}}},
		{[]uint64{18, 19, 20, 1}, []int64{2, 20 * ms}, nil},
		{[]uint64{21, 1}, []int64{1, 11 * ms}, []label{{key: "tenant", str: "<b>acme</b>"}, {key: "bytes", num: 100}}},
		{nil, []int64{4, 44 * ms}, []label{{key: "tenant", str: "empty-stack"}}}, // empty stack
		{[]uint64{2, 1}, []int64{0, 0}, nil},                                     // zero values
		{[]uint64{3, 1}, []int64{-1, -5 * ms}, nil},                              // negative values
	}

	var st strtab
	st.id("")
	var p buf
	// sample_type
	for _, vt := range [][2]string{{"samples", "count"}, {"cpu", "nanoseconds"}} {
		var v buf
		v.i64(1, st.id(vt[0]))
		v.i64(2, st.id(vt[1]))
		p.msg(1, &v)
	}
	for _, s := range samples {
		var m buf
		m.packed(1, s.locs)
		vals := make([]uint64, len(s.values))
		for i, v := range s.values {
			vals[i] = uint64(v)
		}
		// Values must be present even when zero: write them unpacked-safe.
		var pv buf
		for _, v := range vals {
			pv.varint(v)
		}
		m.bytesField(2, pv.b)
		for _, l := range s.labels {
			var lb buf
			lb.i64(1, st.id(l.key))
			if l.str != "" {
				lb.i64(2, st.id(l.str))
			}
			lb.i64(3, l.num)
			if l.unit != "" {
				lb.i64(4, st.id(l.unit))
			}
			m.msg(3, &lb)
		}
		p.msg(2, &m)
	}
	// mapping
	{
		var m buf
		m.u64(1, 1)
		m.u64(2, 0x1000)
		m.u64(3, 0x3000)
		m.i64(5, st.id("/opt/evil<app>&co/bin/evil app"))
		m.i64(6, st.id(`build"id<1>`))
		m.boolean(7, true)
		m.boolean(8, true)
		m.boolean(9, true)
		m.boolean(10, true)
		p.msg(3, &m)
	}
	for i, l := range locs {
		var m buf
		m.u64(1, uint64(i+1))
		m.u64(2, 1)
		m.u64(3, l.addr)
		for _, ln := range l.lines {
			var lm buf
			lm.u64(1, uint64(ln.fn))
			lm.i64(2, ln.line)
			m.msg(4, &lm)
		}
		p.msg(4, &m)
	}
	for i, f := range funcs {
		var m buf
		m.u64(1, uint64(i+1))
		m.i64(2, st.id(f.name))
		m.i64(3, st.id(f.name))
		m.i64(4, st.id(f.file))
		m.i64(5, f.start)
		p.msg(5, &m)
	}
	// Everything after this point only adds strings used by later fields,
	// so intern them before writing the string table.
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC).UnixNano()
	periodType := [2]int64{st.id("cpu"), st.id("nanoseconds")}
	comments := []int64{
		st.id("comment with <b>markup</b> & \"quotes\""),
		st.id("comment with \x1b[1mANSI\x1b[0m and bad \xff byte"),
	}
	defaultType := st.id("cpu")
	for _, s := range st.list {
		p.bytesField(6, []byte(s))
	}
	p.i64(9, when)
	p.i64(10, 5*int64(time.Second))
	{
		var v buf
		v.i64(1, periodType[0])
		v.i64(2, periodType[1])
		p.msg(11, &v)
	}
	p.i64(12, 10*ms)
	for _, c := range comments {
		p.key(13, 0)
		p.varint(uint64(c))
	}
	p.i64(14, defaultType)

	var gz bytes.Buffer
	w := gzip.NewWriter(&gz) // zero header: no name, no mtime
	if _, err := w.Write(p.b); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, gz.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
