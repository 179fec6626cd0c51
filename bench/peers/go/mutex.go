// Go peer: n uncontended sync.Mutex lock/unlock pairs from a goroutine, counting inside the lock.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	var mu sync.Mutex
	count := 0
	done := make(chan struct{})
	go func() {
		for i := 0; i < n; i++ {
			mu.Lock()
			count++
			mu.Unlock()
		}
		close(done)
	}()
	<-done
	fmt.Println(count)
}
