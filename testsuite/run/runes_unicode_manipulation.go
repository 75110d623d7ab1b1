// run

package main

import "fmt"

func isUpper(r rune) bool { return r >= 'A' && r <= 'Z' }
func isLower(r rune) bool { return r >= 'a' && r <= 'z' }

func swapCase(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case isUpper(r):
			rs[i] = r + ('a' - 'A')
		case isLower(r):
			rs[i] = r - ('a' - 'A')
		}
	}
	return string(rs)
}

func utf8Len(r rune) int {
	switch {
	case r < 0:
		return -1
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case r >= 0xD800 && r <= 0xDFFF:
		return -1
	case r < 0x10000:
		return 3
	case r <= 0x10FFFF:
		return 4
	}
	return -1
}

func encode(r rune) []byte {
	switch utf8Len(r) {
	case 1:
		return []byte{byte(r)}
	case 2:
		return []byte{0xC0 | byte(r>>6), 0x80 | byte(r)&0x3F}
	case 3:
		return []byte{0xE0 | byte(r>>12), 0x80 | byte(r>>6)&0x3F, 0x80 | byte(r)&0x3F}
	case 4:
		return []byte{0xF0 | byte(r>>18), 0x80 | byte(r>>12)&0x3F, 0x80 | byte(r>>6)&0x3F, 0x80 | byte(r)&0x3F}
	}
	return []byte("\uFFFD")
}

func main() {
	fmt.Println(swapCase("Hello, Wörld! ÀbC"))
	for _, r := range []rune{'a', 'é', '€', '😀', 0x7FF, 0x800, 0xFFFF, 0x10000, 0xD800, 0x110000} {
		e := encode(r)
		fmt.Printf("%-8U len=%2d % x %v\n", r, utf8Len(r), e, string(e) == string(r))
	}
	s := "naïve café 日本語"
	runes := 0
	wide := 0
	for _, r := range s {
		runes++
		if r > 0x7F {
			wide++
		}
	}
	fmt.Println(len(s), runes, wide)
	// byte-wise vs rune-wise reverse
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	fmt.Println(string(rs))
	b := []byte("héllo")
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	fmt.Printf("%q\n", string(b))
	for _, r := range string(b) {
		fmt.Print(r, " ")
	}
	fmt.Println()
	// rune arithmetic
	alphabet := ""
	for r := 'α'; r <= 'ω'; r++ {
		alphabet += string(r)
	}
	fmt.Println(alphabet, len(alphabet), len([]rune(alphabet)))
	println(string(rs[0]), len(rs))
}
