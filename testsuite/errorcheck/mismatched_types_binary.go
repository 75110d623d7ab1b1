// errorcheck

package main

type Meters int

func main() {
	i := 1
	s := "a"
	var i64 int64 = 2
	var f float64 = 1.5
	var m Meters = 3
	_ = i + s    // ERROR "invalid operation: i \+ s \(mismatched types int and string\)"
	_ = i * i64  // ERROR "invalid operation: i \* i64 \(mismatched types int and int64\)"
	_ = f - i    // ERROR "mismatched types float64 and int"
	_ = m + i    // ERROR "mismatched types Meters and int"
	_ = i == s   // ERROR "mismatched types int and string"
	_ = s + 1    // ERROR "cannot convert 1 \(untyped int constant\) to (type )?string|mismatched types string and untyped int"
	_ = !i       // ERROR "operator ! not defined on i"
	_ = -s       // ERROR "operator - not defined on s"
}
