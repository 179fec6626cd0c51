// Go peer: start n goroutines, each returning its index through its own channel; sum them.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	results := make([]chan int64, n)
	for i := 0; i < n; i++ {
		c := make(chan int64, 1)
		results[i] = c
		go func(i int64) { c <- i }(int64(i))
	}
	var sum int64
	for _, c := range results {
		sum += <-c
	}
	fmt.Println(sum)
}
