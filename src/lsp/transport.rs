//! Framed JSON-RPC over stdin/stdout that survives a bad message.
//!
//! lsp-server's own stdio transport ends the connection on the first
//! malformed message; an editor plugin with a bug would take the server
//! down with it. This reader answers a message it cannot read with a
//! JSON-RPC error (when it has an id to answer) or skips it, and goes on.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};

/// The largest message goalpost reads: a document is at most a few MiB,
/// and a client that announces more is not speaking LSP.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The threads that move messages; joined when the server is done.
pub struct Threads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for the writer to flush every answer. The reader is not waited
    /// for: it may be blocked on a stdin the client keeps open.
    pub fn join(self) -> io::Result<()> {
        drop(self.reader);
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// A connection over the process's stdin and stdout.
pub fn stdio() -> io::Result<(Connection, Threads)> {
    // The command line holds stdout's lock for its whole run; the writer
    // thread writes through its own handle to the same file.
    let mut stdout = own_stdout()?;
    let (to_writer, from_server) = unbounded::<Message>();
    let (to_server, from_reader) = unbounded::<Message>();
    let writer = thread::Builder::new()
        .name("goalpost-lsp-writer".into())
        .spawn(move || write_all(&from_server, &mut io::BufWriter::new(&mut stdout)))
        .expect("spawning the writer thread");
    let answers = to_writer.clone();
    let reader = thread::Builder::new()
        .name("goalpost-lsp-reader".into())
        .spawn(move || read_all(&mut io::stdin().lock(), &to_server, &answers))
        .expect("spawning the reader thread");
    let connection = Connection {
        sender: to_writer,
        receiver: from_reader,
    };
    Ok((connection, Threads { reader, writer }))
}

#[cfg(unix)]
fn own_stdout() -> io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::fs::File::from(
        io::stdout().as_fd().try_clone_to_owned()?,
    ))
}

#[cfg(windows)]
fn own_stdout() -> io::Result<std::fs::File> {
    use std::os::windows::io::AsHandle;
    Ok(std::fs::File::from(
        io::stdout().as_handle().try_clone_to_owned()?,
    ))
}

fn write_all(messages: &Receiver<Message>, out: &mut impl Write) -> io::Result<()> {
    for message in messages {
        message.write(out)?;
    }
    Ok(())
}

/// Reads messages until stdin closes or `exit` arrives. Messages that are
/// not JSON-RPC are answered or skipped; only a closed stdin ends it.
pub(super) fn read_all(
    input: &mut impl BufRead,
    server: &Sender<Message>,
    answers: &Sender<Message>,
) {
    loop {
        let body = match read_frame(input) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(Frame::Bad(why)) => {
                log(answers, format!("skipped a message: {why}"));
                continue;
            }
            Err(Frame::Closed) => return,
        };
        match serde_json::from_slice::<Message>(&body) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if server.send(message).is_err() || exit {
                    return;
                }
            }
            Err(err) => {
                // A request that cannot be read still deserves an answer.
                let id = serde_json::from_slice::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
                let (code, what) = if serde_json::from_slice::<serde_json::Value>(&body).is_ok() {
                    (ErrorCode::InvalidRequest, "not a JSON-RPC message")
                } else {
                    (ErrorCode::ParseError, "not JSON")
                };
                match id {
                    Some(id) => {
                        let response = Response::new_err(id, code as i32, format!("{what}: {err}"));
                        let _ = answers.send(response.into());
                    }
                    None => log(answers, format!("skipped a message that is {what}: {err}")),
                }
            }
        }
    }
}

/// A line in the client's log (the library never prints).
fn log(answers: &Sender<Message>, text: String) {
    let params = lsp_types::LogMessageParams {
        typ: lsp_types::MessageType::WARNING,
        message: format!("goalpost: {text}"),
    };
    let note = lsp_server::Notification::new("window/logMessage".into(), params);
    let _ = answers.send(note.into());
}

enum Frame {
    /// A frame that cannot be read; the stream goes on after it.
    Bad(String),
    /// The stream broke off.
    Closed,
}

/// One `Content-Length`-framed body.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length = None;
    let mut line = String::new();
    let mut started = false;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) if !started => return Ok(None),
            Ok(0) => return Err(Frame::Closed),
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                return Err(Frame::Bad("a header that is not UTF-8".into()));
            }
            Err(_) => return Err(Frame::Closed),
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if started {
                break;
            }
            continue;
        }
        started = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Err(Frame::Bad("no valid Content-Length header".into()));
    };
    if length > MAX_MESSAGE_BYTES {
        return Err(Frame::Closed);
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|_| Frame::Closed)?;
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_answered_or_skipped_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":42}"#),
            "Content-Type: x\r\n\r\n".to_owned(),
            frame(r#"{"jsonrpc":"2.0","id":8,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"never-read"}"#),
        ]
        .concat();
        let (server_tx, server_rx) = unbounded();
        let (answer_tx, answer_rx) = unbounded();
        read_all(&mut input.as_bytes(), &server_tx, &answer_tx);
        let got: Vec<Message> = server_rx.try_iter().collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Message::Request(r) if r.method == "shutdown"));
        assert!(matches!(&got[1], Message::Notification(n) if n.method == "exit"));
        let answers: Vec<Message> = answer_rx.try_iter().collect();
        let responses: Vec<&Message> = answers
            .iter()
            .filter(|m| matches!(m, Message::Response(_)))
            .collect();
        assert_eq!(responses.len(), 1, "{answers:?}");
        assert_eq!(
            answers.len(),
            3,
            "two logged skips and an answer: {answers:?}"
        );
        let Message::Response(r) = responses[0] else {
            panic!("{answers:?}")
        };
        assert_eq!(r.id, RequestId::from(7));
        assert_eq!(
            r.response_result.as_ref().err().map(|e| e.code),
            Some(ErrorCode::InvalidRequest as i32)
        );
    }

    #[test]
    fn a_stream_cut_mid_message_ends_reading() {
        let input = "Content-Length: 100\r\n\r\n{\"jsonrpc\"";
        let (server_tx, server_rx) = unbounded();
        let (answer_tx, _answers) = unbounded();
        read_all(&mut input.as_bytes(), &server_tx, &answer_tx);
        assert_eq!(server_rx.try_iter().count(), 0);
    }
}
