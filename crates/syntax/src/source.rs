//! Source files, positions and diagnostics.
//!
//! Positions are byte offsets into one file's text ([`Span`]); a [`SourceFile`] turns
//! them into 1-based line and column numbers (columns count bytes, as Go's do).
//! Diagnostics render the way Go's tools print them — `file.go:3:5: message` — followed
//! by the source line and a caret under the column. That exact first line is what
//! editors, Go's `errorcheck` tests and people expect, which is why the renderer is
//! this small function rather than a general diagnostics crate whose layouts differ.

use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    pub fn new(lo: u32, hi: u32) -> Span {
        Span { lo, hi }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { lo: self.lo.min(other.lo), hi: self.hi.max(other.hi) }
    }
}

pub struct SourceFile {
    /// The name diagnostics print (the path as given by the user).
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1));
        SourceFile { name: name.into(), text, line_starts }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn line_col(&self, pos: u32) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&s| s <= pos) - 1;
        (line as u32 + 1, pos - self.line_starts[line] + 1)
    }

    pub fn line(&self, pos: u32) -> u32 {
        self.line_col(pos).0
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: u32) -> &str {
        let start = self.line_starts[(line - 1) as usize] as usize;
        let end = self.line_starts.get(line as usize).map_or(self.text.len(), |&e| e as usize);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { span, message: message.into() }
    }
}

/// Renders diagnostics in source order as `file:line:col: message`, each followed by
/// its source line and a caret.
pub fn render(file: &SourceFile, diags: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.span.lo);
    let mut out = String::new();
    for d in sorted {
        let (line, col) = file.line_col(d.span.lo);
        let _ = writeln!(out, "{}:{}:{}: {}", file.name, line, col, d.message);
        let text = file.line_text(line);
        let _ = writeln!(out, "    {}", text.replace('\t', "    "));
        // The caret sits under the column; tabs before it count as the four spaces
        // they were rendered as.
        let prefix = &text.as_bytes()[..((col - 1) as usize).min(text.len())];
        let indent: usize = prefix.iter().map(|&b| if b == b'\t' { 4 } else { 1 }).sum();
        let _ = writeln!(out, "    {}^", " ".repeat(indent));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_bytes() {
        let f = SourceFile::new("a.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(13), (2, 1));
        assert_eq!(f.line_col(29), (4, 2));
        assert_eq!(f.line_text(4), "\tx := 1");
    }

    #[test]
    fn render_prints_go_position_line_and_caret() {
        let f = SourceFile::new("a.go", "package main\n\tx := y\n");
        let d = Diagnostic::new(Span::new(19, 20), "undefined: y");
        assert_eq!(render(&f, &[d]), "a.go:2:7: undefined: y\n        x := y\n             ^\n");
    }
}
