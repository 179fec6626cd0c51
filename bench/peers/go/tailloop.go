// Go peer: a counting loop summing 0..n-1.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.ParseInt(os.Args[1], 10, 64)
	var sum int64
	for i := int64(0); i < n; i++ {
		sum += i
	}
	fmt.Println(sum)
}
