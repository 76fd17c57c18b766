//! One store of the history cache: a folder of segment files, each a run of
//! (key, value) records written once and never changed.
//!
//! A run indexes every segment of its store (reading keys, not values: see
//! [`Segment`]), adds what it learned as one new segment (written to a
//! temporary name and renamed, so concurrent runs never see half a file nor
//! lose each other's), and merges the segments into one when there are many.
//! Every record carries a checksum, verified when the record is used: a
//! damaged segment is a miss and a note, never a fact.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::pending::Pending;
use super::record::{MAGIC, checksum};
pub(super) use super::segment::Hold;
use super::segment::{Closed, Place, Segment};
use crate::write::{self, Replace};

/// Merged into one when a store has more segments than this.
const MAX_SEGMENTS: usize = 12;

/// The records of one store, indexed at the start of a run.
#[derive(Debug, Default)]
pub(super) struct Store {
    dir: PathBuf,
    segments: Vec<Segment>,
    /// By a hash of the key: a record's key is read with its value, not
    /// held (a store of 200,000 records would hold 20 MB of keys). A
    /// record whose key differs from the one asked for is a miss.
    index: HashMap<u64, Place>,
    /// Set when a record's checksum did not match: its segment is dropped
    /// at the next save.
    damaged: AtomicBool,
    /// Segment files that were not segments (cut short, or not ours).
    pub unreadable: Vec<PathBuf>,
    /// Temporary files of segments a killed run did not finish, with their
    /// size: counted in the store's size, removed at the next save once
    /// no running save can still own them.
    leftovers: Vec<(PathBuf, u64, bool)>,
    /// The store's folder is a link: nothing is read from it or written.
    link: bool,
}

/// A temporary segment file older than this belongs to no running save.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

impl Store {
    /// Indexes every segment of the store at `dir`, held as `hold` says; a
    /// missing folder is an empty store. Later segments do not replace a
    /// key an earlier one has, unless `prefer` says the later value is
    /// better. A store holds at most `limit` bytes: a segment larger than
    /// that is not one.
    pub fn open(dir: PathBuf, hold: Hold, limit: u64, prefer: fn(&[u8], &[u8]) -> bool) -> Store {
        let mut store = Store {
            link: fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()),
            dir,
            ..Store::default()
        };
        if store.link {
            return store;
        }
        let mut names: Vec<PathBuf> = Vec::new();
        for entry in fs::read_dir(&store.dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if write::is_temporary_of(&name).is_some_and(|of| of.ends_with(".seg")) {
                let meta = entry.metadata().ok();
                let size = meta
                    .as_ref()
                    .filter(|m| m.is_file())
                    .map_or(0, fs::Metadata::len);
                let stale = meta
                    .and_then(|m| m.modified().ok())
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > LEFTOVER_AGE);
                store.leftovers.push((path, size, stale));
            } else if path.extension().is_some_and(|e| e == "seg") {
                names.push(path);
            }
        }
        names.sort();
        for path in names {
            let number = store.segments.len() as u32;
            let (segment, places) = match Segment::open(path.clone(), number, hold, limit) {
                Ok(opened) => opened,
                Err(Closed::Gone) => continue,
                Err(Closed::NotSegment) => {
                    store.unreadable.push(path);
                    continue;
                }
            };
            store.segments.push(segment);
            store.index.reserve(places.len());
            for (hash, place) in places {
                let keep_old = store
                    .index
                    .get(&hash)
                    .is_some_and(|old| store.keeps(*old, place, prefer));
                if !keep_old {
                    store.index.insert(hash, place);
                }
            }
        }
        store
    }

    /// Of two records whose keys have one hash, whether the `old` one stays.
    fn keeps(&self, old: Place, new: Place, prefer: fn(&[u8], &[u8]) -> bool) -> bool {
        let read = |place: Place| self.segments[place.segment as usize].read(place);
        let (Some(old), Some(new)) = (read(old), read(new)) else {
            return true;
        };
        // Two keys of one hash (a chance of 2^-64 a pair): the first is
        // kept, the other is never found.
        old.key() != new.key() || !prefer(old.value(), new.value())
    }

    /// The value stored under `key`, if its checksum holds.
    pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let place = *self.index.get(&checksum(key))?;
        let segment = &self.segments[place.segment as usize];
        let record = segment.read(place);
        let Some(record) = record.filter(|r| r.key() == key) else {
            self.damaged.fetch_or(segment.is_bad(), Ordering::Relaxed);
            return None;
        };
        if !record.sound() {
            segment.bad.store(true, Ordering::Relaxed);
            self.damaged.store(true, Ordering::Relaxed);
            return None;
        }
        Some(record.into_value())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Bytes held by the store's segments.
    #[cfg(test)]
    pub fn size(&self) -> u64 {
        self.segments.iter().map(|s| s.len).sum()
    }

    /// Whether a record failed its checksum this run.
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Writes `new` as one segment; drops segments that were damaged, and
    /// merges all of them into one when there are many or `limit` (bytes)
    /// would be passed (then only the newest records are kept: whatever the
    /// run just needed). Returns the store's size afterwards.
    pub fn save(&self, new: &Pending, limit: u64) -> io::Result<u64> {
        if self.link {
            return Err(io::Error::other(format!(
                "{} is a link or not a folder; the cache is kept only in real folders (remove it: the cache is rebuilt)",
                self.dir.display()
            )));
        }
        for path in &self.unreadable {
            let _ = fs::remove_file(path);
        }
        let mut leftover_size = 0;
        for (path, size, stale) in &self.leftovers {
            if !stale || fs::remove_file(path).is_err() {
                leftover_size += size;
            }
        }
        let bad: Vec<&Segment> = self.segments.iter().filter(|s| s.is_bad()).collect();
        for segment in &bad {
            let _ = fs::remove_file(&segment.path);
        }
        let new_size = new.size();
        let segments_size: u64 = self.segments.iter().map(|s| s.len).sum();
        if segments_size + leftover_size + new_size > limit {
            // Start over from what this run learned.
            for segment in &self.segments {
                let _ = fs::remove_file(&segment.path);
            }
            if new.is_empty() {
                return Ok(0);
            }
            return self.write_segment(&[], new);
        }
        let good = self.segments.len() - bad.len();
        if good + usize::from(!new.is_empty()) <= MAX_SEGMENTS {
            let dropped: u64 = bad.iter().map(|s| s.len).sum();
            let written = if new.is_empty() {
                0
            } else {
                self.write_segment(&[], new)?
            };
            return Ok(segments_size + leftover_size - dropped + written);
        }
        // Merge: every good record and the new ones, into one segment, the
        // old ones read in file order.
        let mut old: Vec<Place> = self
            .index
            .values()
            .filter(|p| !self.segments[p.segment as usize].is_bad())
            .copied()
            .collect();
        old.sort_by_key(|p| (p.segment, p.start()));
        let size = self.write_segment(&old, new)?;
        for segment in &self.segments {
            let _ = fs::remove_file(&segment.path);
        }
        Ok(size)
    }

    /// Writes one segment of the `old` records (copied as they are, each
    /// checked first: a damaged one is left out) and the `new` ones,
    /// streamed to its file. Returns its size.
    fn write_segment(&self, old: &[Place], new: &Pending) -> io::Result<u64> {
        fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(unique_name());
        let mut size = 0u64;
        let mut fill = |out: &mut dyn io::Write| -> io::Result<()> {
            out.write_all(MAGIC)?;
            size = MAGIC.len() as u64;
            for &place in old {
                let segment = &self.segments[place.segment as usize];
                if let Some(record) = segment.read(place).filter(|r| r.sound()) {
                    out.write_all(record.bytes())?;
                    size += record.bytes().len() as u64;
                }
            }
            new.copy_to(out)?;
            size += new.size();
            Ok(())
        };
        write::atomic_unsynced_from(&path, &mut fill, Replace::Never).map_err(io::Error::other)?;
        Ok(size)
    }
}

/// A segment name no other run can pick: process, time and a counter.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{nanos:032x}-{}-{}.seg",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(_: &[u8], _: &[u8]) -> bool {
        false
    }

    /// `records` waiting to be saved, as a run would hold them.
    fn pending(records: &[(&[u8], &[u8])]) -> Pending {
        let new = Pending::new(std::env::temp_dir());
        for (key, value) in records {
            new.push(key, value);
        }
        new
    }

    #[test]
    fn records_round_trip_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().expect("temp");
        let store = Store::open(dir.path().join("s"), Hold::InPlace, u64::MAX, first);
        assert_eq!(store.len(), 0);
        let new = pending(&[(b"a", b"one"), (b"b", b"two")]);
        store.save(&new, u64::MAX).expect("save");
        let store = Store::open(dir.path().join("s"), Hold::InPlace, u64::MAX, first);
        assert_eq!(store.get(b"a"), Some(b"one".to_vec()));
        assert_eq!(store.get(b"b"), Some(b"two".to_vec()));
        assert_eq!(store.get(b"c"), None);

        // Flip one byte of the second value: that record is a miss and
        // the segment is dropped at the next save.
        let seg = fs::read_dir(dir.path().join("s"))
            .expect("dir")
            .next()
            .expect("a segment")
            .expect("entry")
            .path();
        let mut bytes = fs::read(&seg).expect("read");
        let at = bytes.windows(3).position(|w| w == b"two").expect("value");
        bytes[at] = b'T';
        fs::write(&seg, &bytes).expect("write");
        let store = Store::open(dir.path().join("s"), Hold::InPlace, u64::MAX, first);
        assert_eq!(store.get(b"a"), Some(b"one".to_vec()));
        assert_eq!(store.get(b"b"), None);
        assert!(store.damaged());
        store.save(&pending(&[]), u64::MAX).expect("save");
        assert!(!seg.exists());
    }

    #[test]
    fn a_cut_segment_is_unreadable_and_removed() {
        let dir = tempfile::tempdir().expect("temp");
        let s = dir.path().join("s");
        Store::open(s.clone(), Hold::InPlace, u64::MAX, first)
            .save(&pending(&[(b"k", b"value")]), u64::MAX)
            .expect("save");
        let seg = fs::read_dir(&s)
            .expect("dir")
            .next()
            .expect("seg")
            .expect("e")
            .path();
        let bytes = fs::read(&seg).expect("read");
        fs::write(&seg, &bytes[..bytes.len() - 3]).expect("cut");
        let store = Store::open(s.clone(), Hold::InPlace, u64::MAX, first);
        assert_eq!(store.unreadable, vec![seg.clone()]);
        assert_eq!(store.get(b"k"), None);
        store.save(&pending(&[]), u64::MAX).expect("save");
        assert!(!seg.exists());
    }

    #[test]
    fn many_segments_merge_into_one_and_the_limit_starts_over() {
        let dir = tempfile::tempdir().expect("temp");
        let s = dir.path().join("s");
        for i in 0..=MAX_SEGMENTS {
            let store = Store::open(s.clone(), Hold::InPlace, u64::MAX, first);
            let key = format!("k{i}").into_bytes();
            store
                .save(&pending(&[(&key, &[i as u8; 10])]), u64::MAX)
                .expect("save");
        }
        assert_eq!(fs::read_dir(&s).expect("dir").count(), 1);
        let store = Store::open(s.clone(), Hold::InPlace, u64::MAX, first);
        assert_eq!(store.len(), MAX_SEGMENTS + 1);
        assert_eq!(store.get(b"k3"), Some(vec![3u8; 10]));
        // Past the limit, only the new records remain.
        store
            .save(&pending(&[(b"z", &[9; 10])]), 100)
            .expect("save");
        let store = Store::open(s, Hold::InMemory, u64::MAX, first);
        assert_eq!(store.len(), 1);
        assert_eq!(store.get(b"z"), Some(vec![9u8; 10]));
    }

    /// A merge copies records as they are, checking each: one damaged in a
    /// segment nobody read this run is left out, not given a new checksum.
    #[test]
    fn a_merge_leaves_a_damaged_record_out() {
        let dir = tempfile::tempdir().expect("temp");
        let s = dir.path().join("s");
        for i in 0..MAX_SEGMENTS {
            let key = format!("k{i:02}").into_bytes();
            Store::open(s.clone(), Hold::InPlace, u64::MAX, first)
                .save(&pending(&[(&key, b"a value")]), u64::MAX)
                .expect("save");
        }
        let damaged = fs::read_dir(&s)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .find(|p| fs::read(p).expect("read").windows(3).any(|w| w == b"k05"))
            .expect("the segment of k05");
        let mut bytes = fs::read(&damaged).expect("read");
        let at = bytes.len() - 10;
        bytes[at] ^= 1;
        fs::write(&damaged, &bytes).expect("write");
        Store::open(s.clone(), Hold::InPlace, u64::MAX, first)
            .save(&pending(&[(b"new", b"a value")]), u64::MAX)
            .expect("merge");
        assert_eq!(fs::read_dir(&s).expect("dir").count(), 1);
        let store = Store::open(s, Hold::InMemory, u64::MAX, first);
        assert_eq!(store.len(), MAX_SEGMENTS);
        assert_eq!(store.get(b"k05"), None);
        assert!(!store.damaged(), "the damaged record was not copied");
        assert_eq!(store.get(b"k04"), Some(b"a value".to_vec()));
        assert_eq!(store.get(b"new"), Some(b"a value".to_vec()));
    }

    #[test]
    fn a_later_value_wins_only_when_preferred() {
        fn longer(old: &[u8], new: &[u8]) -> bool {
            new.len() > old.len()
        }
        let dir = tempfile::tempdir().expect("temp");
        let s = dir.path().join("s");
        Store::open(s.clone(), Hold::InMemory, u64::MAX, longer)
            .save(&pending(&[(b"k", b"short")]), u64::MAX)
            .expect("save");
        Store::open(s.clone(), Hold::InMemory, u64::MAX, longer)
            .save(&pending(&[(b"k", b"much longer")]), u64::MAX)
            .expect("save");
        Store::open(s.clone(), Hold::InMemory, u64::MAX, longer)
            .save(&pending(&[(b"k", b"tiny")]), u64::MAX)
            .expect("save");
        assert_eq!(
            Store::open(s, Hold::InPlace, u64::MAX, longer).get(b"k"),
            Some(b"much longer".to_vec())
        );
    }
}
