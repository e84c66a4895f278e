// Command oracle prints what pprof's profile package makes of profiles, as
// expected outputs for pa's tests:
//
//	oracle dump FILE...            Parse + String() of each file
//	oracle merge FILE...           the driver's combination of several sources
//	                               (CompatibilizeSampleTypes, ScaleProfiles,
//	                               then Merge for two or more) + String()
//	oracle base [-diff] [-normalize] SRC BASE
//	                               a source combined with its base as
//	                               -base / -diff_base do, + String()
//	oracle synth DIR               writes small edge-case profiles
//	                               (synth-*.pb.gz) into DIR
//	oracle scale FILE...           ScaleProfiles alone, then String() of each
//	oracle scaleheap N             N pseudo-random heap samples unsampled
//	                               as the legacy heap parser does (count,
//	                               size, rate -> count, size)
//
// It is built against a copy of the profile and measurement packages
// vendored by the Go toolchain (see regen.sh).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"oracle/measurement"
	"oracle/profile"
)

func load(name string) *profile.Profile {
	b, err := os.ReadFile(name)
	if err != nil {
		fail(err)
	}
	p, err := profile.ParseData(b)
	if err != nil {
		fail(err)
	}
	return p
}

func fail(err error) {
	fmt.Println("ERROR:", err)
	os.Exit(0)
}

func combine(ps []*profile.Profile) *profile.Profile {
	if err := profile.CompatibilizeSampleTypes(ps); err != nil {
		fail(err)
	}
	if err := measurement.ScaleProfiles(ps); err != nil {
		fail(err)
	}
	if len(ps) == 1 {
		return ps[0]
	}
	p, err := profile.Merge(ps)
	if err != nil {
		fail(err)
	}
	return p
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: oracle dump|merge|base ...")
		os.Exit(2)
	}
	switch args[0] {
	case "dump":
		for _, f := range args[1:] {
			fmt.Print(load(f).String())
		}
	case "merge":
		var ps []*profile.Profile
		for _, f := range args[1:] {
			ps = append(ps, load(f))
		}
		fmt.Print(combine(ps).String())
	case "base":
		diff, norm := false, false
		rest := args[1:]
		for len(rest) > 0 && rest[0][0] == '-' {
			switch rest[0] {
			case "-diff":
				diff = true
			case "-normalize":
				norm = true
			}
			rest = rest[1:]
		}
		p, pbase := load(rest[0]), load(rest[1])
		if diff {
			pbase.SetLabel("pprof::base", []string{"true"})
		}
		if norm {
			if err := p.Normalize(pbase); err != nil {
				fail(err)
			}
		}
		pbase.Scale(-1)
		fmt.Print(combine([]*profile.Profile{p, pbase}).String())
	case "synth":
		synth(args[1])
	case "scale":
		var ps []*profile.Profile
		for _, f := range args[1:] {
			ps = append(ps, load(f))
		}
		if err := measurement.ScaleProfiles(ps); err != nil {
			fail(err)
		}
		for _, p := range ps {
			fmt.Print(p.String())
		}
	case "scaleheap":
		n, _ := strconv.Atoi(args[1])
		scaleHeap(n)
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", args[0])
		os.Exit(2)
	}
}

// synth writes profiles that exercise the corners of merging: address
// shifts between mappings, locations whose non-last columns differ,
// samples that cancel, reordered and extra sample types, a zero time in a
// later profile, duplicate sample type names, and normalization ratios of
// exactly 1.
func synth(dir string) {
	write := func(name string, p *profile.Profile) {
		if err := p.CheckValid(); err != nil {
			fail(err)
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			fail(err)
		}
		if err := p.Write(f); err != nil {
			fail(err)
		}
		f.Close()
	}
	vt := func(t, u string) *profile.ValueType { return &profile.ValueType{Type: t, Unit: u} }

	// A: mapping at 0x1000, two functions, an inlined location, labels.
	{
		m := &profile.Mapping{ID: 1, Start: 0x1000, Limit: 0x5000, File: "/bin/a", BuildID: "b1", HasFunctions: true}
		m2 := &profile.Mapping{ID: 2, Start: 0x7000, Limit: 0x8000, File: "/lib/libc.so.6"}
		f1 := &profile.Function{ID: 1, Name: "main", SystemName: "main", Filename: "a.go", StartLine: 3}
		f2 := &profile.Function{ID: 2, Name: "inl", SystemName: "_Z3inl", Filename: "a.go", StartLine: 9}
		f3 := &profile.Function{ID: 3, Name: "unused", SystemName: "unused", Filename: "u.go"}
		l1 := &profile.Location{ID: 1, Mapping: m, Address: 0x1100, Line: []profile.Line{{Function: f2, Line: 10, Column: 4}, {Function: f1, Line: 5, Column: 2}}}
		l2 := &profile.Location{ID: 2, Mapping: m, Address: 0x1200, Line: []profile.Line{{Function: f1, Line: 6}}}
		l3 := &profile.Location{ID: 3, Mapping: m2, Address: 0x7010}
		l4 := &profile.Location{ID: 4, Mapping: m, Address: 0x1300, Line: []profile.Line{{Function: f3, Line: 1}}}
		p := &profile.Profile{
			SampleType: []*profile.ValueType{vt("samples", "count"), vt("cpu", "nanoseconds")},
			PeriodType: vt("cpu", "nanoseconds"), Period: 1000,
			TimeNanos: 5000, DurationNanos: 1500000000,
			Comments: []string{"x", "y"},
			DropFrames: "drop.*", KeepFrames: "keep",
			Mapping:  []*profile.Mapping{m, m2},
			Function: []*profile.Function{f1, f2, f3},
			Location: []*profile.Location{l1, l2, l3, l4},
			Sample: []*profile.Sample{
				{Location: []*profile.Location{l1, l2}, Value: []int64{3, 3000}, Label: map[string][]string{"k": {"v"}}},
				{Location: []*profile.Location{l3, l2}, Value: []int64{1, 1000}, NumLabel: map[string][]int64{"bytes": {64}}, NumUnit: map[string][]string{"bytes": {"bytes"}}},
				{Location: []*profile.Location{l4}, Value: []int64{0, 0}},
				{Location: []*profile.Location{l2}, Value: []int64{2, 2000}},
				{Location: []*profile.Location{l1, l2}, Value: []int64{1, 1000}, Label: map[string][]string{"k": {"v"}}},
				{Location: []*profile.Location{l2, l1}, Value: []int64{1, 7}},
			},
		}
		write("synth-a.pb.gz", p)
	}
	// B: the same binary loaded at 0x11000, the first line's column
	// differs, a zero time, a default type and a doc URL; one sample
	// cancels one of A's.
	{
		m := &profile.Mapping{ID: 7, Start: 0x11000, Limit: 0x14800, File: "/bin/a-moved", BuildID: "b1"}
		f1 := &profile.Function{ID: 4, Name: "main", SystemName: "main", Filename: "a.go", StartLine: 3}
		f2 := &profile.Function{ID: 5, Name: "inl", SystemName: "_Z3inl", Filename: "a.go", StartLine: 9}
		f9 := &profile.Function{ID: 6, Name: "other", SystemName: "other", Filename: "b.go", StartLine: 1}
		l1 := &profile.Location{ID: 10, Mapping: m, Address: 0x11100, Line: []profile.Line{{Function: f2, Line: 10, Column: 99}, {Function: f1, Line: 5, Column: 2}}}
		l2 := &profile.Location{ID: 11, Mapping: m, Address: 0x11200, Line: []profile.Line{{Function: f1, Line: 6}}}
		l5 := &profile.Location{ID: 12, Address: 0x99, Line: []profile.Line{{Function: f9, Line: -3, Column: -1}}}
		p := &profile.Profile{
			SampleType: []*profile.ValueType{vt("samples", "count"), vt("cpu", "nanoseconds")},
			PeriodType: vt("cpu", "nanoseconds"), Period: 500,
			TimeNanos: 0, DurationNanos: 2500000000,
			Comments:          []string{"y", "z"},
			DefaultSampleType: "cpu", DocURL: "https://example.com/doc",
			Mapping:  []*profile.Mapping{m},
			Function: []*profile.Function{f1, f2, f9},
			Location: []*profile.Location{l1, l2, l5},
			Sample: []*profile.Sample{
				{Location: []*profile.Location{l2}, Value: []int64{-2, -2000}},
				{Location: []*profile.Location{l5, l1, l2}, Value: []int64{4, 4000}, Label: map[string][]string{"k": {"w"}, "a": {"1", "2"}}},
				{Location: []*profile.Location{l1, l2}, Value: []int64{5, 5000}, Label: map[string][]string{"k": {"v"}}},
			},
		}
		write("synth-b.pb.gz", p)
	}
	// C: cpu in milliseconds, sample types reordered plus an extra one.
	{
		f := &profile.Function{ID: 1, Name: "main", SystemName: "main", Filename: "a.go", StartLine: 3}
		l := &profile.Location{ID: 1, Address: 0x42, Line: []profile.Line{{Function: f, Line: 7}}}
		p := &profile.Profile{
			SampleType: []*profile.ValueType{vt("cpu", "milliseconds"), vt("extra", "count"), vt("samples", "count")},
			PeriodType: vt("cpu", "milliseconds"), Period: 10,
			TimeNanos: 3000, DurationNanos: 1000000000,
			DefaultSampleType: "extra",
			Function:          []*profile.Function{f},
			Location:          []*profile.Location{l},
			Sample: []*profile.Sample{
				{Location: []*profile.Location{l}, Value: []int64{20, 9, 2}},
				{Location: []*profile.Location{l}, Value: []int64{0, 5, 0}},
			},
		}
		write("synth-c.pb.gz", p)
	}
	// D: two sample types with the same name.
	{
		p := &profile.Profile{
			SampleType: []*profile.ValueType{vt("x", "count"), vt("x", "bytes")},
			PeriodType: vt("x", "count"), Period: 1,
		}
		write("synth-dup.pb.gz", p)
	}
	// N: as A's types, with one column summing like A's and one not, so
	// that normalizing keeps one column as is and rounds the other to 0.
	{
		f := &profile.Function{ID: 1, Name: "main", SystemName: "main", Filename: "a.go", StartLine: 3}
		l := &profile.Location{ID: 1, Address: 0x42, Line: []profile.Line{{Function: f, Line: 7}}}
		l2 := &profile.Location{ID: 2, Address: 0x43, Line: []profile.Line{{Function: f, Line: 8}}}
		p := &profile.Profile{
			SampleType: []*profile.ValueType{vt("samples", "count"), vt("cpu", "nanoseconds")},
			PeriodType: vt("cpu", "nanoseconds"), Period: 1000,
			Function:   []*profile.Function{f},
			Location:   []*profile.Location{l, l2},
			Sample: []*profile.Sample{
				{Location: []*profile.Location{l}, Value: []int64{6, 2}},
				{Location: []*profile.Location{l2}, Value: []int64{2, 9000000}},
			},
		}
		write("synth-n.pb.gz", p)
	}
}

// scaleHeap prints heap samples unsampled through the legacy heap parser
// itself (a one-sample heap_v2 profile each), so the float arithmetic is
// pprof's, on this machine.
func scaleHeap(n int) {
	x := uint64(88172645463325252)
	next := func() uint64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	rates := []int64{2, 3, 7, 512, 4096, 65536, 524288, 1 << 20, 1 << 30}
	for i := 0; i < n; i++ {
		count := int64(next()%1000 + 1)
		var size int64
		switch next() % 3 {
		case 0:
			size = count * int64(next()%4096+1)
		case 1:
			size = int64(next() % (1 << 32))
		default:
			size = count * int64(1<<(next()%40))
		}
		rate := rates[next()%uint64(len(rates))]
		text := fmt.Sprintf("heap profile: 1: 1 [1: 1] @ heap_v2/%d\n%d: %d [%d: %d] @ 0x1\n", rate, count, size, count, size)
		p, err := profile.ParseData([]byte(text))
		if err != nil {
			fail(err)
		}
		v := p.Sample[0].Value
		fmt.Printf("%d %d %d %d %d\n", count, size, rate, v[0], v[1])
	}
}
