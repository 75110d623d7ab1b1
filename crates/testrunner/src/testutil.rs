//! Test support: a stand-in for the `morestack` executable.
//!
//! A shell script that, for `run FILE` and `check [-e] FILE` alike, runs the `//sh: ` lines
//! of FILE, so that each test file says how "the compiler" behaves on it. For
//! `build FILE -o EXE` it runs the `//build: ` lines, then writes an EXE that does
//! what `run FILE` would. This lets the runner be tested end to end before (and
//! independently of) the real compiler.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const FAKE: &str = "#!/bin/sh\n\
    [ \"$1\" = probe ] && exit 0\n\
    if [ \"$1\" = build ]; then\n\
        eval \"$(sed -n 's|^//build: ||p' \"$2\")\"\n\
        printf '#!/bin/sh\\nexec %s run %s -- \"$@\"\\n' \"$0\" \"$PWD/$2\" > \"$4\"\n\
        chmod +x \"$4\"; exit 0\n\
    fi\n\
    [ \"$2\" = -e ] && shift\n\
    file=$2; shift 2\n\
    [ \"$1\" = -- ] && shift\n\
    eval \"$(sed -n 's|^//sh: ||p' \"$file\")\"\n";

/// The fake executable, written once per test process.
pub fn fake_morestack() -> &'static Path {
    // The directory lives as long as the test process (statics are not dropped).
    static FAKE_EXE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    &FAKE_EXE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("morestack");
            std::fs::write(&p, FAKE).unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
            // Another thread's fork may briefly hold the just-written file open
            // (ETXTBSY); wait until it can be executed.
            for _ in 0..500 {
                match Command::new(&p).arg("probe").status() {
                    Err(e) if e.raw_os_error() == Some(26) => {
                        std::thread::sleep(Duration::from_millis(10))
                    }
                    _ => break,
                }
            }
            (dir, p)
        })
        .1
}
