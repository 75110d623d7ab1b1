// errorcheck

package main

type Celsius float64
type Fahrenheit float64

func main() {
	var s string
	x := 1
	s = x // ERROR "cannot use x \(variable of type int\) as (type )?string (value )?in assignment"
	var i32 int32 = x // ERROR "cannot use x \(variable of type int\) as (type )?int32 (value )?in variable declaration"
	var c Celsius = 10
	var f Fahrenheit
	f = c // ERROR "cannot use c \(variable of type Celsius\) as (type )?Fahrenheit (value )?in assignment"
	var b bool = 1 // ERROR "cannot use 1 \(untyped int constant\) as (type )?bool (value )?in variable declaration"
	var p *int = &s // ERROR "cannot use &s \(value of type \*string\) as (type )?\*int (value )?in variable declaration"
	var arr [3]int = [4]int{} // ERROR "cannot use \[4\]int{} \(value of type \[4\]int\) as (type )?\[3\]int (value )?in variable declaration"
	_, _, _, _, _ = s, i32, f, b, p
	_ = arr
}
