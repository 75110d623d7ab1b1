// run

package main

import "fmt"

func main() {
	vals := []float64{0, 1, -1, 0.5, 3.14159265358979, -2.5e-7, 1e21, 123456.789, 1.0 / 3.0, 100}
	for _, v := range vals {
		fmt.Printf("%v | %f | %.2f | %8.3f | %-8.1f| %e | %E | %.3e | %g | %G | %.3g | %+.1f | % .2f | %08.2f\n",
			v, v, v, v, v, v, v, v, v, v, v, v, v, v)
	}
	fmt.Println(0.1+0.2, 1e100, 1e-100, 2.0, 1e20, 1e21, 123456789.0, 0.000001, 0.0000001)
	fmt.Println(float64(1<<53), float64(1<<53+1), 9007199254740993.0)
	var zero float64
	negZero := -zero
	fmt.Println(zero, negZero, 1/negZero, -1/zero, zero/zero == zero/zero)
	inf := 1 / zero
	fmt.Printf("%v %f %e %g %5.1f|\n", inf, -inf, inf, zero/zero, inf)
	fmt.Printf("%#g %#.3g %#v\n", 1.0, 2.5, 3.0)
	fmt.Printf("%6.2f%%\n", 99.5)
	fmt.Printf("%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5)
	fmt.Printf("%.10f\n", 0.1)
	fmt.Printf("%g %g %g\n", 1e6, 1e-5, 123456789.0)
	fmt.Printf("%v %v\n", []float64{1.5, 2}, [2]float64{})
	fmt.Print(1.0, 2.5, "\n")
	fmt.Println(fmt.Sprint(3.0), fmt.Sprintf("%.1f", 2.25), fmt.Sprintf("%.1f", 2.35))
	var f float64 = 7
	fmt.Println(f/2, f*1e300*1e10, -f*1e300*1e10)
	println(f/2, inf, -inf, zero/zero)
}
