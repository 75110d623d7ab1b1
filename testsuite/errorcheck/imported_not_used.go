// errorcheck

package main

import (
	"fmt"
	"os"      // ERROR "imported and not used"
	"strings" // ERROR "imported and not used"
	"strconv"
)

func main() {
	fmt.Println(strconv.Itoa(1))
}
