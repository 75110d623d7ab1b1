// run

package main

import "fmt"

type Pt struct {
	X, Y int
}

func main() {
	s1 := fmt.Sprint("a", "b", 1, 2, "c", 3.5, true, false)
	s2 := fmt.Sprintln("a", "b", 1, 2, "c", 3.5, true)
	s3 := fmt.Sprint(1, 2, 3)
	s4 := fmt.Sprint("x", 1, "y")
	s5 := fmt.Sprint()
	s6 := fmt.Sprintln()
	fmt.Printf("%q\n%q\n%q\n%q\n%q\n%q\n", s1, s2, s3, s4, s5, s6)
	fmt.Print("print", "no", "space", 1, 2, "\n")
	fmt.Print(1, 2, 3, "\n")
	fmt.Print(Pt{1, 2}, Pt{3, 4}, "\n")
	fmt.Println(Pt{1, 2}, &Pt{3, 4}, []Pt{{5, 6}})
	fmt.Println("counted")
	fmt.Println(len(fmt.Sprintln("counted")))
	fmt.Printf("%d-%d\n", 10, 20)
	fmt.Println(len(fmt.Sprintf("%d-%d\n", 10, 20)))
	fmt.Print("xyz\n")
	fmt.Println(len(fmt.Sprint("xyz\n")))
	msg := fmt.Sprintf("%v|%+v|%d|%s", Pt{7, 8}, Pt{7, 8}, Pt{7, 8}, "s")
	fmt.Println(msg)
	table := ""
	for i := 1; i <= 3; i++ {
		table += fmt.Sprintf("%-4s|%4d|%6.2f\n", fmt.Sprint("r", i), i*i, float64(i)/3)
	}
	fmt.Print(table)
	fmt.Println(fmt.Sprint(nil), fmt.Sprintf("%v", nil))
	var np *Pt
	var ns []int
	fmt.Println(np == nil, ns, len(fmt.Sprint(ns)))
	fmt.Println(fmt.Sprint([]string{}), fmt.Sprint([0]int{}), fmt.Sprint([]string{""}))
}
