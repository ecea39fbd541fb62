//! The library's error type: every error carries where it happened and what was expected.
use std::fmt;
use std::path::PathBuf;

/// An error from termtool's library. `Display` gives one line without the program name.
#[derive(Debug)]
pub enum Error {
    /// An I/O error on a file.
    Io { path: PathBuf, err: std::io::Error },
    /// The input could not be used: file, optional 1-based line, optional byte offset, message.
    Input {
        path: PathBuf,
        line: Option<usize>,
        offset: Option<u64>,
        msg: String,
    },
    /// A usage problem (bad combination of options, etc.).
    Usage(String),
}

/// Result alias for termtool.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An input error at a file and line.
    pub fn at_line(path: impl Into<PathBuf>, line: usize, msg: impl Into<String>) -> Error {
        Error::Input {
            path: path.into(),
            line: Some(line),
            offset: None,
            msg: msg.into(),
        }
    }
    /// An input error at a file and byte offset (for encoding problems).
    pub fn at_offset(path: impl Into<PathBuf>, offset: u64, msg: impl Into<String>) -> Error {
        Error::Input {
            path: path.into(),
            line: None,
            offset: Some(offset),
            msg: msg.into(),
        }
    }
    /// An input error about a whole file.
    pub fn input(path: impl Into<PathBuf>, msg: impl Into<String>) -> Error {
        Error::Input {
            path: path.into(),
            line: None,
            offset: None,
            msg: msg.into(),
        }
    }
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            err,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, err } => write!(f, "{}: {}", path.display(), err),
            Error::Input {
                path,
                line,
                offset,
                msg,
            } => {
                write!(f, "{}", path.display())?;
                if let Some(l) = line {
                    write!(f, ":{}", l)?;
                }
                if let Some(o) = offset {
                    write!(f, ": byte {}", o)?;
                }
                write!(f, ": {}", msg)
            }
            Error::Usage(m) => write!(f, "{}", m),
        }
    }
}

impl std::error::Error for Error {}
