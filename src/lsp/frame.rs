//! `Content-Length` frames read so that a bad frame costs only itself.
//!
//! LSP puts a header before each JSON-RPC body. A client with a bug can
//! announce a length that is too long, too short, not a number or absurdly
//! large; a reader that trusts the number swallows the next message, waits
//! for bytes that never come, or stops. This reader checks the number
//! against the body's own shape: a body ends where its top-level JSON value
//! closes, and a header is found wherever its name starts on a line. What
//! was wrong with a frame is kept as a note for the client's log.

use std::io::{self, BufRead};

/// The largest body goalpost keeps: a document is at most a few MiB
/// (check's limit is 8 MiB), and a client that sends more is not speaking
/// LSP. A larger body is read past, not kept.
pub(super) const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// How much of one header line is kept: a header is short, and the name
/// that matters is looked for at the line's end.
const KEPT_LINE_BYTES: usize = 4096;

/// What one read gave.
#[derive(Debug)]
pub(super) enum Read {
    /// A body to parse.
    Body(Vec<u8>),
    /// A frame whose body could not be kept; reading goes on after it.
    Skipped(String),
    /// The stream ended.
    End,
}

/// Reads frames from `input`; see the module's doc.
pub(super) struct Frames<R> {
    input: R,
    /// What was wrong with the frames read so far, for the client's log.
    notes: Vec<String>,
    /// The last body closed before its announced length: (announced,
    /// read). If the next header starts within that length, the number was
    /// wrong.
    overrun: Option<(usize, usize)>,
    /// The last body reached its announced length before its JSON closed.
    ran_past: bool,
}

impl<R: BufRead> Frames<R> {
    pub(super) fn new(input: R) -> Self {
        Frames {
            input,
            notes: Vec::new(),
            overrun: None,
            ran_past: false,
        }
    }

    /// What was wrong with the frames read since the last call.
    pub(super) fn notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// The next frame's body.
    pub(super) fn next_body(&mut self) -> Read {
        let length = match self.header() {
            Ok(Some(length)) => length,
            Ok(None) | Err(_) => return Read::End,
        };
        match self.body(length) {
            Ok(read) => read,
            Err(_) => Read::End,
        }
    }

    /// Reads header lines up to the blank line after them. `None` when the
    /// stream ends; otherwise the `Content-Length` value as written.
    fn header(&mut self) -> io::Result<Option<Length>> {
        let mut overrun = self.overrun.take();
        let ran_past = std::mem::take(&mut self.ran_past);
        let mut line = Vec::new();
        let mut length = Length::Missing;
        let mut started = false;
        let mut before = 0usize;
        let mut garbage = 0usize;
        loop {
            let consumed = self.line(&mut line)?;
            if consumed == 0 {
                return Ok(None);
            }
            let text = line.trim_ascii();
            if text.is_empty() {
                if started {
                    break;
                }
                before += consumed;
                continue;
            }
            if let Some((announced, read)) = overrun.take() {
                let leading = consumed - (line.len() - leading_space(&line));
                if before + leading < announced - read {
                    self.notes.push(format!(
                        "a message's Content-Length said {announced} bytes, but its JSON \
                         ended after {read}; what followed was read as the next message"
                    ));
                }
            }
            match content_length(&line) {
                Some((at, value)) => {
                    garbage += consumed - (line.len() - at);
                    length = Length::parse(value);
                    started = true;
                }
                None if started || is_header(text) => started = true,
                None => garbage += consumed,
            }
            before += consumed;
        }
        if garbage > 0 {
            let why = if ran_past {
                " (the message before ran past its Content-Length)"
            } else {
                ""
            };
            self.notes.push(format!(
                "skipped {garbage} bytes that were not a header{why}"
            ));
        }
        Ok(Some(length))
    }

    /// Reads one body: up to its announced length, and no further than
    /// where its JSON closes.
    fn body(&mut self, length: Length) -> io::Result<Read> {
        let limit = match length {
            Length::Bytes(n) => n,
            Length::Missing | Length::Invalid(_) => {
                // Without a number the body's own shape is all there is.
                if !matches!(self.peek_past_space()?, Some(b'{' | b'[')) {
                    return Ok(Read::Skipped(length.describe()));
                }
                usize::MAX
            }
        };
        let mut body = Vec::with_capacity(limit.min(1 << 20));
        let mut json = Json::default();
        let mut read = 0usize;
        let mut closed = false;
        while read < limit && !closed {
            let buf = fill(&mut self.input)?;
            if buf.is_empty() {
                return Ok(Read::End);
            }
            let mut take = buf.len().min(limit - read);
            if let Some(end) = json.feed(&buf[..take]) {
                take = end;
                closed = true;
            }
            let room = (MAX_MESSAGE_BYTES + 1).saturating_sub(body.len());
            body.extend_from_slice(&buf[..take.min(room)]);
            self.input.consume(take);
            read += take;
            if !closed && limit == usize::MAX && read > MAX_MESSAGE_BYTES {
                break;
            }
        }
        if read > MAX_MESSAGE_BYTES {
            return Ok(Read::Skipped(format!(
                "a message of {} bytes or more, over the {} MiB limit",
                read,
                MAX_MESSAGE_BYTES >> 20
            )));
        }
        match length {
            Length::Bytes(n) if closed && read < n => self.overrun = Some((n, read)),
            Length::Bytes(_) if !closed && json.depth > 0 => self.ran_past = true,
            Length::Bytes(_) => {}
            Length::Invalid(_) | Length::Missing => self.notes.push(format!(
                "{}; the message was read to the end of its JSON",
                length.describe()
            )),
        }
        Ok(Read::Body(body))
    }

    /// The first byte after blanks, which are consumed; `None` at the end.
    fn peek_past_space(&mut self) -> io::Result<Option<u8>> {
        loop {
            let buf = fill(&mut self.input)?;
            let Some(&first) = buf.first() else {
                return Ok(None);
            };
            if !first.is_ascii_whitespace() {
                return Ok(Some(first));
            }
            let blanks = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            self.input.consume(blanks);
        }
    }

    /// One line into `out`, keeping at most its last few KiB; the number of
    /// bytes consumed (0 at the end of the stream).
    fn line(&mut self, out: &mut Vec<u8>) -> io::Result<usize> {
        out.clear();
        let mut consumed = 0;
        loop {
            let buf = fill(&mut self.input)?;
            if buf.is_empty() {
                return Ok(consumed);
            }
            let (take, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buf.len(), false),
            };
            out.extend_from_slice(&buf[..take]);
            self.input.consume(take);
            consumed += take;
            if out.len() > 2 * KEPT_LINE_BYTES {
                out.drain(..out.len() - KEPT_LINE_BYTES);
            }
            if done {
                return Ok(consumed);
            }
        }
    }
}

/// A `Content-Length` as the header wrote it.
#[derive(Debug)]
enum Length {
    Bytes(usize),
    Invalid(String),
    Missing,
}

impl Length {
    fn parse(value: &[u8]) -> Length {
        let value = String::from_utf8_lossy(value).trim().to_owned();
        match value.parse() {
            Ok(n) => Length::Bytes(n),
            Err(_) => Length::Invalid(value.chars().take(40).collect()),
        }
    }

    /// What is wrong with a length that is not a number of bytes.
    fn describe(&self) -> String {
        match self {
            Length::Bytes(n) => format!("a Content-Length of {n} bytes"),
            Length::Invalid(value) => format!("a Content-Length that is not a number (`{value}`)"),
            Length::Missing => "a header without a Content-Length".to_owned(),
        }
    }
}

/// The input's buffered bytes, refilled if empty; an interrupted read is
/// retried. Empty at the end of the stream.
fn fill<R: BufRead>(input: &mut R) -> io::Result<&[u8]> {
    // Returning the first call's slice from inside the loop is what the
    // borrow checker cannot follow yet; a second call is free once the
    // buffer holds bytes.
    loop {
        match input.fill_buf() {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
            Ok(_) => break,
        }
    }
    input.fill_buf()
}

/// Where the last `Content-Length:` on a line starts, and its value. The
/// name is looked for anywhere so that a header glued to the tail of a
/// body that ran past its length is still found.
fn content_length(line: &[u8]) -> Option<(usize, &[u8])> {
    const NAME: &[u8] = b"content-length";
    let at = line
        .windows(NAME.len())
        .rposition(|w| w.eq_ignore_ascii_case(NAME))?;
    let rest = line[at + NAME.len()..].trim_ascii_start();
    let value = rest.strip_prefix(b":")?;
    Some((at, value))
}

/// `Name: value`, with a name made of token characters.
fn is_header(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    let name = line[..colon].trim_ascii_end();
    !name.is_empty() && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
}

fn leading_space(line: &[u8]) -> usize {
    line.iter().take_while(|b| b.is_ascii_whitespace()).count()
}

/// Follows a JSON text's nesting, byte by byte, to find where its
/// top-level object or array closes; strings and their escapes are
/// stepped over. It does not check that the JSON is valid: the parser
/// does that.
#[derive(Default)]
struct Json {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Not an object or array: the body is read by its length alone.
    other: bool,
}

impl Json {
    /// Feeds the next bytes; the offset just past the close, if it is in them.
    fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        if self.other {
            return None;
        }
        for (i, &b) in bytes.iter().enumerate() {
            if self.in_string {
                match b {
                    _ if self.escaped => self.escaped = false,
                    b'\\' => self.escaped = true,
                    b'"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return Some(i + 1);
                    }
                }
                b'"' if self.depth > 0 => self.in_string = true,
                _ if b.is_ascii_whitespace() => {}
                _ if self.depth == 0 => {
                    self.other = true;
                    return None;
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_scanner_steps_over_strings_and_escapes() {
        let mut json = Json::default();
        let text = br#"{"a":"}\"]","b":[1,{"c":"\\"}]}tail"#;
        assert_eq!(json.feed(text), Some(text.len() - 4));
        let mut json = Json::default();
        assert_eq!(json.feed(b"{\"a\":"), None);
        assert_eq!(json.feed(b"\"}\"}x"), Some(4));
        let mut json = Json::default();
        assert_eq!(json.feed(b"not json {}"), None);
        assert!(json.other);
    }

    #[test]
    fn a_header_glued_to_a_tail_is_found() {
        let (at, value) = content_length(b"ue\"}content-LENGTH : 42\r\n").expect("a header");
        assert_eq!(at, 4);
        assert_eq!(value.trim_ascii(), b"42");
        assert!(content_length(b"Content-Type: x").is_none());
        assert!(is_header(b"Content-Type: x"));
        assert!(!is_header(b"ue}x: y"));
    }
}
