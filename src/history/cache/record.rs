//! The record format every segment file is written in, below the store,
//! its pending records and its segments, which all speak it: the magic
//! bytes a segment opens with, one record's bytes, and their checksum.
//!
//! A segment is [`MAGIC`], then records, each: key length, key, value
//! length, value (lengths as little-endian `u32`), and the FNV-1a 64
//! checksum of all that.

/// The first bytes of every segment file.
pub(super) const MAGIC: &[u8; 8] = b"gpcache1";

/// Appends one record, checksum included, to `out`.
pub(super) fn encode(key: &[u8], value: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&(key.len() as u32).to_le_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    out.extend_from_slice(value);
    let sum = checksum(&out[start..]);
    out.extend_from_slice(&sum.to_le_bytes());
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
