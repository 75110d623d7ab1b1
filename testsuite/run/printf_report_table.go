// run

package main

import (
	"fmt"
	"strings"
)

type Item struct {
	SKU   string
	Name  string
	Qty   int
	Price float64
}

func main() {
	items := []Item{
		{"A-001", "Widget", 12, 3.5},
		{"B-017", "Gadget with a very long name", 1, 149.99},
		{"C-100", "Gizmo", 250, 0.045},
		{"D-003", "Doohickey", 0, 12},
		{"E-042", "Thingamajig", -3, 7.25},
	}
	header := fmt.Sprintf("%-6s|%-20.20s|%6s|%10s|%12s", "SKU", "Name", "Qty", "Price", "Total")
	fmt.Println(header)
	fmt.Println(strings.Repeat("-", len(header)))
	sum := 0.0
	for i, it := range items {
		total := float64(it.Qty) * it.Price
		sum += total
		fmt.Printf("%-6s|%-20.20s|%+6d|%10.3f|%12.2f", it.SKU, it.Name, it.Qty, it.Price, total)
		if i%2 == 0 {
			fmt.Print(" *")
		}
		fmt.Println()
	}
	fmt.Println(strings.Repeat("=", len(header)))
	fmt.Printf("%-35s%12.2f\n", "grand total", sum)
	fmt.Printf("%08.3f|%-8.2e|%+.0f|% 06d|%x|%#o\n", sum, sum, sum, 42, int(sum), 8)
	fmt.Printf("%3c|%-3c|%03d|%q|%v\n", 'A', 'B', 7, 'C', 'D')
	fmt.Printf("%5t|%-7t|%s\n", true, false, strings.ToUpper("done"))
	fmt.Printf("%6.2f%%\n", 12.3456)
	println(len(items))
}
