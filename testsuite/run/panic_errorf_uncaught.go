// run
// want-exit: 2

package main

import "fmt"

func load(id int) error {
	if id > 2 {
		return fmt.Errorf("record %d not found (limit %d)", id, 2)
	}
	return nil
}

func main() {
	for id := 1; id <= 5; id++ {
		if err := load(id); err != nil {
			println("stderr: failing on", id)
			panic(err)
		}
		fmt.Println("loaded", id)
	}
}
