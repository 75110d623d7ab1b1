//! Test-case reduction by delta debugging: removes ever smaller chunks of lines and
//! whole `{ ... }` blocks, then tokens, then characters, keeping each removal after
//! which the input still shows the same bug.
//!
//! The result is 1-minimal at the finest unit tried, within the budget of test runs.
//! It stays valid UTF-8, since every unit boundary is a character boundary. Not
//! responsible for deciding what "the same bug" is: the caller's predicate is.

use crate::mutate::split_tokens;

/// Character-level reduction is quadratic in the worst case; it is only tried once the
/// input is this small.
const CHAR_LEVEL_MAX: usize = 2000;

/// Reduces `input` while `still_fails` holds, running it at most `budget` times.
pub fn minimise(input: &str, budget: usize, still_fails: &mut dyn FnMut(&str) -> bool) -> String {
    let mut left = budget;
    let mut cur = input.to_string();
    // Lines and whole blocks, alternately, until neither removes anything.
    loop {
        let before = cur.len();
        let lines: Vec<String> = cur.split_inclusive('\n').map(str::to_string).collect();
        cur = reduce(lines, &mut left, still_fails);
        cur = remove_blocks(cur, &mut left, still_fails);
        if cur.len() == before || left == 0 {
            break;
        }
    }
    let tokens: Vec<String> = split_tokens(cur.as_bytes()).into_iter().map(|t| String::from_utf8_lossy(t).into_owned()).collect();
    cur = reduce(tokens, &mut left, still_fails);
    if cur.len() <= CHAR_LEVEL_MAX {
        let chars: Vec<String> = cur.chars().map(String::from).collect();
        cur = reduce(chars, &mut left, still_fails);
    }
    cur
}

/// Tries to remove each brace-delimited statement or declaration whole: from a line
/// that ends in `{` to the line that closes it. Line chunks rarely line up with those,
/// and removing half of one leaves a syntax error rather than the bug.
fn remove_blocks(cur: String, left: &mut usize, still_fails: &mut dyn FnMut(&str) -> bool) -> String {
    let mut lines: Vec<String> = cur.split_inclusive('\n').map(str::to_string).collect();
    let mut i = 0;
    while i < lines.len() && *left > 0 {
        let end = lines[i].trim_end().ends_with('{').then(|| closing_line(&lines, i)).flatten();
        if let Some(end) = end {
            let candidate = lines[..i].concat() + &lines[end + 1..].concat();
            *left -= 1;
            if still_fails(&candidate) {
                lines.drain(i..=end);
                continue;
            }
        }
        i += 1;
    }
    lines.concat()
}

/// The line whose braces balance the block opened at the end of line `open`.
fn closing_line(lines: &[String], open: usize) -> Option<usize> {
    let mut depth = 0i64;
    for (j, l) in lines.iter().enumerate().skip(open) {
        for c in l.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            return Some(j);
        }
    }
    None
}

fn reduce(mut units: Vec<String>, left: &mut usize, still_fails: &mut dyn FnMut(&str) -> bool) -> String {
    let mut chunk = (units.len() / 2).max(1);
    while !units.is_empty() && *left > 0 {
        let mut removed = false;
        let mut i = 0;
        while i < units.len() && *left > 0 {
            let end = (i + chunk).min(units.len());
            let candidate = units[..i].concat() + &units[end..].concat();
            *left -= 1;
            if still_fails(&candidate) {
                units.drain(i..end);
                removed = true;
            } else {
                i += chunk;
            }
        }
        if !removed {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
        chunk = chunk.min(units.len()).max(1);
    }
    units.concat()
}

#[cfg(test)]
mod tests {
    use super::minimise;

    #[test]
    fn finds_the_needle() {
        let input = "package main\nfunc main() {\n\tx := 1\n\ty := BOOM(x)\n\t_ = y\n}\n";
        let mut runs = 0;
        let min = minimise(input, 10_000, &mut |s| {
            runs += 1;
            s.contains("BOOM(")
        });
        assert_eq!(min, "BOOM(");
        assert!(runs < 500, "{runs} runs");
    }

    #[test]
    fn removes_whole_blocks() {
        let input = "func f() {\n\tif x {\n\t\ty()\n\t}\n\tBOOM\n}\n";
        // Only inputs with balanced braces still fail: line chunks alone cannot cut
        // the `if` out; whole blocks can.
        let min = minimise(input, 1000, &mut |s| s.contains("BOOM") && s.matches('{').count() == s.matches('}').count() && s.contains("func"));
        assert!(!min.contains("if"), "{min:?}");
    }

    #[test]
    fn respects_budget() {
        let input = "a\nb\nc\nd\n".repeat(50);
        let mut runs = 0;
        minimise(&input, 7, &mut |_| {
            runs += 1;
            false
        });
        assert_eq!(runs, 7);
    }
}
