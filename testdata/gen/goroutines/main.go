// Command goroutines parks goroutines in many different states and writes
// the goroutine profile in all three forms, plus the threadcreate profile.
//
// Files written into -dir:
//
//	goroutine.pb.gz           goroutine profile, debug=0 (protobuf)
//	goroutine.debug1.txt      goroutine profile, debug=1 (counts per stack)
//	goroutine.debug2.txt      goroutine profile, debug=2 (panic-style dump)
//	threadcreate.pb.gz        threadcreate profile, debug=0
//	threadcreate.debug1.txt   threadcreate profile, debug=1
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var started sync.WaitGroup

// spawn starts f in a goroutine and counts it as started once f reports
// that it is about to block.
func spawn(n int, f func(ready func())) {
	for i := 0; i < n; i++ {
		started.Add(1)
		var once sync.Once
		go f(func() { once.Do(started.Done) })
	}
}

//go:noinline
func recvForever(ch <-chan int, ready func()) int {
	ready()
	return <-ch
}

//go:noinline
func sendForever(ch chan<- int, ready func()) {
	ready()
	ch <- 1
}

//go:noinline
func selectForever(a, b chan int, ready func()) {
	ready()
	select {
	case <-a:
	case b <- 1:
	}
}

//go:noinline
func selectNoCases(ready func()) {
	ready()
	select {}
}

//go:noinline
func recvNil(ready func()) {
	var ch chan int
	ready()
	<-ch
}

// Store is locked by a holder goroutine while others queue on it.
type Store struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	cond *sync.Cond
	data map[string]int
}

//go:noinline
func (s *Store) Update(k string, ready func()) {
	ready()
	s.mu.Lock()
	s.data[k]++
	s.mu.Unlock()
}

//go:noinline
func (s *Store) Read(k string, ready func()) int {
	ready()
	s.rw.RLock()
	defer s.rw.RUnlock()
	return s.data[k]
}

//go:noinline
func (s *Store) AwaitChange(ready func()) {
	s.cond.L.Lock()
	ready()
	s.cond.Wait()
	s.cond.L.Unlock()
}

//go:noinline
func waitGroupWait(wg *sync.WaitGroup, ready func()) {
	ready()
	wg.Wait()
}

//go:noinline
func sleeper(d time.Duration, ready func()) {
	ready()
	time.Sleep(d)
}

// deep recurses n levels and then blocks, making a long stack.
//
//go:noinline
func deep(n int, ch <-chan int, ready func()) int {
	if n == 0 {
		ready()
		return <-ch
	}
	return deep(n-1, ch, ready) + 1
}

// Pair is a generic holder whose method blocks.
type Pair[K comparable, V any] struct {
	ch chan V
	k  K
}

//go:noinline
func (p *Pair[K, V]) Wait(ready func()) V {
	ready()
	return <-p.ch
}

// Wait on a generic function too.
//
//go:noinline
func Drain[T any](ch <-chan T, ready func()) (n int) {
	ready()
	for range ch {
		n++
	}
	return n
}

var spinning atomic.Int64

// spinner stays runnable by burning CPU until stop is set.
//
//go:noinline
func spinner(stop *atomic.Bool, ready func()) {
	ready()
	x := 0
	for !stop.Load() {
		x++
		spinning.Add(1)
	}
}

//go:noinline
func lockedThread(ch <-chan int, ready func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ready()
	<-ch
}

//go:noinline
func pipeReader(r *os.File, ready func()) {
	ready()
	buf := make([]byte, 16)
	r.Read(buf)
}

//go:noinline
func rawSyscallRead(fd int, ready func()) {
	ready()
	buf := make([]byte, 16)
	syscall.Read(fd, buf)
}

//go:noinline
func acceptLoop(ln net.Listener, ready func()) {
	ready()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go serveConn(c)
	}
}

//go:noinline
func serveConn(c net.Conn) {
	io.Copy(io.Discard, c)
}

//go:noinline
func clientRead(addr string, ready func()) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	ready()
	buf := make([]byte, 16)
	c.Read(buf)
}

func write(dir, name, profile string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := flag.String("dir", ".", "output directory")
	flag.Parse()
	ctx := context.Background()

	never := make(chan int)
	spawn(20, func(ready func()) { recvForever(never, ready) })
	pprof.Do(ctx, pprof.Labels("pool", "ingest", "tenant", "acme"), func(context.Context) {
		spawn(12, func(ready func()) { recvForever(never, ready) })
	})
	pprof.Do(ctx, pprof.Labels("pool", "egress"), func(context.Context) {
		spawn(6, func(ready func()) { sendForever(never, ready) })
	})
	spawn(9, func(ready func()) { sendForever(never, ready) })
	other := make(chan int)
	spawn(10, func(ready func()) { selectForever(never, other, ready) })
	spawn(2, func(ready func()) { selectNoCases(ready) })
	spawn(3, func(ready func()) { recvNil(ready) })

	st := &Store{data: map[string]int{}}
	st.cond = sync.NewCond(&sync.Mutex{})
	st.mu.Lock()
	st.rw.Lock()
	spawn(10, func(ready func()) { st.Update("k", ready) })
	spawn(5, func(ready func()) { st.Read("k", ready) })
	spawn(5, func(ready func()) { st.AwaitChange(ready) })

	var pending sync.WaitGroup
	pending.Add(1)
	spawn(8, func(ready func()) { waitGroupWait(&pending, ready) })
	spawn(10, func(ready func()) { sleeper(time.Hour, ready) })
	pprof.Do(ctx, pprof.Labels("pool", "batch"), func(context.Context) {
		spawn(4, func(ready func()) { sleeper(30*time.Minute, ready) })
	})
	spawn(2, func(ready func()) { deep(30, never, ready) })
	spawn(1, func(ready func()) { deep(130, never, ready) })
	p := &Pair[string, float64]{ch: make(chan float64), k: "x"}
	spawn(3, func(ready func()) { p.Wait(ready) })
	ints := make(chan int)
	spawn(2, func(ready func()) { Drain(ints, ready) })
	spawn(2, func(ready func()) { lockedThread(never, ready) })

	pr, pw, err := os.Pipe()
	if err != nil {
		log.Fatal(err)
	}
	spawn(1, func(ready func()) { pipeReader(pr, ready) })
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		log.Fatal(err)
	}
	spawn(1, func(ready func()) { rawSyscallRead(fds[0], ready) })

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	spawn(1, func(ready func()) { acceptLoop(ln, ready) })
	pprof.Do(ctx, pprof.Labels("pool", "net"), func(context.Context) {
		spawn(4, func(ready func()) { clientRead(ln.Addr().String(), ready) })
	})

	var stop atomic.Bool
	spawn(3, func(ready func()) { spinner(&stop, ready) })

	started.Wait()
	// Give every goroutine time to actually park after reporting ready.
	time.Sleep(300 * time.Millisecond)

	write(*dir, "goroutine.pb.gz", "goroutine", 0)
	write(*dir, "goroutine.debug1.txt", "goroutine", 1)
	write(*dir, "goroutine.debug2.txt", "goroutine", 2)
	write(*dir, "threadcreate.pb.gz", "threadcreate", 0)
	write(*dir, "threadcreate.debug1.txt", "threadcreate", 1)

	stop.Store(true)
	pw.Close()
	fmt.Fprintln(os.Stderr, "goroutines:", runtime.NumGoroutine())
}
