// run

package main

import "fmt"

type Tree struct {
	Key         int
	Left, Right *Tree
}

func insert(t *Tree, k int) *Tree {
	if t == nil {
		return &Tree{Key: k}
	}
	if k < t.Key {
		t.Left = insert(t.Left, k)
	} else if k > t.Key {
		t.Right = insert(t.Right, k)
	}
	return t
}

func inorder(t *Tree, visit func(int)) {
	if t == nil {
		return
	}
	inorder(t.Left, visit)
	visit(t.Key)
	inorder(t.Right, visit)
}

func height(t *Tree) int {
	if t == nil {
		return 0
	}
	l, r := height(t.Left), height(t.Right)
	if l > r {
		return l + 1
	}
	return r + 1
}

func contains(t *Tree, k int) bool {
	for t != nil {
		switch {
		case k < t.Key:
			t = t.Left
		case k > t.Key:
			t = t.Right
		default:
			return true
		}
	}
	return false
}

func minNode(t *Tree) *Tree {
	for t.Left != nil {
		t = t.Left
	}
	return t
}

func remove(t *Tree, k int) *Tree {
	if t == nil {
		return nil
	}
	switch {
	case k < t.Key:
		t.Left = remove(t.Left, k)
	case k > t.Key:
		t.Right = remove(t.Right, k)
	default:
		if t.Left == nil {
			return t.Right
		}
		if t.Right == nil {
			return t.Left
		}
		m := minNode(t.Right)
		t.Key = m.Key
		t.Right = remove(t.Right, m.Key)
	}
	return t
}

func show(t *Tree) string {
	if t == nil {
		return "."
	}
	return fmt.Sprintf("(%s %d %s)", show(t.Left), t.Key, show(t.Right))
}

func main() {
	var root *Tree
	for _, k := range []int{50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30} {
		root = insert(root, k)
	}
	var keys []int
	inorder(root, func(k int) { keys = append(keys, k) })
	fmt.Println(keys, height(root))
	fmt.Println(show(root))
	fmt.Println(contains(root, 45), contains(root, 55))
	root = remove(root, 30)
	root = remove(root, 50)
	root = remove(root, 999)
	fmt.Println(show(root))
	sum := 0
	inorder(root, func(k int) { sum += k })
	fmt.Println(sum, height(root))
	// degenerate tree (sorted insertion) is deep
	var chain *Tree
	for i := 0; i < 2000; i++ {
		chain = insert(chain, i)
	}
	fmt.Println(height(chain))
	println(height(root))
}
