//! A segment file of a store, held in memory or read in place. Read in
//! place, opening one reads its keys (to index them) and nothing of its
//! values, and a record is read from the file when it is asked for: the
//! document store of a large history is tens of megabytes and a run needs
//! a part of it, so the file system's page cache, not this process, holds
//! the rest. A store whose every record a run reads (a walk reads each
//! commit's) is held in memory: one read instead of one per record.
//!
//! Its records are in the format of [`super::record`].

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use super::record::{MAGIC, checksum};

/// Where a record is: its segment, where it starts, and its lengths.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place {
    pub segment: u32,
    key_len: u32,
    value_len: u32,
    start: u64,
}

impl Place {
    /// Where the record starts in its file.
    pub fn start(self) -> u64 {
        self.start
    }

    /// The record's length in its file, checksum included.
    fn len(self) -> usize {
        16 + self.key_len as usize + self.value_len as usize
    }
}

/// Where a store's segments are read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hold {
    /// Each read whole, once.
    InMemory,
    /// Each record read from the file when asked for.
    InPlace,
}

#[derive(Debug)]
pub(super) struct Segment {
    pub path: PathBuf,
    data: Data,
    pub len: u64,
    /// A record of this segment failed its checksum, or could not be read.
    pub bad: AtomicBool,
}

/// A segment's records: the file's bytes, or the file to read them from.
#[derive(Debug)]
enum Data {
    Bytes(Vec<u8>),
    File(File),
}

/// Why a segment was not opened.
pub(super) enum Closed {
    /// It is gone (another run merged it away since the listing).
    Gone,
    /// It is not a segment: cut short, another program's file, or not a
    /// regular file of a segment's size.
    NotSegment,
}

impl Segment {
    /// Opens the segment at `path` as segment `number` of its store: the
    /// segment, and each record's place with its key's hash, in file order.
    ///
    /// Only a regular file of at most `limit` bytes is opened: a link, a
    /// named pipe (which would block), a device (which never ends) or a
    /// file larger than its store may be is not a segment.
    pub fn open(
        path: PathBuf,
        number: u32,
        hold: Hold,
        limit: u64,
    ) -> Result<(Segment, Vec<(u64, Place)>), Closed> {
        let regular = |meta: &std::fs::Metadata| meta.is_file() && meta.len() <= limit;
        let meta = std::fs::symlink_metadata(&path).map_err(|_| Closed::Gone)?;
        if !regular(&meta) {
            return Err(Closed::NotSegment);
        }
        let mut file = File::open(&path).map_err(|_| Closed::Gone)?;
        if !file.metadata().is_ok_and(|meta| regular(&meta)) {
            return Err(Closed::NotSegment);
        }
        let (data, len, places) = match hold {
            Hold::InMemory => {
                let mut bytes = Vec::new();
                // A file that grows while it is read stops at the limit.
                (&mut file)
                    .take(limit)
                    .read_to_end(&mut bytes)
                    .map_err(|_| Closed::Gone)?;
                let len = bytes.len() as u64;
                let places = scan(&mut bytes.as_slice(), len, number);
                (Data::Bytes(bytes), len, places)
            }
            Hold::InPlace => {
                let len = file.metadata().map_err(|_| Closed::Gone)?.len();
                let places = scan(&mut BufReader::with_capacity(1 << 16, &file), len, number);
                (Data::File(file), len, places)
            }
        };
        let places = places.ok_or(Closed::NotSegment)?;
        let segment = Segment {
            path,
            data,
            len,
            bad: AtomicBool::new(false),
        };
        Ok((segment, places))
    }

    /// The record at `place`, read from the file; `None`, and the segment
    /// marked bad, when it cannot be read.
    pub fn read(&self, place: Place) -> Option<Record> {
        let file = match &self.data {
            Data::Bytes(held) => {
                let start = usize::try_from(place.start).ok()?;
                let bytes = held.get(start..start + place.len())?.to_vec();
                return Some(Record { bytes, place });
            }
            Data::File(file) => file,
        };
        let mut bytes = vec![0; place.len()];
        match read_exact_at(file, &mut bytes, place.start) {
            Ok(()) => Some(Record { bytes, place }),
            Err(_) => {
                self.bad.store(true, Ordering::Relaxed);
                None
            }
        }
    }

    pub fn is_bad(&self) -> bool {
        self.bad.load(Ordering::Relaxed)
    }
}

/// One record's bytes as its segment holds them.
pub(super) struct Record {
    bytes: Vec<u8>,
    place: Place,
}

impl Record {
    pub fn key(&self) -> &[u8] {
        &self.bytes[4..4 + self.place.key_len as usize]
    }

    pub fn value(&self) -> &[u8] {
        let start = 8 + self.place.key_len as usize;
        &self.bytes[start..start + self.place.value_len as usize]
    }

    /// Whether its checksum holds.
    pub fn sound(&self) -> bool {
        let end = self.bytes.len() - 8;
        self.bytes[end..]
            .try_into()
            .is_ok_and(|sum| checksum(&self.bytes[..end]) == u64::from_le_bytes(sum))
    }

    /// The value, without copying it.
    pub fn into_value(mut self) -> Vec<u8> {
        let start = 8 + self.place.key_len as usize;
        self.bytes.truncate(start + self.place.value_len as usize);
        self.bytes.drain(..start);
        self.bytes
    }

    /// The whole record, checksum included, as a new segment takes it.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Every record's place in a segment of `len` bytes, with its key's hash;
/// `None` when the file is not a segment.
fn scan(reader: &mut impl Source, len: u64, number: u32) -> Option<Vec<(u64, Place)>> {
    let mut magic = [0; 8];
    reader.read_exact(&mut magic).ok()?;
    if magic != *MAGIC {
        return None;
    }
    let mut places = Vec::new();
    let mut key = Vec::new();
    let mut at = MAGIC.len() as u64;
    while at < len {
        let key_len = read_u32(reader)?;
        // A length past the end is a cut file, not an allocation to make.
        if at + 16 + u64::from(key_len) > len {
            return None;
        }
        key.resize(key_len as usize, 0);
        reader.read_exact(&mut key).ok()?;
        let value_len = read_u32(reader)?;
        let place = Place {
            segment: number,
            key_len,
            value_len,
            start: at,
        };
        at = at
            .checked_add(place.len() as u64)
            .filter(|&end| end <= len)?;
        reader.skip(i64::from(value_len) + 8).ok()?;
        places.push((checksum(&key), place));
    }
    Some(places)
}

/// What a segment is scanned from: its file, or its bytes in memory.
trait Source: Read {
    /// Moves `n` bytes on without reading them.
    fn skip(&mut self, n: i64) -> io::Result<()>;
}

impl Source for BufReader<&File> {
    fn skip(&mut self, n: i64) -> io::Result<()> {
        self.seek_relative(n)
    }
}

impl Source for &[u8] {
    fn skip(&mut self, n: i64) -> io::Result<()> {
        let n = usize::try_from(n).map_err(io::Error::other)?;
        *self = self.get(n..).ok_or(io::ErrorKind::UnexpectedEof)?;
        Ok(())
    }
}

fn read_u32(reader: &mut impl Read) -> Option<u32> {
    let mut raw = [0; 4];
    reader.read_exact(&mut raw).ok()?;
    Some(u32::from_le_bytes(raw))
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
