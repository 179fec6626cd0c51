// Go peer: n round trips between two goroutines over two unbuffered channels.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			pong <- <-ping
		}
	}()
	count := 0
	for i := 0; i < n; i++ {
		ping <- i
		<-pong
		count++
	}
	fmt.Println(count)
}
