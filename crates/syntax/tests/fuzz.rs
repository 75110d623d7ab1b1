//! Robustness: the lexer and parser must return (no panic, no endless loop, no stack
//! overflow) on any input, with diagnostics whose spans lie inside the text so that
//! they can be rendered. Inputs are random byte strings, random token soups, and
//! random token-level mutations (delete, duplicate, swap, insert) of a sample program,
//! from a fixed-seed generator so that any failure reproduces.

use syntax::lexer::tokenize;
use syntax::source::render;
use syntax::{parse_file, SourceFile};

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SAMPLE: &str = r#"// Package sample exercises most of Go's syntax.
package sample

// #include <stdio.h>
import "C"

import (
	"fmt"
	str "strings"
)

const (
	A = iota * 10
	B
	C, D string = "c", `d`
	E, F
)

type (
	Point struct {
		X, Y int `json:"x"`
		*Embedded
		fmt.Stringer
	}
	Op    func(a, b int) (int, error)
	Alias = map[string][]*Point
	Ch    <-chan chan<- int
	Any   interface{ M(x ...int) bool }
)

var pts = []Point{{1, 2}, {X: 3, Y: 4}}

//go:noinline
func (p *Point) Sum(scale float64, rest ...int) (total int, err error) {
	defer func() { recover() }()
	total = int(float64(p.X+p.Y)*scale) << 1 &^ 0x_F
	for i, r := range rest {
		if i%2 == 0 && r > 0 || !(r < -1) {
			total += r
		} else if x := r * 2; x != 0 {
			continue
		} else {
			break
		}
	}
	return
}

func main() {
	ch := make(chan int, 3)
	go func(c chan<- int) { c <- 1 }(ch)
	s := [...]string{2: "two", 0: "zero\t\x41\u00e9"}
	m := map[Point]string{{1, 2}: 'x' + "y"}
Loop:
	for i := 0; i < len(s[1:2:3]); i++ {
		switch v := <-ch; {
		case v > 0, v < -1:
			fallthrough
		default:
			goto Loop
		}
		select {
		case x, ok := <-ch:
			_, _ = x, ok
		case ch <- 2:
		default:
		}
	}
	var iface interface{} = m
	switch t := iface.(type) {
	case map[Point]string, nil:
		fmt.Println(t, str.ToUpper("x"), 1.5e3, 0x1p-2, 2i, 0o17, 017)
	}
	if p, ok := iface.(*Point); ok && p != nil {
		p.Sum(1.0, []int{1, 2}...)
	}
	x := (Point{}).X
	x--
	_ = func() int { return x }
}
"#;

/// Parses `text` and renders its diagnostics (which checks their spans).
fn parse_and_render(text: &str) {
    let file = SourceFile::new("fuzz.go", text);
    let (_, diagnostics) = parse_file(&file);
    for d in &diagnostics {
        assert!(d.span.lo <= d.span.hi && d.span.hi as usize <= text.len(), "bad span {d:?} for {text:?}");
    }
    render(&file, &diagnostics);
}

#[test]
fn the_sample_itself_parses_cleanly() {
    let (_, diagnostics) = parse_file(&SourceFile::new("sample.go", SAMPLE));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..2000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        parse_and_render(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_token_soup() {
    const PIECES: &[&str] = &[
        "package", "p", "func", "f", "(", ")", "{", "}", "[", "]", "x", ",", ";", "\n", ":=", "=", "+", "*", "<-", "chan", "map",
        "struct", "interface", "if", "else", "for", "range", "switch", "case", "default", ":", "select", "go", "defer", "return",
        "break", "L", "goto", "var", "const", "type", "import", "\"s\"", "'c'", "`r`", "1", "0x", "1.5", "2i", ".", "...", "&^", "!",
        "//c\n", "/*\n*/", "fallthrough", "++", "--", "~", "|", "&&", "@", "\"", "'",
    ];
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let count = rng.below(60);
        let mut text = String::from("package p\n");
        for _ in 0..count {
            text.push_str(PIECES[rng.below(PIECES.len())]);
            text.push(' ');
        }
        parse_and_render(&text);
    }
}

#[test]
fn token_mutations_of_a_sample_program() {
    // The sample as tokens, each carrying the whitespace and comments that follow it.
    let lexed = tokenize(SAMPLE);
    let starts: Vec<usize> =
        lexed.tokens.iter().filter(|t| !t.is_inserted_semicolon()).map(|t| t.span.lo as usize).collect();
    let mut pieces: Vec<&str> = starts.windows(2).map(|w| &SAMPLE[w[0]..w[1]]).collect();
    pieces.insert(0, &SAMPLE[..starts[0]]);

    let mut rng = Rng(7);
    for _ in 0..3000 {
        let mut mutated = pieces.clone();
        for _ in 0..1 + rng.below(5) {
            let len = mutated.len();
            let (i, j) = (rng.below(len), rng.below(len));
            match rng.below(4) {
                0 => {
                    mutated.remove(i);
                }
                1 => mutated.insert(i, mutated[i]),
                2 => mutated.swap(i, j),
                _ => mutated.insert(i, pieces[rng.below(pieces.len())]),
            }
            if mutated.is_empty() {
                break;
            }
        }
        parse_and_render(&mutated.concat());
    }
}

#[test]
fn unbalanced_and_truncated_inputs() {
    for cut in 0..SAMPLE.len() {
        if SAMPLE.is_char_boundary(cut) {
            parse_and_render(&SAMPLE[..cut]);
        }
    }
    for opener in ["(", "[", "{", "func(", "if x {", "T{", "struct{", "interface{", "\"", "`", "/*", "'"] {
        parse_and_render(&format!("package p\nfunc f() {{ {} }}\n", opener.repeat(5000)));
    }
    for closer in [")", "]", "}", "case 1:", "default:", "else", ":", ","] {
        parse_and_render(&format!("package p\nfunc f() {{ {} }}\n", closer.repeat(5000)));
    }
}
