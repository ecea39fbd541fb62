//! Writing results: stdout, or a file written atomically (temporary file, then rename). A path
//! that names something other than a regular file is written in place: a device (`/dev/null`,
//! `/dev/stdout`) or a named pipe must stay what it is, and a symbolic link keeps pointing at its
//! target, which gets the new content.
use std::io::Write;
use std::path::{Path, PathBuf};
use termtool::error::{Error, Result};

/// Write `bytes` to `path` atomically, or to stdout when `path` is None.
pub fn emit(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io(PathBuf::from("<stdout>"), e))
        }
        Some(p) => {
            let target = link_target(p);
            let p = target.as_deref().unwrap_or(p);
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    return Err(Error::input(
                        p,
                        "is a folder; expected a file name to write to",
                    ))
                }
                Ok(m) if !m.is_file() => return write_in_place(p, bytes),
                _ => {}
            }
            emit_all(&[(p.to_path_buf(), bytes.to_vec())])
        }
    }
}

/// `bytes` in a temporary file beside `p`, synced, readable as an ordinary file.
fn temp_with(p: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(p, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(p, e))?;
    // a temporary file is private; the result is an ordinary file
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
    }
    Ok(tmp)
}

/// Write several files in one folder so that an interruption leaves all the old ones or all the
/// new ones, and no temporary file: each is written to a temporary file first, then renamed,
/// with Ctrl-C (SIGINT), SIGTERM and SIGHUP held back until the last rename is done.
pub fn emit_all(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    // held from the first temporary file on, so that none is left behind either (writing them
    // takes milliseconds)
    let _held = HeldSignals::new();
    let mut temps = Vec::with_capacity(files.len());
    for (p, bytes) in files {
        temps.push((p, temp_with(p, bytes)?));
    }
    for (p, tmp) in temps {
        tmp.persist(p).map_err(|e| Error::io(p, e.error))?;
    }
    Ok(())
}

/// Interrupting signals held back while it lives: each is recorded by a process-wide handler
/// instead of ending the process, and the first one recorded is delivered again, with the old
/// handling, when it is dropped. A handler, not a thread's signal mask: a signal sent to the
/// process may be delivered to any thread, such as one of the worker pool's.
struct HeldSignals {
    #[cfg(unix)]
    old: Vec<(libc::c_int, libc::sigaction)>,
}

#[cfg(unix)]
const HELD: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The first signal that came while signals were held; 0 for none.
#[cfg(unix)]
static RECEIVED: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

#[cfg(unix)]
extern "C" fn record(sig: libc::c_int) {
    use std::sync::atomic::Ordering;
    let _ = RECEIVED.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
}

impl HeldSignals {
    #[cfg(unix)]
    fn new() -> HeldSignals {
        let mut old = Vec::with_capacity(HELD.len());
        // SAFETY: the structures are zeroed and their mask initialised by sigemptyset before
        // use; `record` only touches an atomic, which is async-signal-safe; the old actions are
        // restored in Drop.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = record as extern "C" fn(libc::c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = libc::SA_RESTART;
            for sig in HELD {
                let mut before: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig, &action, &mut before) == 0 {
                    old.push((sig, before));
                }
            }
        }
        HeldSignals { old }
    }

    #[cfg(not(unix))]
    fn new() -> HeldSignals {
        HeldSignals {}
    }
}

impl Drop for HeldSignals {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: restores the actions saved in `new`, then raises the recorded signal so that
        // it has the effect it would have had (by default, ending the process).
        unsafe {
            for (sig, before) in &self.old {
                libc::sigaction(*sig, before, std::ptr::null_mut());
            }
            let sig = RECEIVED.swap(0, std::sync::atomic::Ordering::SeqCst);
            if sig != 0 {
                libc::raise(sig);
            }
        }
    }
}

/// Where a symbolic link at `p` points (through every link), when `p` is one.
fn link_target(p: &Path) -> Option<PathBuf> {
    let mut at = p.to_path_buf();
    // a bound on the chain, as the kernel has (ELOOP)
    for _ in 0..40 {
        let meta = std::fs::symlink_metadata(&at).ok()?;
        if !meta.file_type().is_symlink() {
            return (at != p).then_some(at);
        }
        let next = std::fs::read_link(&at).ok()?;
        at = match at.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

/// Write to a device or a pipe as it is: no temporary file, no rename; an error (a full
/// device) is reported.
fn write_in_place(p: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(p)
        .map_err(|e| Error::io(p, e))?;
    f.write_all(bytes)
        .and_then(|_| f.flush())
        .map_err(|e| Error::io(p, e))
}
