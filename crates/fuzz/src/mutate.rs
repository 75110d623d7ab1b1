//! Input mutators: random edits of seed programs at the granularity of bytes, tokens and
//! lines, splicing of two seeds, random garbage, and deeply nested constructs.
//!
//! Everything works on bytes, so byte edits may leave invalid UTF-8 (or NUL) behind;
//! the result is converted lossily at the end, because the driver rejects invalid UTF-8
//! before the parser ever sees it. Not responsible for choosing seeds or judging
//! results (the campaign does that).

use crate::rng::Rng;

/// Inputs are cut to this size: large enough for every seed (the biggest is about
/// 10 KiB) spliced a few times, small enough to keep one execution in milliseconds.
const MAX_LEN: usize = 64 << 10;

/// Tokens worth inserting anywhere: keywords, operators, builtins, and literals at the
/// edges of what the lexer and the constant evaluator accept.
const DICTIONARY: &[&str] = &[
    "package", "import", "func", "var", "const", "type", "struct", "interface", "map", "chan", "go", "defer", "return", "if", "else",
    "for", "range", "switch", "case", "default", "fallthrough", "break", "continue", "goto", "select", "(", ")", "{", "}", "[", "]", ",",
    ";", ":", ".", "...", "=", ":=", "+", "-", "*", "/", "%", "&", "|", "^", "&^", "<<", ">>", "&&", "||", "!", "<-", "==", "!=", "<",
    "<=", ">", ">=", "+=", "<<=", "++", "--", "~", "nil", "true", "false", "iota", "_", "len", "cap", "append", "copy", "make", "new",
    "panic", "print", "println", "recover", "string", "int", "int8", "uint64", "uintptr", "float64", "float32", "byte", "rune", "bool",
    "complex128", "any", "error", "0", "-1", "1<<63", "1<<64", "1<<200", "-1<<63", "0x7fffffffffffffff", "18446744073709551615",
    "9223372036854775808", "0b1", "0o17", "017", "1_000", "0x1p-2", "1e308", "1e309", "1e-400", "0.", ".5", "1i", "'\\x00'",
    "'\\U0010FFFF'", "'\\U00110000'", "'ab'", "''", "\"\\xff\"", "\"\\u00e9\"", "\"\\z\"", "\"", "`", "`raw\nstring`", "/*", "*/", "//",
    "\n", "\t", " ", "x", "main", "fmt.Println", "os.Exit", "strings.Repeat", "strconv.Itoa", "[]int", "[3]int", "[...]int", "*int",
    "struct{}", "func()", "[0]int{}", "[1<<40]byte", "p.f", "a[i]", "s[1:2:3]", "x.(T)", "é", "\u{feff}", "\u{202e}",
];

/// Byte strings that are invalid or unusual as UTF-8: lone continuation bytes, a
/// truncated sequence, an encoded surrogate, a code point past U+10FFFF, an overlong
/// NUL, a byte order mark, and NUL itself.
const ODD_BYTES: &[&[u8]] = &[b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\x80", b"\xef\xbb\xbf", b"\0", b"\xff\xfe"];

/// Applies random mutations to `seed`: one, or with halving probability a few more
/// (a single edit often leaves a program the checker accepts; a pile of them rarely
/// gets past the parser). `others` are splice partners.
pub fn mutate(rng: &mut Rng, seed: &str, others: &[String]) -> String {
    let mut b = seed.as_bytes().to_vec();
    let mut n = 1;
    while n < 6 && rng.chance(1, 2) {
        n += 1;
    }
    for _ in 0..n {
        match rng.below(10) {
            0 | 1 => bytes(rng, &mut b),
            2..=4 => tokens(rng, &mut b),
            5 | 6 => lines(rng, &mut b),
            7 | 8 if !others.is_empty() => {
                let other = rng.pick(others).as_bytes();
                splice(rng, &mut b, other);
            }
            _ => numbers(rng, &mut b),
        }
        b.truncate(MAX_LEN);
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Byte-level edits: flip a bit, overwrite, insert random or odd bytes, delete or
/// duplicate a range.
fn bytes(rng: &mut Rng, b: &mut Vec<u8>) {
    let at = rng.below(b.len() + 1);
    match rng.below(6) {
        0 if at < b.len() => b[at] ^= 1 << rng.below(8),
        1 if at < b.len() => b[at] = rng.byte(),
        2 => {
            let n = 1 + rng.below(8);
            let ins: Vec<u8> = (0..n).map(|_| rng.byte()).collect();
            b.splice(at..at, ins);
        }
        3 => {
            let odd = *rng.pick(ODD_BYTES);
            b.splice(at..at, odd.iter().copied());
        }
        4 => {
            let end = (at + 1 + rng.below(16)).min(b.len());
            b.drain(at.min(end)..end);
        }
        _ => {
            let end = (at + 1 + rng.below(64)).min(b.len());
            let dup = b[at.min(end)..end].to_vec();
            b.splice(at..at, dup);
        }
    }
}

/// Splits into tokens: identifier-like runs (ASCII letters, digits, `_`, and any
/// non-ASCII byte), whitespace runs, and single punctuation bytes. Concatenating the
/// pieces gives the input back.
pub fn split_tokens(b: &[u8]) -> Vec<&[u8]> {
    let class = |c: u8| {
        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            0
        } else if c.is_ascii_whitespace() {
            1
        } else {
            2
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=b.len() {
        if i == b.len() || class(b[i]) != class(b[start]) || class(b[start]) == 2 {
            out.push(&b[start..i]);
            start = i;
        }
    }
    out
}

/// Token-level edits: delete, duplicate, swap, or replace a non-space token with one
/// from the same input or from [`DICTIONARY`].
fn tokens(rng: &mut Rng, b: &mut Vec<u8>) {
    let toks: Vec<Vec<u8>> = split_tokens(b).into_iter().map(<[u8]>::to_vec).collect();
    let solid: Vec<usize> = (0..toks.len()).filter(|&i| !toks[i][0].is_ascii_whitespace()).collect();
    if solid.is_empty() {
        b.extend_from_slice(rng.pick(DICTIONARY).as_bytes());
        return;
    }
    let mut toks = toks;
    let i = *rng.pick(&solid);
    let j = *rng.pick(&solid);
    match rng.below(5) {
        0 => {
            toks.remove(i);
        }
        1 => {
            let t = toks[i].clone();
            toks.insert(i, t);
        }
        2 => toks.swap(i, j),
        3 => toks[i] = toks[j].clone(),
        _ => {
            let word = rng.pick(DICTIONARY).as_bytes().to_vec();
            if rng.chance(1, 2) {
                toks[i] = word;
            } else {
                toks.insert(i, word);
            }
        }
    }
    *b = toks.concat();
}

/// Line-level edits: delete, duplicate, swap or move a line.
fn lines(rng: &mut Rng, b: &mut Vec<u8>) {
    let mut ls: Vec<Vec<u8>> = b.split_inclusive(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
    if ls.is_empty() {
        return;
    }
    let i = rng.below(ls.len());
    let j = rng.below(ls.len());
    match rng.below(4) {
        0 => {
            ls.remove(i);
        }
        1 => {
            let l = ls[i].clone();
            ls.insert(j, l);
        }
        2 => ls.swap(i, j),
        _ => {
            let l = ls.remove(i);
            ls.insert(j.min(ls.len()), l);
        }
    }
    *b = ls.concat();
}

/// Inserts a run of lines from `other` at a random line boundary of `b`, or joins a
/// head of `b` to a tail of `other`.
fn splice(rng: &mut Rng, b: &mut Vec<u8>, other: &[u8]) {
    let theirs: Vec<&[u8]> = other.split_inclusive(|&c| c == b'\n').collect();
    let mut ours: Vec<Vec<u8>> = b.split_inclusive(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
    if theirs.is_empty() {
        return;
    }
    let from = rng.below(theirs.len());
    let to = (from + 1 + rng.below(20)).min(theirs.len());
    if rng.chance(1, 4) {
        ours.truncate(rng.below(ours.len() + 1));
        ours.extend(theirs[from..].iter().map(|l| l.to_vec()));
    } else {
        let at = rng.below(ours.len() + 1);
        ours.splice(at..at, theirs[from..to].iter().map(|l| l.to_vec()));
    }
    *b = ours.concat();
}

/// Replaces a number literal with a value at the edge of some type's range.
fn numbers(rng: &mut Rng, b: &mut Vec<u8>) {
    const EDGES: &[&str] = &[
        "0", "1", "-1", "7", "8", "63", "64", "65", "127", "128", "255", "256", "-128", "32767", "65535", "2147483647", "4294967295",
        "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616", "1<<62", "1<<100",
        "-(1<<63)", "0x80000000", "1e3", "1.5", "1e100", "1 << 1000", "0xFFFF_FFFF",
    ];
    let mut toks: Vec<Vec<u8>> = split_tokens(b).into_iter().map(<[u8]>::to_vec).collect();
    let numeric: Vec<usize> = (0..toks.len()).filter(|&i| toks[i][0].is_ascii_digit()).collect();
    if numeric.is_empty() {
        return;
    }
    let i = *rng.pick(&numeric);
    toks[i] = rng.pick(EDGES).as_bytes().to_vec();
    *b = toks.concat();
}

/// Random garbage: printable ASCII with newlines, or a soup of dictionary tokens.
pub fn garbage(rng: &mut Rng) -> String {
    let n = rng.below(2000);
    let mut s = String::new();
    if rng.chance(1, 2) {
        for _ in 0..n {
            let c = if rng.chance(1, 20) { '\n' } else { (b' ' + rng.below(95) as u8) as char };
            s.push(c);
        }
    } else {
        if rng.chance(1, 2) {
            s.push_str("package main\n");
        }
        for _ in 0..n / 4 {
            let word = *rng.pick::<&str>(DICTIONARY);
            s.push_str(word);
            s.push(if rng.chance(1, 8) { '\n' } else { ' ' });
        }
    }
    s
}

/// A program around one construct nested `depth` times, with depths spread up to the
/// parser's nesting limit (1000 levels; most constructs cost two or three levels each)
/// and far beyond it, so that the recursion of every pass — parser, checker, code
/// generator — is exercised at its bounds.
pub fn deep_nesting(rng: &mut Rng) -> String {
    const DEPTHS: &[usize] = &[10, 50, 100, 200, 330, 333, 400, 490, 499, 500, 700, 998, 999, 1000, 1001, 2000, 10_000];
    let n = *rng.pick(DEPTHS);
    let r = |s: &str, k: usize| s.repeat(k);
    let body = match rng.below(16) {
        0 => format!("x := {}1{}\n_ = x", r("(", n), r(")", n)),
        1 => format!("x := {}1\n_ = x", r("- ", n)),
        2 => format!("x := 1{}\n_ = x", r(" + 1", n)),
        3 => format!("b := {}true\n_ = b", r("!", n)),
        4 => format!("{}{}", r("{\n", n), r("}\n", n)),
        5 => format!("x := 0\n{}x++\n{}", r("if x < 1 {\n", n), r("}\n", n)),
        6 => format!("{}{}", r("func() {\n", n), r("}()\n", n)),
        7 => format!("var x {}int\n_ = x", r("[1]", n)),
        8 => format!("var p {}int\n_ = p", r("*", n)),
        9 => format!("var s {}int\n_ = s", r("[]", n)),
        10 => format!("var v {}int{}\n_ = v", r("struct{ f ", n), r(" }", n)),
        11 => format!("x := {}int(1){}\n_ = x", r("int(", n), r(")", n)),
        12 => format!("f := func() int {{ return 1 }}\nx := f(){}\n_ = x", r(" + f()", n)),
        13 => format!("var a {}int\n_ = a{}", r("[1]", n.min(200)), r("[0]", n.min(200))),
        14 => format!("x := {}1{}\n_ = x", r("[]int{", n), r("}[0]", n)),
        _ => format!("for {{\n{}{}}}", r("for {\nbreak\n", n), r("}\n", n)),
    };
    format!("package main\n\nfunc main() {{\n{body}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        let src = b"x := a[1] + f(\"s\") // \xff\n";
        assert_eq!(split_tokens(src).concat(), src.to_vec());
    }

    #[test]
    fn mutants_are_valid_utf8_and_bounded() {
        let mut rng = Rng::new(3);
        let seed = "package main\n\nfunc main() {\n\tx := 1 << 3\n\tprintln(x)\n}\n".to_string();
        let others = vec![seed.clone()];
        for _ in 0..2000 {
            let m = mutate(&mut rng, &seed, &others);
            // `String` guarantees UTF-8; the bound is what needs checking.
            assert!(m.len() <= MAX_LEN * 3, "{}", m.len());
        }
        for _ in 0..50 {
            assert!(garbage(&mut rng).len() < 20_000);
            assert!(deep_nesting(&mut rng).starts_with("package main"));
        }
    }
}
