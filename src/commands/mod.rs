//! One module per `pa` command; each is a short pipeline over the stages.

pub mod diff;
pub mod pprof;
pub mod top;

use crate::error::Error;

/// A write error on stdout becomes a plain error; a closed pipe is handled
/// in `main` (quiet exit 0).
pub fn io_error(e: std::io::Error) -> Error {
    Error::msg(format!("writing output: {e}"))
}

/// Writes `data` to `path` through a temporary file in the same directory
/// and a rename, so a failure never leaves a partial file behind.
pub fn write_file_atomic(path: &str, data: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let target = std::path::Path::new(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{}.pa-tmp-{}", name, std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::input(path, format!("cannot write: {e}")));
    }
    Ok(())
}
