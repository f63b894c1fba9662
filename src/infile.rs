//! Reading a file a user names for an import (README, Moving in): only a regular file, and
//! only up to a size an import can hold. `/dev/zero` never ends, a pipe may never end, a
//! folder is no file; each is refused with what it is, and nothing is read.

use std::io::Read;
use std::path::Path;

use anyhow::anyhow;

use crate::t;

/// The largest file an import reads: a million follow-up records as CSV are some 120 MB.
pub const MAX_FILE: u64 = 512 * 1024 * 1024;

/// The file's bytes, when it is a regular file of at most `MAX_FILE` bytes.
pub fn read(file: &Path) -> anyhow::Result<Vec<u8>> {
    let io =
        |e: std::io::Error| anyhow!(t!("error.io", detail = format!("{}: {e}", file.display())));
    let too_big = |len: u64| {
        anyhow!(t!(
            "import.too_big",
            path = file.display(),
            mb = len / (1024 * 1024),
            max = MAX_FILE / (1024 * 1024)
        ))
    };
    let meta = std::fs::metadata(file).map_err(io)?;
    if !meta.is_file() {
        return Err(anyhow!(t!("import.not_a_file", path = file.display())));
    }
    if meta.len() > MAX_FILE {
        return Err(too_big(meta.len()));
    }
    // The size could grow between the look and the read: the read stops past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(file)
        .map_err(io)?
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}
