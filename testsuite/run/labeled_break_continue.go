// run

package main

import "fmt"

func main() {
	// find first pair summing to target
	nums := []int{3, 9, 14, 2, 8, 11}
	target := 19
	found := false
	var a, b int
outer:
	for i := 0; i < len(nums); i++ {
		for j := i + 1; j < len(nums); j++ {
			if nums[i]+nums[j] == target {
				a, b = nums[i], nums[j]
				found = true
				break outer
			}
		}
	}
	fmt.Println(found, a, b)

	// continue outer: primes below 50
next:
	for n := 2; n < 50; n++ {
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				continue next
			}
		}
		fmt.Print(n, " ")
	}
	fmt.Println()

	// break out of a switch inside a loop needs a label
	count := 0
loop:
	for i := 0; ; i++ {
		switch {
		case i%2 == 0:
			continue
		case i > 9:
			break loop
		default:
			count++
			if count > 100 {
				break
			}
		}
	}
	fmt.Println("count", count)

	// labeled continue in range over a 2D array
	grid := [3][4]int{{1, 2, -1, 4}, {5, 6, 7, 8}, {-1, 0, 0, 0}}
	total := 0
rows:
	for r, row := range grid {
		for _, v := range row {
			if v < 0 {
				fmt.Println("row", r, "has negative")
				continue rows
			}
			total += v
		}
		fmt.Println("row", r, "complete")
	}
	fmt.Println("total", total)

	// three levels
	hits := 0
L1:
	for x := 0; x < 5; x++ {
	L2:
		for y := 0; y < 5; y++ {
			for z := 0; z < 5; z++ {
				if z > y {
					continue L2
				}
				if x+y+z > 6 {
					continue L1
				}
				if x == 4 {
					break L1
				}
				hits++
			}
		}
	}
	fmt.Println("hits", hits)

	// labeled block with break from switch
	val := 3
sw:
	switch val {
	case 3:
		for i := 0; i < 10; i++ {
			if i == 2 {
				break sw
			}
			fmt.Println("in switch loop", i)
		}
		fmt.Println("unreachable")
	}
	println(hits, total)
}
