//! Running one child process: stdout and stderr combined through ONE pipe (so their
//! interleaving is the program's own, as in run.go where both are the same buffer),
//! stdin from /dev/null, a wall-clock limit after which the child is killed, and a cap
//! on how much output is kept.
//!
//! Not responsible for interpreting the result.

use std::io::{self, Read};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use wait_timeout::ChildExt;

/// Output kept per child. Go's printbig test prints a few hundred KiB; a runaway
/// print loop must not take the runner's memory with it.
pub const OUTPUT_LIMIT: usize = 16 << 20;

/// After the child has exited, how long to wait for the pipe to reach end-of-file.
/// Only a grandchild that inherited the pipe can hold it open that long.
const DRAIN_GRACE: Duration = Duration::from_secs(2);

/// The result of [`run_captured`].
#[derive(Debug)]
pub struct Captured {
    /// stdout and stderr, interleaved as written.
    pub output: Vec<u8>,
    /// `None` when the child was killed for exceeding the time limit.
    pub status: Option<ExitStatus>,
    /// Output beyond [`OUTPUT_LIMIT`] was discarded.
    pub truncated: bool,
}

/// Spawn `cmd` and collect its combined output, killing it after `timeout`.
pub fn run_captured(mut cmd: Command, timeout: Duration) -> io::Result<Captured> {
    let (mut reader, writer) = io::pipe()?;
    cmd.stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer);
    let mut child = cmd.spawn()?;
    // The Command holds our copies of the write end: drop them so that the reader
    // sees end-of-file when the child (and anything it spawned) has exited.
    drop(cmd);

    let buf = Arc::new(Mutex::new((Vec::new(), false)));
    let (done_tx, done_rx) = mpsc::channel::<()>();
    {
        let buf = Arc::clone(&buf);
        thread::Builder::new()
            .name("testrunner-output".into())
            .spawn(move || {
                let mut chunk = [0u8; 64 * 1024];
                loop {
                    match reader.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => {
                            let mut b = buf.lock().unwrap_or_else(|e| e.into_inner());
                            let room = OUTPUT_LIMIT.saturating_sub(b.0.len());
                            if n > room {
                                b.1 = true;
                            }
                            b.0.extend_from_slice(&chunk[..n.min(room)]);
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = done_tx.send(());
            })?;
    }

    let status = match child.wait_timeout(timeout)? {
        Some(status) => Some(status),
        None => {
            // Kill may fail only if the child exited in between; wait reaps it.
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    };
    // Normally immediate; if a grandchild still holds the pipe, keep what we have
    // (the reader thread is then left behind until that grandchild exits).
    let _ = done_rx.recv_timeout(DRAIN_GRACE);
    let mut b = buf.lock().unwrap_or_else(|e| e.into_inner());
    Ok(Captured {
        output: std::mem::take(&mut b.0),
        status,
        truncated: b.1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut c = Command::new("sh");
        c.arg("-c").arg(script);
        c
    }

    #[test]
    fn combines_stdout_and_stderr_in_order() {
        let c = run_captured(
            sh("echo one; echo two >&2; echo three; echo four >&2; exit 3"),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&c.output),
            "one\ntwo\nthree\nfour\n"
        );
        assert_eq!(c.status.unwrap().code(), Some(3));
        assert!(!c.truncated);
    }

    #[test]
    fn kills_on_timeout() {
        let start = std::time::Instant::now();
        let c = run_captured(
            sh("echo started; exec sleep 30"),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(c.status.is_none());
        assert_eq!(String::from_utf8_lossy(&c.output), "started\n");
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn stdin_is_empty() {
        let c = run_captured(sh("cat; echo done"), Duration::from_secs(10)).unwrap();
        assert_eq!(String::from_utf8_lossy(&c.output), "done\n");
    }
}
