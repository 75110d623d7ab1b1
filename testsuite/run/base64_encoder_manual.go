// run

package main

import "fmt"

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func encode(src []byte) string {
	out := make([]byte, 0, (len(src)+2)/3*4)
	for i := 0; i < len(src); i += 3 {
		var chunk [3]byte
		n := copy(chunk[:], src[i:])
		v := uint(chunk[0])<<16 | uint(chunk[1])<<8 | uint(chunk[2])
		out = append(out, alphabet[v>>18&0x3F], alphabet[v>>12&0x3F])
		if n > 1 {
			out = append(out, alphabet[v>>6&0x3F])
		} else {
			out = append(out, '=')
		}
		if n > 2 {
			out = append(out, alphabet[v&0x3F])
		} else {
			out = append(out, '=')
		}
	}
	return string(out)
}

func decode(s string) []byte {
	var rev [256]int8
	for i := range rev {
		rev[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		rev[alphabet[i]] = int8(i)
	}
	var out []byte
	var acc uint32
	bits := 0
	for i := 0; i < len(s); i++ {
		v := rev[s[i]]
		if v < 0 {
			continue
		}
		acc = acc<<6 | uint32(v)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>uint(bits)))
		}
	}
	return out
}

func hexdump(b []byte) string {
	const digits = "0123456789abcdef"
	out := ""
	for i, c := range b {
		if i > 0 {
			out += " "
		}
		out += string(digits[c>>4]) + string(digits[c&15])
	}
	return out
}

func main() {
	for _, s := range []string{"", "f", "fo", "foo", "foob", "fooba", "foobar", "Man is distinguished", "\x00\xff\xfe"} {
		e := encode([]byte(s))
		d := decode(e)
		fmt.Printf("%-24q %-30s %v\n", s, e, string(d) == s)
	}
	fmt.Println(hexdump(decode("3q2+7w==")))
	fmt.Println(hexdump([]byte("Go!")))
	println(encode([]byte("stderr")))
}
