// run

package main

import (
	"fmt"
	"strings"
)

const text = `It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity.`

type WordCount struct {
	Word  string
	Count int
}

func normalize(w string) string {
	w = strings.ToLower(w)
	b := []byte(w)
	out := b[:0]
	for _, c := range b {
		if c >= 'a' && c <= 'z' {
			out = append(out, c)
		}
	}
	return string(out)
}

func isPalindrome(s string) bool {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		if r[i] != r[j] {
			return false
		}
	}
	return true
}

func main() {
	lines := strings.Split(text, "\n")
	fmt.Println("lines:", len(lines))
	var counts []WordCount
	total := 0
	for _, line := range lines {
		for _, raw := range strings.Fields(line) {
			w := normalize(raw)
			total++
			found := false
			for i := range counts {
				if counts[i].Word == w {
					counts[i].Count++
					found = true
					break
				}
			}
			if !found {
				counts = append(counts, WordCount{w, 1})
			}
		}
	}
	// sort by count desc then word
	for i := 1; i < len(counts); i++ {
		for j := i; j > 0; j-- {
			a, b := counts[j-1], counts[j]
			if a.Count < b.Count || (a.Count == b.Count && a.Word > b.Word) {
				counts[j-1], counts[j] = b, a
			} else {
				break
			}
		}
	}
	fmt.Println("words:", total, "distinct:", len(counts))
	for _, wc := range counts[:6] {
		fmt.Printf("%-8s %s %d\n", wc.Word, strings.Repeat("*", wc.Count), wc.Count)
	}
	longest := ""
	for _, wc := range counts {
		if len(wc.Word) > len(longest) {
			longest = wc.Word
		}
	}
	fmt.Println("longest:", longest, strings.ToUpper(longest))
	for _, s := range []string{"racecar", "level", "gopher", "", "a", "été", "abca"} {
		fmt.Printf("%q:%v ", s, isPalindrome(s))
	}
	fmt.Println()
	fmt.Println(strings.Count(text, "it was"), strings.Index(text, "wisdom"), strings.HasSuffix(text, "."))
	println(total)
}
