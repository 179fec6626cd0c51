// Go peer: park n goroutines on one channel, print "parked n", hold 3 s (bench/run compares
// peak RSS of n against 0), close the channel, print the sum of indices.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	gate := make(chan struct{})
	results := make([]int64, n)
	var ready, done sync.WaitGroup
	ready.Add(n)
	done.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			ready.Done()
			<-gate
			results[i] = int64(i)
			done.Done()
		}(i)
	}
	ready.Wait()
	time.Sleep(200 * time.Millisecond)
	fmt.Println("parked", n)
	time.Sleep(3 * time.Second)
	close(gate)
	done.Wait()
	var sum int64
	for _, r := range results {
		sum += r
	}
	fmt.Println(sum)
}
