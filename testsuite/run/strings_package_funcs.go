// run

package main

import (
	"fmt"
	"strings"
)

func main() {
	s := "  The quick brown fox jumps over the lazy dog  "
	t := strings.TrimSpace(s)
	fmt.Printf("%q\n", t)
	fmt.Println(strings.Contains(t, "fox"), strings.Contains(t, "cat"), strings.Contains(t, ""))
	fmt.Println(strings.HasPrefix(t, "The"), strings.HasPrefix(t, "the"), strings.HasSuffix(t, "dog"), strings.HasSuffix(t, ""))
	fmt.Println(strings.Index(t, "o"), strings.Index(t, "the"), strings.Index(t, "xyz"), strings.Index(t, ""))
	fmt.Println(strings.ToUpper(t))
	fmt.Println(strings.ToLower(t))
	fmt.Println(strings.ToUpper("héllo wörld ß"), strings.ToLower("ÀÉÎ"))
	fmt.Println(strings.Count(t, "o"), strings.Count(t, "the"), strings.Count("five", ""))
	fmt.Println(strings.Repeat("ab", 5), strings.Repeat("-", 0) == "", len(strings.Repeat("xyz", 100)))
	words := strings.Fields(s)
	fmt.Println(len(words), words)
	fmt.Printf("%q\n", strings.Fields(" \t\n "))
	fmt.Printf("%q\n", strings.Split("a,b,,c,", ","))
	fmt.Printf("%q\n", strings.Split("abc", ""))
	fmt.Printf("%q\n", strings.Split("", ","))
	fmt.Printf("%q\n", strings.Split("no separators", ";"))
	fmt.Println(strings.Join(words, "_"))
	fmt.Println(strings.Join([]string{}, ","), strings.Join([]string{"solo"}, ","))
	fmt.Printf("%q\n", strings.TrimSpace("\t\n x y \r\n"))
	csv := "name=ann;age=31;city=oslo"
	for _, kv := range strings.Split(csv, ";") {
		parts := strings.Split(kv, "=")
		fmt.Println(strings.ToUpper(parts[0]), "->", parts[1])
	}
	// word frequency of first letters using a slice
	counts := make([]int, 26)
	for _, w := range words {
		c := strings.ToLower(w)[0]
		counts[c-'a']++
	}
	for i, c := range counts {
		if c > 0 {
			fmt.Printf("%c:%d ", 'a'+i, c)
		}
	}
	fmt.Println()
	fmt.Println(strings.Index("héllo", "l"), strings.Contains("世界", "界"))
}
