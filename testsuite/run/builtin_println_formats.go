// run

// The print/println builtins write to stderr with their own formatting
// rules (floats in %e-like form, bools, spaces only with println).
package main

func main() {
	println("hello", "world")
	println(1, -2, 3)
	println(true, false)
	println(1.5, -0.25, 0.0, 100.0)
	println(3e20, 1e-7)
	var i8 int8 = -128
	var u8 uint8 = 255
	var u64 uint64 = 18446744073709551615
	var i64 int64 = -9223372036854775808
	println(i8, u8, u64, i64)
	print("no", "spaces", 1, 2, "\n")
	print(1, 2, 3, "\n")
	print("a", 1, "b", true, "\n")
	var r rune = 'x'
	var b byte = 'y'
	println(r, b)
	s := "multi\nline"
	println(s)
	println()
	println("", "")
	var f float64 = 1.0 / 3.0
	println(f, -f)
	println(123456789.0)
	var up uintptr = 4096
	println(up)
}
