//! One error type for the whole pipeline. Every failure reaches the user as
//! one line on stderr, `pa: SOURCE: what`, and an exit code: 1 for bad input
//! or network trouble, 2 for bad usage.

use std::fmt;

#[derive(Debug)]
pub struct Error {
    /// The source (path, URL, `-`) the failure is about, if any.
    pub source: Option<String>,
    pub message: String,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input or the network: exit code 1.
    Input,
    /// The command line: exit code 2.
    Usage,
}

impl Error {
    pub fn input(source: impl Into<String>, message: impl Into<String>) -> Error {
        Error { source: Some(source.into()), message: message.into(), kind: ErrorKind::Input }
    }
    pub fn msg(message: impl Into<String>) -> Error {
        Error { source: None, message: message.into(), kind: ErrorKind::Input }
    }
    pub fn usage(message: impl Into<String>) -> Error {
        Error { source: None, message: message.into(), kind: ErrorKind::Usage }
    }
    /// Attaches a source name unless one is already set.
    pub fn with_source(mut self, source: &str) -> Error {
        if self.source.is_none() {
            self.source = Some(source.to_string());
        }
        self
    }
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::Input => 1,
            ErrorKind::Usage => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keep it on one line whatever the message carries, and let no
        // control character (a name or a server's text quoted in it) drive
        // the terminal.
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c == '\n' || c == '\r' {
                        ' '
                    } else if c.is_control() {
                        '?'
                    } else {
                        c
                    }
                })
                .collect()
        };
        let msg = clean(&self.message);
        match &self.source {
            Some(s) => write!(f, "{}: {msg}", clean(s)),
            None => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
