// The load client of the echo benchmark (issue 12): CONNS connections at once, each sends ROUNDS
// lines one at a time and waits for each echo before the next. Prints the wall time in ms on
// stderr and the number of echoed lines on stdout (checked by bench/io/echo.sh).
// Usage: echoload PORT [CONNS [ROUNDS]]
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	port := os.Args[1]
	conns, rounds := 1000, 100
	if len(os.Args) > 2 {
		conns, _ = strconv.Atoi(os.Args[2])
	}
	if len(os.Args) > 3 {
		rounds, _ = strconv.Atoi(os.Args[3])
	}
	var echoed int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var c net.Conn
			var err error
			for try := 0; try < 50; try++ { // a full accept backlog refuses: try again
				if c, err = net.Dial("tcp", "127.0.0.1:"+port); err == nil {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "connect:", err)
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for k := 0; k < rounds; k++ {
				line := fmt.Sprintf("client %d line %d\n", i, k)
				if _, err := c.Write([]byte(line)); err != nil {
					fmt.Fprintln(os.Stderr, "write:", err)
					return
				}
				got, err := r.ReadString('\n')
				if err != nil {
					fmt.Fprintln(os.Stderr, "read:", err)
					return
				}
				if got == line {
					atomic.AddInt64(&echoed, 1)
				}
			}
		}(i)
	}
	wg.Wait()
	fmt.Fprintf(os.Stderr, "%d\n", time.Since(start).Milliseconds())
	fmt.Println(echoed)
}
