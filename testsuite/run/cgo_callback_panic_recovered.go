// run

package main

// Panics inside a callback, recovered inside the callback: C sees an ordinary
// return.

/*
extern int goDivide(int, int);
extern void goCheck(int);
static int divideViaC(int a, int b) { return goDivide(a, b) + 1000; }
static int checks;
static void checkViaC(int v) { goCheck(v); checks++; }
static int checked(void) { return checks; }
*/
import "C"

import "fmt"

//export goDivide
func goDivide(a, b C.int) (r C.int) {
	defer func() {
		if e := recover(); e != nil {
			fmt.Println("recovered in callback:", e)
			r = -1
		}
	}()
	return a / b
}

//export goCheck
func goCheck(v C.int) {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	if v < 0 {
		panic(fmt.Sprint("negative: ", v))
	}
	fmt.Println("ok:", v)
}

func main() {
	fmt.Println(C.divideViaC(10, 2))
	fmt.Println(C.divideViaC(1, 0))
	fmt.Println(C.divideViaC(9, 3))
	C.checkViaC(5)
	C.checkViaC(-5)
	fmt.Println("C continued after each callback:", C.checked())
}
