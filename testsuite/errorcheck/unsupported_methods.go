// errorcheck

// Method declarations are not part of the morestack subset.
package main

type Point struct{ X, Y int }

func (p Point) Sum() int { return p.X + p.Y } // ERROR "not supported yet"

func main() {
	_ = Point{1, 2}
}
