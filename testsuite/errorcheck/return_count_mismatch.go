// errorcheck

package main

func one() int {
	return 1, 2 // ERROR "too many return values"
}

func two() (int, string) {
	return 1 // ERROR "not enough return values"
}

func nothing() {
	return 5 // ERROR "too many return values"
}

func wrongType() string {
	return 42 // ERROR "cannot use 42 \(untyped int constant\) as (type )?string (value )?in return statement"
}

func pair() (int, int) { return 1, 2 }

func main() {
	a := pair() // ERROR "assignment mismatch: 1 variable but pair(\(\))? returns 2 values"
	b, c, d := pair() // ERROR "assignment mismatch: 3 variables but pair(\(\))? returns 2 values"
	_, _, _, _ = a, b, c, d
	one()
	two()
	nothing()
	wrongType()
}
