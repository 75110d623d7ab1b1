// run

package main

import "fmt"

func shift(r rune, k int) rune {
	switch {
	case r >= 'a' && r <= 'z':
		return 'a' + rune((int(r-'a')+k%26+26)%26)
	case r >= 'A' && r <= 'Z':
		return 'A' + rune((int(r-'A')+k%26+26)%26)
	}
	return r
}

func caesar(s string, k int) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, shift(r, k))
	}
	return string(out)
}

func vigenere(s, key string, dir int) string {
	b := []byte(s)
	j := 0
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			k := int(key[j%len(key)] - 'A')
			b[i] = byte('A' + (int(c-'A')+dir*k+26)%26)
			j++
		}
	}
	return string(b)
}

func xorCipher(data []byte, key byte) []byte {
	out := make([]byte, len(data))
	for i := range data {
		out[i] = data[i] ^ key ^ byte(i)
	}
	return out
}

func main() {
	msg := "Hello, World! Zebra-Crossing ünïcode"
	for _, k := range []int{0, 1, 3, 13, 25, 26, -1, -27} {
		fmt.Printf("%3d %s\n", k, caesar(msg, k))
	}
	r13 := caesar(msg, 13)
	fmt.Println(caesar(r13, 13) == msg)
	enc := vigenere("ATTACKATDAWN", "LEMON", 1)
	fmt.Println(enc, vigenere(enc, "LEMON", -1))
	x := xorCipher([]byte("secret"), 0x5A)
	fmt.Printf("%x %s\n", x, xorCipher(x, 0x5A))
	println(caesar("abc", 1))
}
