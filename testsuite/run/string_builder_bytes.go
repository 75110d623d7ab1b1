// run

package main

import "fmt"

// A hand-written string builder on a byte slice.
type Builder struct {
	buf []byte
}

func writeString(b *Builder, s string) {
	b.buf = append(b.buf, s...)
}

func writeByte(b *Builder, c byte) {
	b.buf = append(b.buf, c)
}

func writeInt(b *Builder, n int) {
	if n < 0 {
		writeByte(b, '-')
		n = -n
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	b.buf = append(b.buf, tmp[i:]...)
}

func writeRune(b *Builder, r rune) {
	b.buf = append(b.buf, string(r)...)
}

func str(b *Builder) string { return string(b.buf) }

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func pad(s string, w int, c byte) string {
	for len(s) < w {
		s = string(c) + s
	}
	return s
}

func main() {
	var b Builder
	for i := -3; i <= 3; i++ {
		writeInt(&b, i*i*i)
		writeByte(&b, ',')
	}
	writeString(&b, " end ")
	writeRune(&b, '✓')
	writeRune(&b, 'é')
	fmt.Println(str(&b), len(b.buf))
	fmt.Println(cap(b.buf) >= len(b.buf))

	// growth of a builder
	var big Builder
	prev := -1
	for i := 0; i < 100; i++ {
		writeString(&big, "abcdefg")
		if cap(big.buf) != prev {
			fmt.Print(cap(big.buf), " ")
			prev = cap(big.buf)
		}
	}
	fmt.Println(len(big.buf))

	fmt.Println(reverseRunes("Hello, 世界"), reverseRunes(""), reverseRunes("a"))
	fmt.Println(pad("42", 6, '0'), pad("toolong", 3, ' '))
	// append bytes of string to byte slice
	bs := []byte("prefix:")
	bs = append(bs, "suffix"...)
	bs = append(bs, []byte("!")...)
	fmt.Println(string(bs), len(bs))
	// uppercase ASCII manually
	up := []byte("mixed Case 123 ümlaut")
	for i, c := range up {
		if c >= 'a' && c <= 'z' {
			up[i] = c - 'a' + 'A'
		}
	}
	fmt.Println(string(up))
	// join manually
	parts := []string{"a", "bb", "ccc"}
	var j Builder
	for i, p := range parts {
		if i > 0 {
			writeString(&j, " | ")
		}
		writeString(&j, p)
	}
	fmt.Println(str(&j))
	println(str(&j))
}
