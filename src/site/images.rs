//! Images documents show: a local PNG, JPEG, GIF or WebP file that really
//! lies inside the repository (links followed) and really is what its name
//! says is copied into the site under `files/` and shown; anything else (an
//! SVG, which can carry script; a remote image, which would be a request
//! the page makes; a file outside the repository) stays a link, as before.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use crate::confine;

/// The largest image copied; a larger one stays a link.
const MAX_BYTES: u64 = 10 << 20;

/// Where copied images go, from the site's root.
pub const FOLDER: &str = "files/";

/// The images the pages show, read once each.
#[derive(Debug, Default)]
pub struct Images {
    /// Root-relative path → its bytes, or `None` when it is not shown.
    read: RefCell<BTreeMap<String, Option<Vec<u8>>>>,
}

impl Images {
    /// Whether the file at root-relative `rel` is an image the site shows
    /// (read, checked and kept for [`Images::files`] the first time).
    pub fn show(&self, root: &Path, rel: &str) -> bool {
        if let Some(known) = self.read.borrow().get(rel) {
            return known.is_some();
        }
        let bytes = load(root, rel);
        let shown = bytes.is_some();
        self.read.borrow_mut().insert(rel.to_owned(), bytes);
        shown
    }

    /// The site's files for the images shown: `files/<path>` → bytes.
    pub fn files(self) -> impl Iterator<Item = (String, Vec<u8>)> {
        self.read
            .into_inner()
            .into_iter()
            .filter_map(|(rel, bytes)| Some((format!("{FOLDER}{rel}"), bytes?)))
    }
}

/// The kind of image a file name says, by its extension.
fn kind(rel: &str) -> Option<Kind> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "png" => Some(Kind::Png),
        "jpg" | "jpeg" => Some(Kind::Jpeg),
        "gif" => Some(Kind::Gif),
        "webp" => Some(Kind::Webp),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl Kind {
    /// Whether `bytes` start as a file of this kind does.
    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Kind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Kind::Jpeg => bytes.starts_with(&[0xff, 0xd8, 0xff]),
            Kind::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            Kind::Webp => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        }
    }
}

/// The bytes of the image at root-relative `rel`, when it is one the site
/// shows: a known kind by name and by content, a file (not a folder or a
/// device) inside the repository once links are followed, 10 MiB at most.
fn load(root: &Path, rel: &str) -> Option<Vec<u8>> {
    let kind = kind(rel)?;
    let real = confine::real_inside(root, &root.join(rel)).ok()?;
    let meta = std::fs::metadata(&real).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(&real).ok()?;
    kind.matches(&bytes).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_images_inside_the_repository() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        let png = b"\x89PNG\r\n\x1a\nrest";
        std::fs::write(root.join("chart.png"), png).expect("write");
        std::fs::write(root.join("fake.png"), b"<svg onload=alert(1)>").expect("write");
        std::fs::write(root.join("logo.svg"), b"<svg/>").expect("write");
        std::fs::write(root.join("photo.JPG"), [0xff, 0xd8, 0xff, 0xe0]).expect("write");
        let images = Images::default();
        assert!(images.show(root, "chart.png"));
        assert!(images.show(root, "photo.JPG"));
        assert!(!images.show(root, "fake.png"), "a name is not a kind");
        assert!(!images.show(root, "logo.svg"), "SVG stays a link");
        assert!(!images.show(root, "missing.png"));
        assert!(!images.show(root, "../outside.png"));
        let files: Vec<String> = images.files().map(|(name, _)| name).collect();
        assert_eq!(files, ["files/chart.png", "files/photo.JPG"]);
    }
}
