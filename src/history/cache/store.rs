//! One store of the history cache: a folder of segment files, each a run of
//! (key, value) records written once and never changed.
//!
//! A run reads every segment of its store, adds what it learned as one new
//! segment (written to a temporary name and renamed, so concurrent runs never
//! see half a file nor lose each other's), and merges the segments into one
//! when there are many. Every record carries a checksum, verified when the
//! record is used: a damaged segment is a miss and a note, never a fact.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::pending::{Pending, encode};
use crate::write::{self, Replace};

/// What every segment file starts with; the number is the record layout.
const MAGIC: &[u8; 8] = b"gpcache1";
/// Merged into one when a store has more segments than this.
const MAX_SEGMENTS: usize = 12;

/// A record's place: which segment, and the byte ranges of its value and
/// of what its checksum covers (its key lies between `start` and `value`).
#[derive(Clone, Copy, Debug)]
struct Place {
    segment: u32,
    start: usize,
    value: usize,
    end: usize,
}

/// The records of one store, read at the start of a run.
#[derive(Debug, Default)]
pub(super) struct Store {
    dir: PathBuf,
    segments: Vec<Segment>,
    /// By a hash of the key: a record's key is read from its segment, not
    /// copied (a store of 200,000 records held 20 MB of copied keys). A
    /// place whose key differs from the one asked for is a miss.
    index: HashMap<u64, Place>,
    /// Set when a record's checksum did not match: its segment is dropped
    /// at the next save.
    damaged: AtomicBool,
    /// Segment files that were not segments (cut short, or not ours).
    pub unreadable: Vec<PathBuf>,
}

#[derive(Debug)]
struct Segment {
    path: PathBuf,
    bytes: Vec<u8>,
    /// A record of this segment failed its checksum.
    bad: AtomicBool,
}

impl Store {
    /// Reads every segment of the store at `dir`; a missing folder is an
    /// empty store. Later segments do not replace a key an earlier one has,
    /// unless `prefer` says the later value is better.
    pub fn open(dir: PathBuf, prefer: fn(&[u8], &[u8]) -> bool) -> Store {
        let mut store = Store {
            dir,
            ..Store::default()
        };
        let mut names: Vec<PathBuf> = match fs::read_dir(&store.dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "seg"))
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        for path in names {
            // Another run may have merged and removed it since the listing.
            let Ok(bytes) = fs::read(&path) else { continue };
            let number = store.segments.len() as u32;
            let Some(records) = records(&bytes) else {
                store.unreadable.push(path);
                continue;
            };
            for (key, place) in records {
                let place = Place {
                    segment: number,
                    ..place
                };
                let hash = checksum(key);
                let keep_old = store.index.get(&hash).is_some_and(|old| {
                    let old_bytes = store.bytes_of(*old, &bytes, number);
                    // Two keys of one hash (a chance of 2^-64 a pair): the
                    // first is kept, the other is never found.
                    old_bytes[old.start + 4..old.value - 4] != *key
                        || !prefer(
                            &old_bytes[old.value..old.end],
                            &bytes[place.value..place.end],
                        )
                });
                if !keep_old {
                    store.index.insert(hash, place);
                }
            }
            store.segments.push(Segment {
                path,
                bytes,
                bad: AtomicBool::new(false),
            });
        }
        store
    }

    /// The bytes of the segment a place is in: `pending` is segment
    /// `pending_number`, still being read.
    fn bytes_of<'a>(&'a self, place: Place, pending: &'a [u8], pending_number: u32) -> &'a [u8] {
        if place.segment == pending_number {
            pending
        } else {
            &self.segments[place.segment as usize].bytes
        }
    }

    /// The value stored under `key`, if its checksum holds.
    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        let place = self.index.get(&checksum(key))?;
        let segment = &self.segments[place.segment as usize];
        let bytes = &segment.bytes;
        if bytes[place.start + 4..place.value - 4] != *key {
            return None;
        }
        let sum = u64::from_le_bytes(bytes[place.end..place.end + 8].try_into().ok()?);
        if checksum(&bytes[place.start..place.end]) != sum {
            segment.bad.store(true, Ordering::Relaxed);
            self.damaged.store(true, Ordering::Relaxed);
            return None;
        }
        Some(&bytes[place.value..place.end])
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Bytes held by the store's segments.
    pub fn size(&self) -> u64 {
        self.segments.iter().map(|s| s.bytes.len() as u64).sum()
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
        for path in &self.unreadable {
            let _ = fs::remove_file(path);
        }
        let bad: Vec<&Segment> = self
            .segments
            .iter()
            .filter(|s| s.bad.load(Ordering::Relaxed))
            .collect();
        for segment in &bad {
            let _ = fs::remove_file(&segment.path);
        }
        let new_size = new.size();
        if self.size() + new_size > limit {
            // Start over from what this run learned.
            for segment in &self.segments {
                let _ = fs::remove_file(&segment.path);
            }
            if new.is_empty() {
                return Ok(0);
            }
            return self.write_segment(std::iter::empty(), new);
        }
        let good = self.segments.len() - bad.len();
        if good + usize::from(!new.is_empty()) <= MAX_SEGMENTS {
            let dropped: u64 = bad.iter().map(|s| s.bytes.len() as u64).sum();
            let written = if new.is_empty() {
                0
            } else {
                self.write_segment(std::iter::empty(), new)?
            };
            return Ok(self.size() - dropped + written);
        }
        // Merge: every good record and the new ones, into one segment.
        let merged = self.index.values().filter_map(|place| {
            let segment = &self.segments[place.segment as usize];
            let bytes = &segment.bytes;
            (!segment.bad.load(Ordering::Relaxed)).then(|| {
                (
                    &bytes[place.start + 4..place.value - 4],
                    &bytes[place.value..place.end],
                )
            })
        });
        let size = self.write_segment(merged, new)?;
        for segment in &self.segments {
            let _ = fs::remove_file(&segment.path);
        }
        Ok(size)
    }

    /// Writes one segment of the `old` records and the `new` ones, streamed
    /// to its file (tens of megabytes in a large walk: never copied into
    /// one buffer first). Returns its size.
    fn write_segment<'a>(
        &self,
        old: impl Iterator<Item = (&'a [u8], &'a [u8])>,
        new: &Pending,
    ) -> io::Result<u64> {
        fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(unique_name());
        let mut old = Some(old);
        let mut size = 0u64;
        let mut fill = |out: &mut dyn io::Write| -> io::Result<()> {
            out.write_all(MAGIC)?;
            size = MAGIC.len() as u64;
            let mut record = Vec::new();
            for (key, value) in old.take().into_iter().flatten() {
                record.clear();
                encode(key, value, &mut record);
                out.write_all(&record)?;
                size += record.len() as u64;
            }
            new.copy_to(out)?;
            size += new.size();
            Ok(())
        };
        write::atomic_unsynced_from(&path, &mut fill, Replace::Never).map_err(io::Error::other)?;
        Ok(size)
    }
}

/// The records of a segment, or `None` when it is not one (cut short, or
/// another program's file).
fn records(bytes: &[u8]) -> Option<Vec<(&[u8], Place)>> {
    let mut out = Vec::new();
    let mut at = bytes.strip_prefix(MAGIC.as_slice()).map(|_| MAGIC.len())?;
    while at < bytes.len() {
        let start = at;
        let key_len = read_len(bytes, at)?;
        let key = bytes.get(at + 4..at + 4 + key_len)?;
        at += 4 + key_len;
        let value_len = read_len(bytes, at)?;
        let value = at + 4;
        let end = value.checked_add(value_len)?;
        bytes.get(end..end + 8)?;
        out.push((
            key,
            Place {
                segment: 0,
                start,
                value,
                end,
            },
        ));
        at = end + 8;
    }
    Some(out)
}

fn read_len(bytes: &[u8], at: usize) -> Option<usize> {
    let raw = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes(raw.try_into().ok()?) as usize)
}

/// FNV-1a, 64 bits: enough to tell a damaged record from a sound one.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
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

/// Removes the store folders of `keep`'s kind (the name before its `-`)
/// beside it, oldest first, until at most `max` remain with it (a changed
/// configuration leaves its old store behind; it is only useful if the
/// change is undone soon).
pub(super) fn prune(keep: &Path, max: usize) {
    let (Some(parent), Some(name)) = (keep.parent(), keep.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let kind = format!("{}-", name.split('-').next().unwrap_or_default());
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.path() != keep
                && e.file_name().to_string_lossy().starts_with(&kind)
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| {
            let modified = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, e.path())
        })
        .collect();
    others.sort();
    let excess = (others.len() + 1).saturating_sub(max);
    for (_, path) in others.into_iter().take(excess) {
        let _ = fs::remove_dir_all(path);
    }
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
        let store = Store::open(dir.path().join("s"), first);
        assert_eq!(store.len(), 0);
        let new = pending(&[(b"a", b"one"), (b"b", b"two")]);
        store.save(&new, u64::MAX).expect("save");
        let store = Store::open(dir.path().join("s"), first);
        assert_eq!(store.get(b"a"), Some(&b"one"[..]));
        assert_eq!(store.get(b"b"), Some(&b"two"[..]));
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
        let store = Store::open(dir.path().join("s"), first);
        assert_eq!(store.get(b"a"), Some(&b"one"[..]));
        assert_eq!(store.get(b"b"), None);
        assert!(store.damaged());
        store.save(&pending(&[]), u64::MAX).expect("save");
        assert!(!seg.exists());
    }

    #[test]
    fn a_cut_segment_is_unreadable_and_removed() {
        let dir = tempfile::tempdir().expect("temp");
        let s = dir.path().join("s");
        Store::open(s.clone(), first)
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
        let store = Store::open(s.clone(), first);
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
            let store = Store::open(s.clone(), first);
            let key = format!("k{i}").into_bytes();
            store
                .save(&pending(&[(&key, &[i as u8; 10])]), u64::MAX)
                .expect("save");
        }
        assert_eq!(fs::read_dir(&s).expect("dir").count(), 1);
        let store = Store::open(s.clone(), first);
        assert_eq!(store.len(), MAX_SEGMENTS + 1);
        assert_eq!(store.get(b"k3"), Some(&[3u8; 10][..]));
        // Past the limit, only the new records remain.
        store
            .save(&pending(&[(b"z", &[9; 10])]), 100)
            .expect("save");
        let store = Store::open(s, first);
        assert_eq!(store.len(), 1);
        assert_eq!(store.get(b"z"), Some(&[9u8; 10][..]));
    }

    #[test]
    fn a_later_value_wins_only_when_preferred() {
        fn longer(old: &[u8], new: &[u8]) -> bool {
            new.len() > old.len()
        }
        let dir = tempfile::tempdir().expect("temp");
        let s = dir.path().join("s");
        Store::open(s.clone(), longer)
            .save(&pending(&[(b"k", b"short")]), u64::MAX)
            .expect("save");
        Store::open(s.clone(), longer)
            .save(&pending(&[(b"k", b"much longer")]), u64::MAX)
            .expect("save");
        Store::open(s.clone(), longer)
            .save(&pending(&[(b"k", b"tiny")]), u64::MAX)
            .expect("save");
        assert_eq!(Store::open(s, longer).get(b"k"), Some(&b"much longer"[..]));
    }
}
