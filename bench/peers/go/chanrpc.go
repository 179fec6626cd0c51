// Go peer of chanrpc: n times, make a reply channel of capacity 1, send one value through it and
// receive it, in one goroutine.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	done := make(chan int64)
	go func() {
		var s int64
		for i := 0; i < n; i++ {
			reply := make(chan int64, 1)
			reply <- int64(i)
			s += <-reply
		}
		done <- s
	}()
	fmt.Println(<-done)
}
