// run

package main

import "fmt"

func main() {
	a := "apple"
	b := "banana"
	c := "app"
	fmt.Println(a < b, a > b, a == "apple", a != c, c < a, a <= a, b >= a)
	fmt.Println("" < "a", "a" < "aa", "Z" < "a", "abc" < "abd", "\xff" > "z")
	s := a + ", " + b
	s += "!"
	fmt.Println(s, len(s))
	for i := 0; i < len(a); i++ {
		fmt.Print(a[i], " ")
	}
	fmt.Println()
	fmt.Println(a[1:3], a[:2], a[3:], a[:], a[5:], len(a[2:2]))
	u := "héllo, 世界"
	fmt.Println(len(u), u[1], u[2], u[:3], u[8:])
	var bs byte = u[len(u)-1]
	fmt.Printf("%x %d\n", bs, bs)
	t := ""
	for i := 0; i < 5; i++ {
		t = t + string(rune('a'+i))
	}
	fmt.Println(t)
	// strings are immutable; slicing shares but concatenation makes new
	x := t[1:4]
	t = "zzz"
	fmt.Println(x, t)
	fmt.Println("multi" + "ple" + " " + "concat" == "multiple concat")
	raw := `raw\nstring "with" quotes`
	fmt.Println(raw, len(raw))
	esc := "tab\there\\ \"q\" \x41\101\u0042"
	fmt.Println(esc)
	var empty string
	fmt.Println(empty == "", len(empty), empty+"x")
	cmp := func(p, q string) int {
		if p < q {
			return -1
		} else if p > q {
			return 1
		}
		return 0
	}
	fmt.Println(cmp("abc", "abd"), cmp("b", "a"), cmp("same", "same"), cmp("ab", "abc"))
	println(s, a < b)
}
