//! The preamble of `import "C"` as it sits in the Go file: its text, where it
//! starts (for `#line`, so the C compiler names `file.go:LINE`), the way back from a
//! C compiler position to a span of the Go file, and morestack's directives in it.

use syntax::ast::Import;
use syntax::{Diagnostic, SourceFile, Span};

/// The directive that makes a C function's wrapper hold a lock (docs/cgo.md).
const SERIALIZE: &str = "morestack:serialize";

pub(crate) struct Preamble<'a> {
    file: &'a SourceFile,
    /// The comment text with its markers removed (empty without a comment).
    pub text: &'a str,
    /// The 1-based Go line the text starts on; 0 without a comment.
    pub first_line: u32,
    /// The Go file's absolute path, as `#line` gives it to the C compiler.
    pub path: String,
    /// The span of `import "C"`, for diagnostics with no better place.
    pub import_span: Span,
}

/// A function named by `// morestack:serialize NAME...`.
pub(crate) struct Serialize {
    pub name: String,
    pub span: Span,
}

impl<'a> Preamble<'a> {
    pub fn new(file: &'a SourceFile, import: &'a Import) -> Preamble<'a> {
        let path = std::path::absolute(&file.name).map_or_else(|_| file.name.clone(), |p| p.display().to_string());
        Preamble {
            file,
            text: import.doc.as_deref().unwrap_or(""),
            first_line: import.doc_line,
            path,
            import_span: import.span,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.import_span, message)
    }

    /// The span of a position the C compiler reported in the Go file (1-based line;
    /// column in the preamble's text, which for `//` comments starts after the `//`
    /// and for a `/*` comment's first line after the `/*`).
    pub fn span_at(&self, line: u32, column: Option<u32>) -> Span {
        let Some((start, text)) = self.source_line(line) else { return self.import_span };
        let in_preamble = line >= self.first_line && (line - self.first_line) < self.text.lines().count() as u32;
        let marker = if !in_preamble {
            None
        } else if self.source_line(self.first_line).is_some_and(|(_, first)| first.trim_start().starts_with("/*")) {
            // A block comment: only its first line has text before the preamble's.
            (line == self.first_line).then(|| text.find("/*")).flatten()
        } else {
            text.find("//")
        };
        let offset = marker.map_or(0, |m| m + 2) + column.map_or(0, |c| c.saturating_sub(1) as usize);
        let lo = start + offset.min(text.len()) as u32;
        Span::new(lo, lo)
    }

    /// The byte offset and text (without newline) of a 1-based line of the Go file.
    fn source_line(&self, line: u32) -> Option<(u32, &'a str)> {
        let mut start = 0;
        for (n, text) in self.file.text.split_inclusive('\n').enumerate() {
            if n + 1 == line as usize {
                return Some((start as u32, text.trim_end_matches(['\n', '\r'])));
            }
            start += text.len();
        }
        None
    }

    /// The functions named by `// morestack:serialize NAME...` lines: C line comments
    /// in the preamble, so that cc and real Go ignore them.
    pub fn serialize_directives(&self) -> Result<Vec<Serialize>, Vec<Diagnostic>> {
        let mut found = Vec::new();
        let mut errors = Vec::new();
        for (k, line) in self.text.lines().enumerate() {
            let mut words = match line.trim_start().strip_prefix("//") {
                Some(comment) => comment.split_whitespace(),
                None => continue,
            };
            if words.next() != Some(SERIALIZE) {
                continue;
            }
            let go_line = self.first_line + k as u32;
            let (start, source) = self.source_line(go_line).unwrap_or((self.import_span.lo, ""));
            let mut from = source.find(SERIALIZE).map_or(0, |at| at + SERIALIZE.len());
            let names: Vec<&str> = words.collect();
            if names.is_empty() {
                let lo = start + from as u32;
                errors.push(Diagnostic::new(Span::new(lo, lo), format!("{SERIALIZE}: missing function name")));
            }
            for name in names {
                let at = source[from..].find(name).map_or(from, |i| from + i);
                from = at + name.len();
                let span = Span::new(start + at as u32, start + from as u32);
                found.push(Serialize { name: name.to_string(), span });
            }
        }
        if errors.is_empty() {
            Ok(found)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_preamble<T>(src: &str, f: impl FnOnce(&SourceFile, &Preamble) -> T) -> T {
        let file = SourceFile::new("a.go", src);
        let (ast, diags) = syntax::parse_file(&file);
        assert!(diags.is_empty(), "{diags:?}");
        let import = ast.imports.iter().find(|i| i.path == "C").expect("import C");
        f(&file, &Preamble::new(&file, import))
    }

    fn text_at(file: &SourceFile, span: Span) -> &str {
        &file.text[span.lo as usize..]
    }

    #[test]
    fn positions_map_back_into_line_comments() {
        let src = "package main\n\n// #include <stdio.h>\n//static int f(void) { return y; }\nimport \"C\"\n";
        with_preamble(src, |file, p| {
            assert_eq!(p.first_line, 3);
            assert!(p.path.ends_with("/a.go") && p.path.starts_with('/'), "{}", p.path);
            // cc counts columns in the preamble's text: `y` is column 29 of line 4.
            assert!(text_at(file, p.span_at(4, Some(29))).starts_with("y; }"));
            assert!(text_at(file, p.span_at(3, None)).starts_with(" #include"));
            assert_eq!(p.span_at(99, Some(1)), p.import_span);
        });
    }

    #[test]
    fn positions_map_back_into_block_comments() {
        let src = "package main\n\n/* int a;\nint b = c;\n*/\nimport \"C\"\n";
        with_preamble(src, |file, p| {
            assert!(text_at(file, p.span_at(3, Some(6))).starts_with("a;"));
            assert!(text_at(file, p.span_at(4, Some(9))).starts_with("c;"));
        });
    }

    #[test]
    fn serialize_directives_name_functions() {
        let src = "package main\n\n/*\n// morestack:serialize f g\n//morestack:serialize h\n// morestack:serialized x\n*/\nimport \"C\"\n";
        with_preamble(src, |file, p| {
            let found = p.serialize_directives().unwrap_or_else(|_| panic!("directives"));
            let got: Vec<(&str, &str)> =
                found.iter().map(|s| (s.name.as_str(), &file.text[s.span.lo as usize..s.span.hi as usize])).collect();
            assert_eq!(got, [("f", "f"), ("g", "g"), ("h", "h")]);
        });
        let src = "package main\n\n// // morestack:serialize\nimport \"C\"\n";
        with_preamble(src, |_, p| {
            let errors = p.serialize_directives().err().expect("an error");
            assert_eq!(errors[0].message, "morestack:serialize: missing function name");
        });
    }
}
