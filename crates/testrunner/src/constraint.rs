//! Build constraints (`//go:build EXPR` and `// +build TERMS` lines).
//!
//! Responsible for deciding whether a test file is built on the runner's target, which
//! is fixed: linux/amd64, the `gc` toolchain's tags (as Go's test/run.go assumes), Go
//! release tags up to go1.19, and *no* cgo (files that need cgo are skipped until the
//! runner learns to build C). Not responsible for finding the header: see `directive`.

/// Tags that are true on our target. Everything else (other GOOS/GOARCH values, `cgo`,
/// `gccgo`, `goexperiment.*`, `gcflags_noopt`, `race`) is false.
fn tag_is_set(tag: &str) -> bool {
    if let Some(minor) = tag.strip_prefix("go1.") {
        // Release tags: we claim the language of Go 1.19.
        return minor.parse::<u32>().is_ok_and(|m| (1..=19).contains(&m));
    }
    // `gc` and `test_run` are set by run.go too; `unix` is implied by linux.
    matches!(tag, "linux" | "amd64" | "unix" | "gc" | "test_run")
}

/// If `line` is a build-constraint line, whether it is satisfied on our target.
/// Returns `None` for lines that are not (well-formed) constraints, as run.go ignores
/// lines that `go/build/constraint.Parse` rejects.
pub fn eval_constraint_line(line: &str) -> Option<bool> {
    let line = line.trim_end();
    if let Some(expr) = line.strip_prefix("//go:build") {
        if !expr.is_empty() && !expr.starts_with([' ', '\t']) {
            return None;
        }
        return eval_go_build(expr);
    }
    let rest = line.strip_prefix("//")?.trim_start();
    let terms = rest.strip_prefix("+build")?;
    if !terms.is_empty() && !terms.starts_with([' ', '\t']) {
        return None;
    }
    eval_plus_build(terms)
}

/// Whether `line` is a build-constraint line at all.
pub fn is_constraint_line(line: &str) -> bool {
    eval_constraint_line(line).is_some()
}

/// `// +build A,B !C D`: space-separated options are ORed, comma-separated terms
/// ANDed, `!` negates one tag.
fn eval_plus_build(terms: &str) -> Option<bool> {
    let mut any = false;
    let mut seen = false;
    for option in terms.split_whitespace() {
        seen = true;
        let mut all = true;
        for term in option.split(',') {
            let (neg, tag) = match term.strip_prefix('!') {
                Some(t) => (true, t),
                None => (false, term),
            };
            if !valid_tag(tag) {
                return None;
            }
            all &= tag_is_set(tag) != neg;
        }
        any |= all;
    }
    seen.then_some(any)
}

fn valid_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Tag(String),
    Not,
    And,
    Or,
    LParen,
    RParen,
}

fn tokenize(expr: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let mut chars = expr.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            ' ' | '\t' => {
                chars.next();
            }
            '!' => {
                chars.next();
                toks.push(Tok::Not);
            }
            '(' => {
                chars.next();
                toks.push(Tok::LParen);
            }
            ')' => {
                chars.next();
                toks.push(Tok::RParen);
            }
            '&' | '|' => {
                chars.next();
                match chars.next() {
                    Some((_, d)) if d == c => {}
                    _ => return None,
                }
                toks.push(if c == '&' { Tok::And } else { Tok::Or });
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' => {
                let mut end = i;
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '.' {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                toks.push(Tok::Tag(expr[i..end].to_string()));
            }
            _ => return None,
        }
    }
    Some(toks)
}

/// `//go:build` expression: `||`, `&&`, `!`, parentheses, tags (Go's grammar).
fn eval_go_build(expr: &str) -> Option<bool> {
    let toks = tokenize(expr)?;
    let mut pos = 0;
    let v = parse_or(&toks, &mut pos)?;
    (pos == toks.len()).then_some(v)
}

fn parse_or(toks: &[Tok], pos: &mut usize) -> Option<bool> {
    let mut v = parse_and(toks, pos)?;
    while toks.get(*pos) == Some(&Tok::Or) {
        *pos += 1;
        let r = parse_and(toks, pos)?;
        v = v || r;
    }
    Some(v)
}

fn parse_and(toks: &[Tok], pos: &mut usize) -> Option<bool> {
    let mut v = parse_not(toks, pos)?;
    while toks.get(*pos) == Some(&Tok::And) {
        *pos += 1;
        let r = parse_not(toks, pos)?;
        v = v && r;
    }
    Some(v)
}

fn parse_not(toks: &[Tok], pos: &mut usize) -> Option<bool> {
    match toks.get(*pos)? {
        Tok::Not => {
            *pos += 1;
            Some(!parse_not(toks, pos)?)
        }
        Tok::LParen => {
            *pos += 1;
            let v = parse_or(toks, pos)?;
            if toks.get(*pos) != Some(&Tok::RParen) {
                return None;
            }
            *pos += 1;
            Some(v)
        }
        Tok::Tag(t) => {
            *pos += 1;
            Some(tag_is_set(t))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_build_lines() {
        assert_eq!(eval_constraint_line("//go:build linux"), Some(true));
        assert_eq!(eval_constraint_line("//go:build !js"), Some(true));
        assert_eq!(eval_constraint_line("//go:build cgo"), Some(false));
        assert_eq!(eval_constraint_line("//go:build !cgo"), Some(true));
        assert_eq!(
            eval_constraint_line(
                "//go:build (386 || amd64 || arm64 || ppc64le || s390x) && !gcflags_noopt"
            ),
            Some(true)
        );
        assert_eq!(
            eval_constraint_line("//go:build windows || darwin"),
            Some(false)
        );
        assert_eq!(
            eval_constraint_line("//go:build go1.18 && !go1.20"),
            Some(true)
        );
        assert_eq!(eval_constraint_line("//go:build linux &&"), None);
        assert_eq!(eval_constraint_line("//go:buildx linux"), None);
    }

    #[test]
    fn plus_build_lines() {
        assert_eq!(
            eval_constraint_line("// +build cgo,linux,amd64"),
            Some(false)
        );
        assert_eq!(eval_constraint_line("// +build !nacl,!js"), Some(true));
        assert_eq!(eval_constraint_line("// +build darwin linux"), Some(true));
        assert_eq!(eval_constraint_line("// +build 386 arm"), Some(false));
        assert_eq!(eval_constraint_line("// +build gccgo"), Some(false));
        assert_eq!(eval_constraint_line("// +builds linux"), None);
        assert_eq!(eval_constraint_line("// run"), None);
    }
}
