//! Finding test files.
//!
//! A path argument that is a file is a test. A directory contributes every `*.go` file
//! directly inside it (sorted), and recursively those of its subdirectories, except
//! directories named `testdata` and Go's `NAME.dir` helper directories (the extra
//! packages of `rundir`/`compiledir` tests, which are not tests themselves), and
//! hidden ones. Each file gets a *name*: its path relative to the directory argument
//! it was found under, or the path as given for file arguments. Names are what pass
//! lists, reports and JSON use.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A test file to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFile {
    /// Where the file is.
    pub path: PathBuf,
    /// The name used in reports and pass lists, with `/` separators.
    pub name: String,
}

/// Collect the test files under `paths` (see the module doc). Errors name a path
/// that does not exist or cannot be read.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<TestFile>, String> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, p, &mut found).map_err(|e| format!("{}: {e}", p.display()))?;
            for f in found {
                if seen.insert(f.path.clone()) {
                    files.push(f);
                }
            }
        } else if seen.insert(p.clone()) {
            files.push(TestFile {
                path: p.clone(),
                name: p.to_string_lossy().replace('\\', "/"),
            });
        }
    }
    Ok(files)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<TestFile>) -> std::io::Result<()> {
    let mut entries: Vec<(PathBuf, bool)> = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        // Follow symlinks: a linked test directory is as good as a real one.
        let is_dir = std::fs::metadata(e.path())
            .map(|m| m.is_dir())
            .unwrap_or(false);
        entries.push((e.path(), is_dir));
    }
    entries.sort();
    let mut subdirs = Vec::new();
    for (path, is_dir) in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if is_dir {
            if name != "testdata" && !name.ends_with(".dir") && !name.starts_with('.') {
                subdirs.push(path);
            }
        } else if name.ends_with(".go") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(TestFile {
                name: rel.to_string_lossy().replace('\\', "/"),
                path,
            });
        }
    }
    // Files of a directory first, then its subdirectories, as run.go lists them.
    for d in subdirs {
        walk(root, &d, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_and_skips_helpers() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        for f in [
            "b.go",
            "a.go",
            "a.out",
            "notes.txt",
            "sub/c.go",
            "sub/testdata/d.go",
            "x.dir/e.go",
            ".hidden/f.go",
            "sub/deeper/g.go",
        ] {
            let p = r.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "// run\n").unwrap();
        }
        let files = collect_files(&[r.to_path_buf()]).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, vec!["a.go", "b.go", "sub/c.go", "sub/deeper/g.go"]);
        assert_eq!(files[0].path, r.join("a.go"));

        // A file argument keeps its name; duplicates are dropped.
        let single = r.join("b.go");
        let files = collect_files(&[single.clone(), r.to_path_buf()]).unwrap();
        assert_eq!(files[0].name, single.to_string_lossy());
        assert_eq!(files.len(), 4);

        assert!(collect_files(&[r.join("missing")]).is_err());
    }
}
