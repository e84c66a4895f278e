// Command gorgen parks goroutines in many known states and writes one
// snapshot of them as a goroutine profile in all three forms (debug=0, 1
// and 2), then optionally a delta profile (?seconds=N) and a crash dump.
//
// The goroutines are started in two waves about a minute apart, with GCs
// around each wave, so that the debug=2 dump shows "1 minutes" and
// "2 minutes".
// -quick skips the waits.
//
// Usage: gorgen -dir OUT [-quick] [-waves N] [-delta] [-crash panic|sigquit]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"runtime"
	rpprof "runtime/pprof"
	"sync"
	"syscall"
	"time"
)

var ready sync.WaitGroup

type Server struct {
	req  chan int
	quit chan struct{}
}

//go:noinline
func (s *Server) loop(done func()) {
	done()
	for {
		select {
		case <-s.req:
		case <-s.quit:
			return
		}
	}
}

//go:noinline
func chanReceiver(ch chan int, done func()) int {
	done()
	return <-ch
}

//go:noinline
func chanSender(ch chan int, done func()) {
	done()
	ch <- 1
}

//go:noinline
func nilReceiver(done func()) {
	var ch chan int
	done()
	<-ch
}

//go:noinline
func nilSender(done func()) {
	var ch chan int
	done()
	ch <- 1
}

//go:noinline
func selectForever(done func()) {
	done()
	select {}
}

//go:noinline
func genericWorker[T any](ch chan T, done func()) T {
	done()
	return <-ch
}

var mu sync.Mutex

//go:noinline
func lockMutex(done func()) {
	done()
	mu.Lock()
}

var rw sync.RWMutex

//go:noinline
func readLock(done func()) {
	done()
	rw.RLock()
}

var wg sync.WaitGroup

//go:noinline
func waitGroup(done func()) {
	done()
	wg.Wait()
}

var cond = sync.NewCond(&sync.Mutex{})

//go:noinline
func condWait(done func()) {
	cond.L.Lock()
	done()
	cond.Wait()
}

//go:noinline
func sleeper(done func()) {
	done()
	time.Sleep(10 * time.Hour)
}

//go:noinline
func connReader(c net.Conn, done func()) {
	done()
	buf := make([]byte, 16)
	c.Read(buf)
}

//go:noinline
func acceptLoop(l net.Listener, done func()) {
	done()
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		accepted <- c
	}
}

var accepted = make(chan net.Conn, 100)

//go:noinline
func labeledWorker(ctx context.Context, ch chan int, done func()) {
	done()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

//go:noinline
func lockedWaiter(ch chan int, done func()) {
	runtime.LockOSThread()
	done()
	<-ch
}

//go:noinline
func recurse(n int, ch chan int, done func()) int {
	if n == 0 {
		done()
		return <-ch
	}
	return recurse(n-1, ch, done) + 1
}

//go:noinline
func rawRead(fd int, done func()) {
	buf := make([]byte, 8)
	done()
	syscall.Read(fd, buf)
}

//go:noinline
func spawnChildren(n int, ch chan int, done func()) {
	for i := 0; i < n; i++ {
		d := dn()
		go func() {
			chanReceiver(ch, d)
		}()
	}
	done()
	<-ch
}

// Nothing is ever sent on block nor received from sink.
var (
	block = make(chan int)
	sink  = make(chan int)
)

// conns keeps the client ends of the connections open.
var conns []net.Conn

// dn counts one more goroutine to wait for and returns its "about to
// block" callback.
func dn() func() {
	ready.Add(1)
	var once sync.Once
	return func() { once.Do(ready.Done) }
}

// wave starts one set of goroutines; every go statement is its own creator.
func wave() {
	s := &Server{req: make(chan int), quit: make(chan struct{})}
	for i := 0; i < 6; i++ {
		go s.loop(dn())
	}
	for i := 0; i < 5; i++ {
		go chanReceiver(block, dn())
	}
	for i := 0; i < 3; i++ {
		go chanSender(sink, dn())
	}
	for i := 0; i < 2; i++ {
		go nilReceiver(dn())
		go nilSender(dn())
		go selectForever(dn())
		go readLock(dn())
		go lockedWaiter(block, dn())
	}
	for i := 0; i < 3; i++ {
		go genericWorker(make(chan int), dn())
		go genericWorker(make(chan string), dn())
		go waitGroup(dn())
		go condWait(dn())
	}
	for i := 0; i < 4; i++ {
		go lockMutex(dn())
		go sleeper(dn())
	}
	go recurse(150, block, dn())
	go spawnChildren(2, block, dn())

	tenants := []struct {
		name string
		n    int
	}{{"acme", 4}, {"globex", 2}, {"initech", 2}}
	for _, t := range tenants {
		n := t.n
		rpprof.Do(context.Background(), rpprof.Labels("tenant", t.name, "component", "worker-pool"), func(ctx context.Context) {
			for i := 0; i < n; i++ {
				go labeledWorker(ctx, block, dn())
			}
		})
	}
	rpprof.Do(context.Background(), rpprof.Labels("job", "reindex", "shard", "0", "quoted key", "va\"lue"), func(ctx context.Context) {
		for i := 0; i < 2; i++ {
			go chanReceiver(block, dn())
		}
	})
	// A label value with terminal escapes: pa must never print it raw.
	rpprof.Do(context.Background(), rpprof.Labels("evil", "\x1b[2J\x1b[31mred\nline"), func(ctx context.Context) {
		go sleeper(dn())
	})
}

// ioWave parks goroutines in IO wait and in a raw syscall.
func ioWave(n int) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go acceptLoop(l, dn())
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			log.Fatal(err)
		}
		conns = append(conns, c)
		sc := <-accepted
		go connReader(sc, dn())
	}
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		log.Fatal(err)
	}
	go rawRead(fds[0], dn())
}

func settle() {
	ready.Wait()
	time.Sleep(300 * time.Millisecond)
	runtime.GC()
}

func write(dir, name string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := rpprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		log.Fatal(err)
	}
	f.Close()
}

func main() {
	dir := flag.String("dir", ".", "output directory")
	quick := flag.Bool("quick", false, "do not wait for minutes to accumulate")
	delta := flag.Bool("delta", false, "also write a ?seconds=2 delta profile")
	crash := flag.String("crash", "", "end with a crash dump on stderr: panic or sigquit")
	waves := flag.Int("waves", 2, "how many waves of goroutines to start (1 or 2)")
	flag.Parse()

	mu.Lock()
	rw.Lock()
	wg.Add(1)

	// A goroutine's wait is stamped, at the first GC that sees it
	// blocked, with the time the GC before that one ended: a GC right
	// before each wave makes the stamp the wave's start.
	runtime.GC()
	wave()
	ioWave(3)
	settle()
	if !*quick {
		time.Sleep(61 * time.Second)
	}
	if *waves > 1 {
		runtime.GC()
		wave()
		settle()
		if !*quick {
			time.Sleep(61 * time.Second)
			runtime.GC()
		}
	}

	if *crash == "" {
		write(*dir, "debug2.txt", 2)
		write(*dir, "debug1.txt", 1)
		write(*dir, "debug0.pb.gz", 0)
	}

	if *delta {
		writeDelta(filepath.Join(*dir, "delta.pb.gz"))
	}

	switch *crash {
	case "panic":
		log.SetFlags(0)
		log.Printf("2026-01-02T03:04:05Z INFO serving on :8080")
		log.Printf("2026-01-02T03:04:06Z ERROR request failed (retrying)")
		done := make(chan bool)
		go func() {
			var m map[string]int
			m["boom"]++
			done <- true
		}()
		<-done
	case "sigquit":
		syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		time.Sleep(10 * time.Second)
	}
}

// writeDelta asks net/http/pprof for a delta goroutine profile while 4
// goroutines start and the 2 spawned here end.
func writeDelta(path string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(l, mux)
	stop := make(chan int)
	for i := 0; i < 2; i++ {
		go chanReceiver(stop, dn())
	}
	ready.Wait()
	go func() {
		time.Sleep(500 * time.Millisecond)
		close(stop)
		for i := 0; i < 4; i++ {
			go sleeper(func() {})
		}
	}()
	resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/goroutine?seconds=2", l.Addr()))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		log.Fatal(err)
	}
	f.Close()
}
