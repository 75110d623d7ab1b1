// errorcheck

package main

type Point struct{ X, Y int }

func main() {
	s := "abc"
	f := 1.5
	i := 3
	_ = int(s)      // ERROR "cannot convert s \(variable of type string\) to (type )?int"
	_ = string(f)   // ERROR "cannot convert f \(variable of type float64\) to (type )?string"
	_ = bool(i)     // ERROR "cannot convert i \(variable of type int\) to (type )?bool"
	_ = Point(i)    // ERROR "cannot convert i \(variable of type int\) to (type )?Point"
	_ = []int(s)    // ERROR "cannot convert s \(variable of type string\) to (type )?\[\]int"
	_ = int8(1000)  // ERROR "cannot convert 1000 \(untyped int constant\) to (type )?int8|overflows"
	_ = i << f      // ERROR "invalid operation: shift count|must be integer"
	_ = f << 2      // ERROR "invalid operation: shift of type float64|shifted operand f \(variable of type float64\) must be integer"
}
