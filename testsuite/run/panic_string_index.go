// run
// want-exit: 2

package main

import "fmt"

func main() {
	s := "abc"
	total := 0
	for i := 0; i <= len(s); i++ {
		total += int(s[i])
		fmt.Println("byte", i, s[i])
	}
	fmt.Println(total)
}
