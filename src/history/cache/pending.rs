//! The records a run learns, on their way to a segment: encoded as the
//! segment holds them, kept in a small buffer, and spilled to an unnamed
//! temporary file beside the store when the buffer fills. A walk of a large
//! history learns tens of megabytes of records; holding them all until the
//! end of the run would add that much to its peak memory.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::record::encode;

/// Past this many buffered bytes, the buffer goes to the temporary file.
const SPILL_AT: usize = 1 << 20;

/// Records waiting for the end of a run.
#[derive(Debug)]
pub(super) struct Pending {
    /// Where the temporary file is made (created when first needed).
    dir: PathBuf,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    buffer: Vec<u8>,
    /// The records spilled so far; `None` until the first spill, or when
    /// the file could not be made (then the buffer keeps everything).
    spill: Option<File>,
    spill_failed: bool,
    /// Bytes of every record, spilled or buffered (0 when there are none).
    size: u64,
}

impl Pending {
    /// Records whose temporary file, if one is needed, goes in `dir`.
    pub fn new(dir: PathBuf) -> Pending {
        Pending {
            dir,
            inner: Mutex::default(),
        }
    }

    /// Adds the record `key` → `value`.
    pub fn push(&self, key: &[u8], value: &[u8]) {
        let mut record = Vec::with_capacity(key.len() + value.len() + 16);
        encode(key, value, &mut record);
        let mut inner = lock(&self.inner);
        inner.buffer.extend_from_slice(&record);
        inner.size += record.len() as u64;
        if inner.buffer.len() >= SPILL_AT && !inner.spill_failed {
            inner.spill_to(&self.dir);
        }
    }

    pub fn is_empty(&self) -> bool {
        lock(&self.inner).size == 0
    }

    /// Bytes the records take in a segment.
    pub fn size(&self) -> u64 {
        lock(&self.inner).size
    }

    /// Writes every record, in the order they came, to `out`.
    pub fn copy_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut inner = lock(&self.inner);
        if let Some(file) = inner.spill.as_mut() {
            file.seek(SeekFrom::Start(0))?;
            io::copy(file, out)?;
        }
        out.write_all(&inner.buffer)
    }
}

impl Inner {
    fn spill_to(&mut self, dir: &Path) {
        if self.spill.is_none() {
            let made = std::fs::create_dir_all(dir).and_then(|()| tempfile::tempfile_in(dir));
            match made {
                Ok(file) => self.spill = Some(file),
                Err(_) => {
                    // The save will say why the cache cannot be written;
                    // until then the records stay in memory.
                    self.spill_failed = true;
                    return;
                }
            }
        }
        let written = match self.spill.as_mut() {
            Some(file) => file.write_all(&self.buffer),
            None => return,
        };
        if written.is_ok() {
            self.buffer.clear();
        } else {
            // A full disk: the file may end inside a record, so none of
            // it is used; what the run learned so far is not kept (the
            // cache only ever saves work), and the save will say why.
            self.spill = None;
            self.spill_failed = true;
            self.buffer.clear();
            self.size = 0;
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::super::store::{Hold, Store};
    use super::*;

    /// Where no temporary file can be made (the cache's folder is a
    /// file), the records stay in memory, every one of them.
    #[test]
    fn records_stay_in_memory_when_nothing_can_be_spilled() {
        let dir = tempfile::tempdir().expect("temp");
        let blocked = dir.path().join("goalpost");
        std::fs::write(&blocked, "not a folder").expect("write");
        let new = Pending::new(blocked);
        let value = vec![1u8; 1000];
        for i in 0..2000u32 {
            new.push(&i.to_le_bytes(), &value);
        }
        assert!(lock(&new.inner).spill.is_none());
        let mut out = Vec::new();
        new.copy_to(&mut out).expect("copy");
        assert_eq!(out.len() as u64, new.size());
        assert_eq!(new.size(), 2000 * (4 + 4 + 4 + 1000 + 8));
    }

    /// Records past the buffer go through the temporary file and come back
    /// whole and in order, and the file leaves nothing in the store.
    #[test]
    fn spilled_records_reach_the_segment() {
        let dir = tempfile::tempdir().expect("temp");
        let new = Pending::new(dir.path().to_path_buf());
        let value = vec![7u8; 1000];
        let keys: Vec<Vec<u8>> = (0..3000u32).map(|i| i.to_le_bytes().to_vec()).collect();
        for key in &keys {
            new.push(key, &value);
        }
        assert!(lock(&new.inner).spill.is_some(), "3 MB must spill");
        assert!(lock(&new.inner).buffer.len() < SPILL_AT);
        let s = dir.path().join("s");
        let size = Store::open(s.clone(), Hold::InPlace, u64::MAX, |_, _| false)
            .save(&new, u64::MAX)
            .expect("save");
        let store = Store::open(s.clone(), Hold::InPlace, u64::MAX, |_, _| false);
        assert_eq!(store.len(), keys.len());
        assert_eq!(store.size(), size);
        assert!(
            keys.iter()
                .all(|k| store.get(k).as_deref() == Some(&value[..]))
        );
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(files, vec![std::ffi::OsString::from("s")]);
    }
}
