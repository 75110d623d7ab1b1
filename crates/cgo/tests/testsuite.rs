//! Every cgo program of the testsuite builds: its C side compiles and each C
//! function it calls has a wrapper.

use std::path::Path;

use syntax::SourceFile;

#[test]
fn testsuite_cgo_programs_prepare() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/run");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .expect("testsuite/run")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("cgo_")))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    programs.sort();
    assert!(!programs.is_empty());
    for path in programs {
        let text = std::fs::read_to_string(&path).expect("read");
        let file = SourceFile::new(path.display().to_string(), text);
        let (ast, diags) = syntax::parse_file(&file);
        assert!(diags.is_empty(), "{}: {diags:?}", path.display());
        let prepared = match cgo::prepare(&file, &ast) {
            Ok(Some(p)) => p,
            Ok(None) => panic!("{}: no import \"C\"", path.display()),
            Err(diags) => panic!("{}:\n{}", path.display(), syntax::source::render(&file, &diags)),
        };
        let loaded = prepared.load().expect("load");
        for func in &prepared.decls.funcs {
            assert!(loaded.symbol(&func.wrapper).is_some(), "{}: no wrapper for C.{}", path.display(), func.name);
        }
        for export in &prepared.exports {
            assert!(loaded.symbol(&format!("_cgo_export_fn_{export}")).is_some());
        }
    }
}
