//! Which names a file uses from the pseudo-package `C`: every `C.name` selector in
//! declarations, signatures, statements and type expressions, found syntactically as
//! cmd/cgo finds them (a local variable called `C` would fool both).

use std::collections::HashMap;

use syntax::ast::{self, ExprKind};
use syntax::Span;

/// A name used as `C.name`, with the span of its first use (the whole selector, so
/// diagnostics point at the `C` as Go's do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Use {
    pub name: String,
    pub span: Span,
}

/// Every `C.name` of the file, once each, in the order of first use.
pub(crate) fn c_names(file: &ast::File) -> Vec<Use> {
    // The walk visits declarations in any order: keep each name's earliest span.
    let mut first: HashMap<String, Span> = HashMap::new();
    syntax::walk::walk_exprs(file, &mut |x| {
        let ExprKind::Selector { x: package, sel } = &x.kind else { return };
        if !matches!(&package.kind, ExprKind::Ident(name) if name == "C") {
            return;
        }
        let span = first.entry(sel.name.clone()).or_insert(x.span);
        if x.span.lo < span.lo {
            *span = x.span;
        }
    });
    let mut uses: Vec<Use> = first.into_iter().map(|(name, span)| Use { name, span }).collect();
    uses.sort_by_key(|u| u.span.lo);
    uses
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntax::SourceFile;

    fn names(src: &str) -> Vec<(String, String)> {
        let file = SourceFile::new("a.go", src);
        let (ast, diags) = syntax::parse_file(&file);
        assert!(diags.is_empty(), "{diags:?}");
        c_names(&ast)
            .into_iter()
            .map(|u| (u.name, file.text[u.span.lo as usize..u.span.hi as usize].to_string()))
            .collect()
    }

    #[test]
    fn every_c_name_once_in_first_use_order() {
        let src = r#"package main

import "C"

type T struct{ p *C.char }

var v = C.abs(-1)

func f(a C.int) C.long {
	defer C.free(nil)
	for i := C.int(0); i < C.limit(); i++ {
		go func() { _ = [2]C.double{C.sqrt(2)} }()
	}
	x := C.abs(C.int(2))
	return C.long(x)
}
"#;
        let got = names(src);
        let want = ["char", "abs", "int", "long", "free", "limit", "double", "sqrt"];
        assert_eq!(got.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), want);
        assert!(got.iter().all(|(n, text)| *text == format!("C.{n}")), "{got:?}");
    }

    #[test]
    fn other_selectors_are_not_c_names() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(x.C, C2.f) }\n";
        assert!(names(src).is_empty());
    }
}
