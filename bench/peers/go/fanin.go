// Go peer: p producers each send 0..per-1 into one channel of capacity 128; the main goroutine sums.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	p, _ := strconv.Atoi(os.Args[1])
	per, _ := strconv.Atoi(os.Args[2])
	ch := make(chan int64, 128)
	for k := 0; k < p; k++ {
		go func() {
			for i := 0; i < per; i++ {
				ch <- int64(i)
			}
		}()
	}
	var sum int64
	for k := 0; k < p*per; k++ {
		sum += <-ch
	}
	fmt.Println(sum)
}
