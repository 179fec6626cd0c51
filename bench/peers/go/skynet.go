// Go peer: skynet, 10-ary tree of goroutines, each level receives its children's results.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func skynet(c chan<- int64, num, size int64) {
	if size == 1 {
		c <- num
		return
	}
	rc := make(chan int64, 10)
	child := size / 10
	for i := int64(0); i < 10; i++ {
		go skynet(rc, num+i*child, child)
	}
	var sum int64
	for i := 0; i < 10; i++ {
		sum += <-rc
	}
	c <- sum
}

func main() {
	n, _ := strconv.ParseInt(os.Args[1], 10, 64)
	c := make(chan int64, 1)
	go skynet(c, 0, n)
	fmt.Println(<-c)
}
