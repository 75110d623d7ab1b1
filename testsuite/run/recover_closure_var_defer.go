// run

package main

import "fmt"

func makeHandler(name string, count *int) func() {
	return func() {
		if r := recover(); r != nil {
			*count++
			fmt.Println(name, "handled:", r)
		} else {
			fmt.Println(name, "had nothing to handle")
		}
	}
}

func task(n int, handled *int) {
	handler := makeHandler(fmt.Sprint("task", n), handled)
	defer handler()
	if n%2 == 1 {
		panic(fmt.Sprintf("odd task %d", n))
	}
	fmt.Println("task", n, "ok")
}

func main() {
	handled := 0
	for i := 0; i < 5; i++ {
		task(i, &handled)
	}
	fmt.Println("handled", handled)
	var named func() = makeHandler("direct", &handled)
	func() {
		defer named()
		var p *int
		fmt.Println(*p)
	}()
	fmt.Println("handled", handled)
}
