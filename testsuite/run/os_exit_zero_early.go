// run

package main

import (
	"fmt"
	"os"
)

func main() {
	for i := 0; ; i++ {
		fmt.Println("iteration", i)
		if i == 3 {
			os.Exit(0)
		}
	}
}
