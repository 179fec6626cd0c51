// The client side of the idle benchmark (bench/io/idle.sh): opens N connections to 127.0.0.1:PORT,
// prints "connected N", then holds them open, sending nothing, until killed.
// Usage: idleclients PORT N
package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"time"
)

func main() {
	port := os.Args[1]
	n, _ := strconv.Atoi(os.Args[2])
	conns := make([]net.Conn, 0, n)
	for len(conns) < n {
		c, err := net.Dial("tcp", "127.0.0.1:"+port)
		if err != nil { // a full accept backlog: wait and try again
			time.Sleep(10 * time.Millisecond)
			continue
		}
		conns = append(conns, c)
	}
	fmt.Println("connected", len(conns))
	select {}
}
