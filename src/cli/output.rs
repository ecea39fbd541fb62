//! Writing results: stdout or a file written atomically (temporary file, then rename).
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
                let _ =
                    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
            }
            tmp.persist(p).map_err(|e| Error::io(p, e.error))?;
            Ok(())
        }
    }
}
