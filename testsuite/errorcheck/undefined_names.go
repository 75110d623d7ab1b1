// errorcheck

package main

func helper() int { return 1 }

func main() {
	x := 1
	_ = x + y // ERROR "undefined: y"
	z = 5     // ERROR "undefined: z"
	helpr()   // ERROR "undefined: helpr"
	var t T   // ERROR "undefined: T"
	_ = t
	_ = helper()
}
