// run

package main

import "fmt"

func retry(limit int) (attempts int) {
	defer func() {
		fmt.Println("  retry finished after", attempts, "attempts")
	}()
	i := 0
again:
	i++
	attempts = i
	if i < limit {
		defer fmt.Println("  deferred from attempt", i)
		goto again
	}
	return
}

func matrix() {
	defer fmt.Println("  matrix done")
rows:
	for r := 0; r < 4; r++ {
		switch r {
		case 1:
			continue rows
		case 3:
			defer fmt.Println("  leaving at row", r)
			break rows
		}
		defer fmt.Println("  processed row", r)
	}
}

func main() {
	fmt.Println(retry(4))
	matrix()
}
