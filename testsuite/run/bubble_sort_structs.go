// run

package main

import "fmt"

type Employee struct {
	Name   string
	Age    int
	Salary float64
	Dept   string
}

func bubbleSort(es []Employee, less func(a, b *Employee) bool) {
	for i := 0; i < len(es); i++ {
		swapped := false
		for j := 0; j < len(es)-1-i; j++ {
			if less(&es[j+1], &es[j]) {
				es[j], es[j+1] = es[j+1], es[j]
				swapped = true
			}
		}
		if !swapped {
			break
		}
	}
}

func show(title string, es []Employee) {
	fmt.Println("--", title)
	for _, e := range es {
		fmt.Printf("%-8s %3d %9.2f %s\n", e.Name, e.Age, e.Salary, e.Dept)
	}
}

func main() {
	staff := []Employee{
		{"Dana", 41, 5200.5, "ops"},
		{"Ari", 29, 4100, "dev"},
		{"Kim", 35, 6100.25, "dev"},
		{"Lee", 29, 3900, "ops"},
		{Name: "Max", Age: 52, Salary: 7000, Dept: "mgmt"},
		{"Bo", 35, 4100, "dev"},
	}
	byAge := append([]Employee(nil), staff...)
	bubbleSort(byAge, func(a, b *Employee) bool { return a.Age < b.Age })
	show("by age (stable)", byAge)
	byName := append([]Employee(nil), staff...)
	bubbleSort(byName, func(a, b *Employee) bool { return a.Name < b.Name })
	show("by name", byName)
	bySal := append([]Employee(nil), staff...)
	bubbleSort(bySal, func(a, b *Employee) bool {
		if a.Salary != b.Salary {
			return a.Salary > b.Salary
		}
		return a.Name < b.Name
	})
	show("by salary desc", bySal)
	byDept := append([]Employee(nil), staff...)
	bubbleSort(byDept, func(a, b *Employee) bool {
		if a.Dept != b.Dept {
			return a.Dept < b.Dept
		}
		return a.Age > b.Age
	})
	show("by dept, age desc", byDept)
	show("original", staff)
	// raise everybody in dev through pointers
	for i := range staff {
		e := &staff[i]
		if e.Dept == "dev" {
			e.Salary *= 1.1
		}
	}
	total := 0.0
	for _, e := range staff {
		total += e.Salary
	}
	fmt.Printf("total payroll %.3f\n", total)
	fmt.Printf("%+v\n", staff[1])
	println(len(staff))
}
