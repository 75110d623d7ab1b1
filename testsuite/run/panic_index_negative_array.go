// run
// want-exit: 2

package main

import "fmt"

func main() {
	var arr [4]string
	arr[0] = "ok"
	i := 3
	for ; i >= -1; i-- {
		arr[i] = fmt.Sprint("slot", i)
		fmt.Println("set", i)
	}
}
