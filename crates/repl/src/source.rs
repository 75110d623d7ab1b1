//! The Go file synthesized for each input, and where each of its bytes came from:
//! diagnostics and tracebacks speak of the inputs the user typed (`[3]:2:5`), never of
//! the synthesized file.

use std::rc::Rc;

use syntax::{Diagnostic, SourceFile, Span};

/// One input as typed, named `[N]` in diagnostics and tracebacks.
pub struct InputText {
    pub number: u32,
    pub file: SourceFile,
}

impl InputText {
    pub fn new(number: u32, text: &str) -> Rc<InputText> {
        Rc::new(InputText { number, file: SourceFile::new(format!("[{number}]"), text) })
    }

    pub fn text(&self, span: Span) -> &str {
        &self.file.text[span.lo as usize..span.hi as usize]
    }
}

/// A run of synthesized text from `start` to the next piece: a copy of an input's
/// text from offset `at` on (`copied`), or glue that stands for position `at`.
struct Piece {
    start: u32,
    input: Rc<InputText>,
    at: u32,
    copied: bool,
}

/// Builds a synthesized file piece by piece.
#[derive(Default)]
pub struct Writer {
    text: String,
    pieces: Vec<Piece>,
}

impl Writer {
    /// Appends `text`, which stands for position `at` of `input`.
    pub fn glue(&mut self, text: &str, input: &Rc<InputText>, at: u32) {
        self.pieces.push(Piece { start: self.text.len() as u32, input: input.clone(), at, copied: false });
        self.text.push_str(text);
    }

    /// Appends the text of `span` of `input`.
    pub fn copy(&mut self, input: &Rc<InputText>, span: Span) {
        self.pieces.push(Piece { start: self.text.len() as u32, input: input.clone(), at: span.lo, copied: true });
        self.text.push_str(input.text(span));
    }

    pub fn finish(self) -> (SourceFile, SourceMap) {
        let mut line_starts = vec![0];
        line_starts.extend(self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1));
        (SourceFile::new("session.go", self.text), SourceMap { pieces: self.pieces, line_starts })
    }
}

/// Where the bytes of a synthesized file came from.
pub struct SourceMap {
    pieces: Vec<Piece>,
    line_starts: Vec<u32>,
}

impl SourceMap {
    /// The input and offset a synthesized position stands for.
    pub fn origin(&self, pos: u32) -> (&Rc<InputText>, u32) {
        let i = self.pieces.partition_point(|p| p.start <= pos).max(1) - 1;
        let p = &self.pieces[i];
        let at = if p.copied { p.at + (pos - p.start) } else { p.at };
        (&p.input, at.min(p.input.file.text.len() as u32))
    }

    /// The input and 1-based line a synthesized line stands for.
    pub fn line(&self, line: u32) -> (&Rc<InputText>, u32) {
        let start = self.line_starts.get(line.saturating_sub(1) as usize).copied().unwrap_or(0);
        let (input, at) = self.origin(start);
        (input, input.file.line(at))
    }

    /// Diagnostics of the synthesized file rendered at the inputs they are about
    /// (`[3]:1:5: undefined: y`, the line, a caret).
    pub fn render(&self, diags: &[Diagnostic]) -> String {
        let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
        sorted.sort_by_key(|d| {
            let (input, at) = self.origin(d.span.lo);
            (input.number, at)
        });
        sorted
            .into_iter()
            .map(|d| {
                let (input, lo) = self.origin(d.span.lo);
                syntax::source::render(&input.file, &[Diagnostic::new(Span::new(lo, lo), d.message.clone())])
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_back_to_inputs() {
        let a = InputText::new(1, "x := 1 + y");
        let b = InputText::new(2, "f()\ng()");
        let mut w = Writer::default();
        w.glue("package main\nvar ", &a, 0);
        w.copy(&a, Span::new(0, 1));
        w.glue(" = ", &a, 5);
        w.copy(&a, Span::new(5, 10));
        w.glue("\nfunc main() {\n", &b, 0);
        w.copy(&b, Span::new(0, 7));
        w.glue("\n}\n", &b, 7);
        let (file, map) = w.finish();
        assert_eq!(file.text, "package main\nvar x = 1 + y\nfunc main() {\nf()\ng()\n}\n");
        let y = file.text.find('y').unwrap() as u32;
        assert_eq!(map.origin(y).1, 9);
        assert_eq!(map.render(&[Diagnostic::new(Span::new(y, y + 1), "undefined: y")]), "[1]:1:10: undefined: y\n    x := 1 + y\n             ^\n");
        assert_eq!(map.line(5).1, 2);
        assert_eq!(map.line(5).0.number, 2);
        assert_eq!(map.line(6).1, 2);
    }
}
