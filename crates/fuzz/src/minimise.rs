//! Test-case reduction by delta debugging: removes ever smaller chunks of lines, then
//! tokens, then characters, keeping each removal after which the input still shows the
//! same bug.
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
    let lines: Vec<String> = cur.split_inclusive('\n').map(str::to_string).collect();
    cur = reduce(lines, &mut left, still_fails);
    let tokens: Vec<String> = split_tokens(cur.as_bytes()).into_iter().map(|t| String::from_utf8_lossy(t).into_owned()).collect();
    cur = reduce(tokens, &mut left, still_fails);
    if cur.len() <= CHAR_LEVEL_MAX {
        let chars: Vec<String> = cur.chars().map(String::from).collect();
        cur = reduce(chars, &mut left, still_fails);
    }
    cur
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
