//! Index directories under the data directory. The live index is the directory named in the
//! `index.current` file (plain `index` when there is none). `noden reindex` builds a new one
//! beside it and names it in `index.next`; whoever holds the live index (the running portal,
//! or the command itself when no portal runs) then promotes it: `index.current` names the new
//! directory, `index.next` goes, and the old directory is removed.
//!
//! Both files are replaced atomically (written aside, then renamed), so a crash leaves either
//! the old or the new pointer, never half of one.

use std::path::{Path, PathBuf};

const CURRENT: &str = "index.current";
const NEXT: &str = "index.next";
const DEFAULT: &str = "index";

fn read_name(path: &Path) -> Option<String> {
    let name = std::fs::read_to_string(path).ok()?;
    let name = name.trim();
    // Only plain names of directories beside the pointer.
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !name.starts_with('.');
    plain.then(|| name.to_owned())
}

fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, format!("{contents}\n"))?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// The live index directory.
pub fn live_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(read_name(&data_dir.join(CURRENT)).unwrap_or_else(|| DEFAULT.to_owned()))
}

/// A fresh directory name for a rebuilt index.
pub fn new_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(format!("index-{}", uuid::Uuid::now_v7().simple()))
}

/// Offers a finished index to whoever holds the live one.
pub fn offer(data_dir: &Path, dir: &Path) -> std::io::Result<()> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| std::io::Error::other("index directory without a name"))?;
    write_atomically(&data_dir.join(NEXT), name)
}

/// The index offered to replace the live one, if any.
pub fn offered(data_dir: &Path) -> Option<PathBuf> {
    read_name(&data_dir.join(NEXT))
        .map(|name| data_dir.join(name))
        .filter(|dir| dir.is_dir())
}

/// Makes `dir` the live index and withdraws the offer. Returns the previous live directory,
/// for the caller to remove once nothing uses it.
pub fn promote(data_dir: &Path, dir: &Path) -> std::io::Result<PathBuf> {
    let previous = live_dir(data_dir);
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| std::io::Error::other("index directory without a name"))?;
    write_atomically(&data_dir.join(CURRENT), name)?;
    match std::fs::remove_file(data_dir.join(NEXT)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    Ok(previous)
}

/// Removes a replaced index directory; failures are only logged (it is just disk space).
pub fn remove_old(dir: &Path) {
    if let Err(error) = std::fs::remove_dir_all(dir) {
        tracing::warn!(dir = %dir.display(), %error, "could not remove a replaced search index");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offered_index_becomes_live_when_promoted() {
        let data = tempfile::tempdir().unwrap();
        let data = data.path();
        assert_eq!(live_dir(data), data.join("index"));
        assert_eq!(offered(data), None);
        let next = new_dir(data);
        std::fs::create_dir_all(&next).unwrap();
        offer(data, &next).unwrap();
        assert_eq!(offered(data), Some(next.clone()));
        assert_eq!(
            live_dir(data),
            data.join("index"),
            "an offer changes nothing yet"
        );
        let previous = promote(data, &next).unwrap();
        assert_eq!(previous, data.join("index"));
        assert_eq!(live_dir(data), next);
        assert_eq!(offered(data), None);
    }

    #[test]
    fn a_pointer_outside_the_data_directory_is_ignored() {
        let data = tempfile::tempdir().unwrap();
        let data = data.path();
        std::fs::write(data.join(CURRENT), "../../etc\n").unwrap();
        assert_eq!(live_dir(data), data.join("index"));
    }
}
