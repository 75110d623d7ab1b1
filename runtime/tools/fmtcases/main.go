// Command fmtcases prints the expectation table of runtime/src/fmt/tests.rs: each case
// is formatted by real Go's fmt and emitted as a Rust call `printf(FORMAT, &[ARGS],
// WANT)` (or `sprint`/`sprintln`), where ARGS are the Rust constructors in tests.rs that
// build the same Go values by hand (the second argument of c/p below).
//
//	cd runtime/tools/fmtcases && go run main.go > ../../src/fmt/tests_go_cases.rs
package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

type Celsius float64
type MyInt int
type MyStr string
type Point struct{ X, Y int }
type T struct {
	Name string
	Tags []string
	P    Point
	F    float64
	B    bool
}
type W struct {
	V any
	N int8
}
type Bytes []byte

func lit(s string) string {
	var b strings.Builder
	if utf8.ValidString(s) {
		b.WriteString("\"")
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteString("\\" + string(r))
			case r == '\n':
				b.WriteString("\\n")
			case r == '\t':
				b.WriteString("\\t")
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, "\\u{%x}", r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteString("\"")
		return b.String()
	}
	b.WriteString("b\"")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\x%02x", c)
		}
	}
	b.WriteString("\"")
	return b.String()
}

var out strings.Builder

func c(format string, rust string, args ...any) {
	got := fmt.Sprintf(format, args...)
	fmt.Fprintf(&out, "    printf(%s, &[%s], %s);\n", lit(format), rust, lit(got))
}
func p(rust string, args ...any) {
	fmt.Fprintf(&out, "    sprint(&[%s], %s);\n", rust, lit(fmt.Sprint(args...)))
	fmt.Fprintf(&out, "    sprintln(&[%s], %s);\n", rust, lit(fmt.Sprintln(args...)))
}

func main() {
	// Print / Println spacing
	p("i(1), i(2)", 1, 2)
	p("s(\"a\"), i(1), i(2), s(\"b\"), s(\"c\")", "a", 1, 2, "b", "c")
	p("i(1), s(\"x\"), f(2.5)", 1, "x", 2.5)
	p("named_str(\"main.MyStr\", \"n\"), i(3)", MyStr("n"), 3)
	p("nil(), i(1), b(true)", nil, 1, true)
	p("")
	// floats %v
	for _, v := range []float64{0, 1, -1, 1.5, 0.1, 1e20, 1e21, 123456789, 1e6, 100000, 0.0001, 0.00001, 3.141592653589793, 1e-7, 2.5e-300, 1.7976931348623157e308, 5e-324} {
		c("%v", fmt.Sprintf("f(%v)", rustf(v)), v)
	}
	c("%v %v", "f32(0.1), f32(16777216.0)", float32(0.1), float32(16777216.0))
	c("%v", "named_f64(\"main.Celsius\", 36.6)", Celsius(36.6))
	// float verbs
	for _, fm := range []string{"%f", "%.2f", "%8.3f", "%-8.2f|", "%+.1f", "% .1f", "%08.3f", "%e", "%.3e", "%E", "%g", "%.3g", "%G", "%10.4g|", "%#g", "%#.3g", "%#.0f", "%#e", "%b", "%x", "%X", "%.3x", "%#.0x", "%F", "%+e", "%010.2f", "%-010.2f|"} {
		for _, v := range []float64{3.14159, -2.5, 0, 1234567.891, 1e-10} {
			c(fm, fmt.Sprintf("f(%v)", rustf(v)), v)
		}
	}
	c("%f %v %5.1f %+v", "f(inf()), f(-inf()), f(inf()), f(nan())", inf(1), inf(-1), inf(1), nan())
	c("%05v|%-5v|% v|%+v", "f(nan()), f(nan()), f(nan()), f(inf())", nan(), nan(), nan(), inf(1))
	// ints
	for _, fm := range []string{"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%x", "%X", "%#x", "%#X", "%o", "%#o", "%O", "%b", "%#b", "%.3d", "%8.3d", "%c", "%q", "%U", "%#U", "%v", "%#v", "%t", "%s", "%x", "%-+6d|", "%+05d", "% 05d", "%.0d", "%5.0d|"} {
		for _, v := range []int{0, 42, -42, 0x263a} {
			c(fm, fmt.Sprintf("i(%d)", v), v)
		}
	}
	c("%d %d %d %d", "i(-9223372036854775808), u(18446744073709551615), i8(-128), u8(255)", -9223372036854775808, uint64(18446744073709551615), int8(-128), uint8(255))
	c("%x %X %o %b", "i16(-1), u16(65535), i32(-8), u32(7)", int16(-1), uint16(65535), int32(-8), uint32(7))
	c("%v %d %#v %x", "u(42), u(42), u(42), u(255)", uint(42), uint(42), uint(42), uint(255))
	c("%c|%c|%c|%q|%q|%+q|%U", "i32(65), i32(0x1F600), i(-1), i32(39), i32(0x263a), i32(0x263a), i(-1)", 'A', rune(0x1F600), -1, '\'', rune(0x263a), rune(0x263a), -1)
	c("%v %d", "named_int(\"main.MyInt\", 7), named_int(\"main.MyInt\", 7)", MyInt(7), MyInt(7))
	// strings
	for _, fm := range []string{"%s", "%v", "%q", "%+q", "%#q", "%x", "%X", "% x", "%# x", "%#x", "%10s|", "%-10s|", "%.2s", "%5.1s|", "%010s", "%d", "%T"} {
		for _, v := range []string{"hi", "", "héllo☺", "a\"b\n", "\xff\xfe", "`x`"} {
			c(fm, fmt.Sprintf("s(%s)", lit(v)), v)
		}
	}
	// bools
	c("%t %v %5t| %-6v| %d %s", "b(true), b(false), b(true), b(false), b(true), b(false)", true, false, true, false, true, false)
	// byte slices
	c("%v %s %x %X %q %d % x", "bs(b\"hi\"), bs(b\"hi\"), bs(b\"hi\"), bs(b\"hi\"), bs(b\"hi\"), bs(b\"hi\"), bs(b\"hi\")", []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"))
	c("%#v %T", "bs(b\"\\x01\\x02\"), bs(b\"\")", []byte{1, 2}, []byte{})
	c("%s %v", "named_bytes(\"main.Bytes\", b\"ab\"), named_bytes(\"main.Bytes\", b\"ab\")", Bytes("ab"), Bytes("ab"))
	// slices, arrays
	c("%v %d %x %5v %T", "sl_i(&[1, 2, 3]), sl_i(&[1, 2, 3]), sl_i(&[10, 255]), sl_i(&[1, 2]), sl_i(&[1])", []int{1, 2, 3}, []int{1, 2, 3}, []int{10, 255}, []int{1, 2}, []int{1})
	c("%v %d %#v %T", "nil_sl_i(), nil_sl_i(), nil_sl_i(), nil_sl_i()", []int(nil), []int(nil), []int(nil), []int(nil))
	c("%v %q %s %#v %x", "sl_s(&[\"a\", \"b c\"]), sl_s(&[\"a\", \"b c\"]), sl_s(&[\"a\", \"b c\"]), sl_s(&[\"a\", \"b c\"]), sl_s(&[\"hi\", \"yo\"])", []string{"a", "b c"}, []string{"a", "b c"}, []string{"a", "b c"}, []string{"a", "b c"}, []string{"hi", "yo"})
	c("%v %#v %T %d", "arr_i(&[4, 5, 6]), arr_i(&[4, 5, 6]), arr_i(&[4, 5, 6]), arr_i(&[]) ", [3]int{4, 5, 6}, [3]int{4, 5, 6}, [3]int{4, 5, 6}, [0]int{})
	c("%v %.2f %d", "sl_f(&[1.5, 2.25]), sl_f(&[1.5, 2.25]), sl_s(&[\"x\"])", []float64{1.5, 2.25}, []float64{1.5, 2.25}, []string{"x"})
	c("%v", "sl_sl_i()", [][]int{{1, 2}, {}, nil, {3}})
	// structs
	c("%v %+v %#v %T", "pt(1, 2), pt(1, 2), pt(1, 2), pt(1, 2)", Point{1, 2}, Point{1, 2}, Point{1, 2}, Point{1, 2})
	c("%v|%+v|%d|%s", "tt(), tt(), tt(), tt()", tv(), tv(), tv(), tv())
	c("%v %+v", "anon(), anon()", struct {
		A int
		B string
	}{1, "x"}, struct {
		A int
		B string
	}{1, "x"})
	c("%T", "anon()", struct {
		A int
		B string
	}{1, "x"})
	c("%v %+v %#v", "ww_nil(1), ww_int(5, 2), ww_nil(3)", W{nil, 1}, W{5, 2}, W{nil, 3})
	c("%v %+v %T", "ptr_pt(1, 2), ptr_pt(3, 4), ptr_pt(1, 2)", &Point{1, 2}, &Point{3, 4}, &Point{1, 2})
	c("%v %d", "ptr_sl_i(&[1, 2]), ptr_arr_i(&[3])", &[]int{1, 2}, &[1]int{3})
	c("%v %+v %d %s", "nil_ptr_pt(), nil_ptr_pt(), nil_ptr_pt(), nil_ptr_pt()", (*Point)(nil), (*Point)(nil), (*Point)(nil), (*Point)(nil))
	c("%#v", "nil_ptr_pt()", (*Point)(nil))
	c("%v %T", "nil(), nil()", nil, nil)
	// errors
	c("%d", "s(\"hi\")", "hi")
	c("%d %d", "i(1)", 1)
	c("%d", "i(1), s(\"x\")", 1, "x")
	c("hi", "i(1), s(\"x\"), nil()", 1, "x", nil)
	c("%!", "")
	c("%", "i(1)", 1)
	c("%z %-+z", "i(1), s(\"s\")", 1, "s")
	c("%5d", "s(\"hi\")", "hi")
	c("%s", "nil()", nil)
	c("%d", "nil()", nil)
	c("%d %s", "pt(1, 2), pt(3, 4)", Point{1, 2}, Point{3, 4})
	c("%x", "f(1.0)", 1.0)
	c("%t", "sl_i(&[1, 2])", []int{1, 2})
	c("%s", "sl_i(&[1, 2])", []int{1, 2})
	c("%s", "i(5)", 5)
	c("%.*d|%-*d|%*d", "i(3), i(7), i(4), i(7), i(-4), i(7)", 3, 7, 4, 7, -4, 7)
	c("%*d", "s(\"x\"), i(7)", "x", 7)
	c("%.*d", "s(\"x\"), i(7)", "x", 7)
	c("%[2]d %[1]d", "i(1), i(2)", 1, 2)
	c("%[3]d", "i(1), i(2)", 1, 2)
	c("%[2]*[1]d", "i(12), i(5)", 12, 5)
	c("%d %%%d %%", "i(1), i(2)", 1, 2)
	c("%v%%", "f(50.5)", 50.5)
	c("%-5%|%5%", "")
	c("%.", "i(1)", 1)
	c("%.3", "f(1.0)", 1.0)
	c("%é", "i(1)", 1)
	c("%!d(MISSING) %v", "i(1)", 1)
	// more flags and widths
	c("%5v|%-4v|%04v|%x|%X", "sl_i(&[1, -2]), sl_i(&[1, 2]), sl_i(&[7]), sl_i(&[-255]), sl_i(&[-255])", []int{1, -2}, []int{1, 2}, []int{7}, []int{-255}, []int{-255})
	c("%6v|%-8v|%+5v", "pt(1, 2), pt(1, 2), pt(1, -2)", Point{1, 2}, Point{1, 2}, Point{1, -2})
	c("%08.3f|%-08d|%+08d|%x|%#o|%#x|%#b", "f(-3.14159), i(-42), i(42), i(-255), i(0), i(0), i(0)", -3.14159, -42, 42, -255, 0, 0, 0)
	c("%5s|%-6s|%.3q|%5.2x|%+q|%#+q", "s(\"héllo\"), s(\"é\"), s(\"héllo\"), s(\"héllo\"), s(\"☺\\x01\"), s(\"☺\")", "héllo", "é", "héllo", "héllo", "☺\x01", "☺")
	c("%5c|%-3c|%.6U|%#8U|%x|%X|%o", "i32(0x263a), i32(65), i32(0x263a), i32(65), u8(200), u8(200), u8(8)", rune(0x263a), 'A', rune(0x263a), 'A', uint8(200), uint8(200), uint8(8))
	c("%#v %#v %#v %#v %#v", "named_int(\"main.MyInt\", 7), named_f64(\"main.Celsius\", 36.6), named_str(\"main.MyStr\", \"n\"), f(1.0), f(1e21)", MyInt(7), Celsius(36.6), MyStr("n"), 1.0, 1e21)
	c("%#v %#v %#v", "tt(), anon(), ww_int(5, 2)", tv(), struct {
		A int
		B string
	}{1, "x"}, W{5, 2})
	c("%v %.1f %5.2v", "f32(3.14), f32(2.25), f32(1.005)", float32(3.14), float32(2.25), float32(1.005))
	c("%6.2f%%|%-7.3e|%+g|% g|%010g", "f(99.5), f(123456.0), f(1e-7), f(2.0), f(-1.5)", 99.5, 123456.0, 1e-7, 2.0, -1.5)
	c("%e %g %v %.0f %.0e", "f(1e100), f(1e-100), f(123456789012.0), f(0.5), f(15.0)", 1e100, 1e-100, 123456789012.0, 0.5, 15.0)
	c("%s|%10v|%-10v|%v", "b(true), b(true), b(false), sl_s(&[])", true, true, false, []string{})
	c("%d|%s|%v", "arr_i(&[1, 2]), arr_i(&[1]), named_bytes(\"main.Bytes\", b\"\")", [2]int{1, 2}, [1]int{1}, Bytes(""))
	c("%3d|%-3d|%03d", "sl_i(&[1, 22]), sl_i(&[1, 22]), sl_i(&[-1, 2])", []int{1, 22}, []int{1, 22}, []int{-1, 2})
	c("%q %v %d", "bs(b\"a\\x00\\xff\"), bs(b\"\"), bs(b\"\\x80\")", []byte("a\x00\xff"), []byte(""), []byte("\x80"))
	c("%x % X %#x", "bs(b\"\\x01\\xab\"), bs(b\"\\x01\\xab\"), bs(b\"\")", []byte{1, 0xab}, []byte{1, 0xab}, []byte{})
	c("%v %v %v %v", "i8(-5), u16(65535), i32(-2147483648), u32(4294967295)", int8(-5), uint16(65535), int32(-2147483648), uint32(4294967295))
	c("%08v|%-08v|%+v|%#v", "i(-3), i(3), u(3), i(-3)", -3, 3, uint(3), -3)
	c("%v", "sl_f(&[0.1, 1e21, 0.0])", []float64{0.1, 1e21, 0})
	c("%[1]d %[1]x %[1]o %#[1]v", "i(64)", 64)
	c("%[0]d %[x]d %[1]", "i(1)", 1)
	c("%-*s|", "i(6), s(\"ab\")", 6, "ab")
	c("%*s|%.*s|", "u8(3), s(\"ab\"), i(-1), s(\"abc\")", uint8(3), "ab", -1, "abc")
	c("%10.3v|", "s(\"abcdef\")", "abcdef")
	c("%v %s", "named_bytes(\"main.Bytes\", b\"\\xff\"), named_bytes(\"main.Bytes\", b\"\\xff\")", Bytes("\xff"), Bytes("\xff"))
	fmt.Print("// Generated by runtime/tools/fmtcases (Go 1.19's fmt is the oracle); do not edit.\n")
	fmt.Print("// Re-bless: cd runtime/tools/fmtcases && go run main.go > ../../src/fmt/tests_go_cases.rs\n{\n")
	fmt.Print(out.String())
	fmt.Print("}\n")
}

func tv() T {
	return T{Name: "bob", Tags: []string{"x", "y"}, P: Point{3, 4}, F: 0.5, B: true}
}

func inf(s int) float64 {
	var z float64
	if s > 0 {
		return 1 / z
	}
	return -1 / z
}
func nan() float64 { var z float64; return z / z }

func rustf(v float64) string {
	s := fmt.Sprintf("%v", v)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
