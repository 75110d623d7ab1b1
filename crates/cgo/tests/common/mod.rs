//! Shared by the integration tests: prepares Go source text.

use syntax::SourceFile;

/// `prepare` on a Go source, with diagnostics rendered as `LINE:COL: message`.
pub fn prepare(src: &str) -> Result<Option<cgo::Prepared>, Vec<String>> {
    let file = SourceFile::new("cgo_test.go", src);
    let (ast, diags) = syntax::parse_file(&file);
    assert!(diags.is_empty(), "{diags:?}");
    cgo::prepare(&file, &ast).map_err(|diags| {
        diags
            .iter()
            .map(|d| {
                let (line, col) = file.line_col(d.span.lo);
                format!("{line}:{col}: {}", d.message)
            })
            .collect()
    })
}

/// `prepare` that must succeed on a file importing "C".
pub fn prepared(src: &str) -> cgo::Prepared {
    match prepare(src) {
        Ok(Some(p)) => p,
        Ok(None) => panic!("no import \"C\""),
        Err(diags) => panic!("{}", diags.join("\n")),
    }
}
