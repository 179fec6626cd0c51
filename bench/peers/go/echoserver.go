// The Go peer of the echo benchmark (issue 12): a goroutine per connection echoes each line.
// Prints its port, then serves until killed.
package main

import (
	"bufio"
	"fmt"
	"net"
)

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(l.Addr().(*net.TCPAddr).Port)
	for {
		c, err := l.Accept()
		if err != nil {
			continue
		}
		go func(c net.Conn) {
			defer c.Close()
			r := bufio.NewReader(c)
			w := bufio.NewWriter(c)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				w.WriteString(line)
				if w.Flush() != nil {
					return
				}
			}
		}(c)
	}
}
