//! Framed JSON-RPC over stdin/stdout that survives a bad message.
//!
//! lsp-server's own stdio transport ends the connection on the first
//! malformed message; an editor plugin with a bug would take the server
//! down with it. This reader answers a message it cannot read with a
//! JSON-RPC error (when it has an id to answer) or logs it, and goes on;
//! `frame` finds where each message ends even when its header is wrong.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};

use super::frame::{Frames, Read};

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

/// Reads messages until stdin closes or `exit` arrives. A frame or message
/// that cannot be read is answered (when it has an id to answer) or logged,
/// and reading goes on with the next; only a closed stdin ends it.
pub(super) fn read_all(
    input: &mut impl BufRead,
    server: &Sender<Message>,
    answers: &Sender<Message>,
) {
    let mut frames = Frames::new(input);
    loop {
        let read = frames.next_body();
        for note in frames.notes() {
            log(answers, note);
        }
        let body = match read {
            Read::Body(body) => body,
            Read::Skipped(why) => {
                log(answers, format!("skipped a message: {why}"));
                continue;
            }
            Read::End => return,
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
                let value = serde_json::from_slice::<serde_json::Value>(&body).ok();
                let id = value
                    .as_ref()
                    .and_then(|v| v.get("id").cloned())
                    .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
                let (code, what) = if value.is_some() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::frame::MAX_MESSAGE_BYTES;

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
        let (got, answers) = exchange(input.as_bytes());
        assert_eq!(methods(&got), ["shutdown", "exit"], "{got:?}");
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
        let (got, _) = exchange(input.as_bytes());
        assert!(got.is_empty(), "{got:?}");
    }

    /// What the server was handed, and what was sent straight back.
    fn exchange(input: &[u8]) -> (Vec<Message>, Vec<Message>) {
        let (server_tx, server_rx) = unbounded();
        let (answer_tx, answer_rx) = unbounded();
        read_all(&mut &input[..], &server_tx, &answer_tx);
        (
            server_rx.try_iter().collect(),
            answer_rx.try_iter().collect(),
        )
    }

    /// What the server was handed, and the texts logged to the client.
    fn run(input: &[u8]) -> (Vec<Message>, Vec<String>) {
        let (got, answers) = exchange(input);
        let logs = answers
            .into_iter()
            .map(|m| match m {
                Message::Notification(n) => {
                    n.params["message"].as_str().unwrap_or_default().to_owned()
                }
                other => format!("{other:?}"),
            })
            .collect();
        (got, logs)
    }

    fn methods(messages: &[Message]) -> Vec<String> {
        messages
            .iter()
            .map(|m| match m {
                Message::Request(r) => r.method.clone(),
                Message::Notification(n) => n.method.clone(),
                Message::Response(r) => format!("{:?}", r.id),
            })
            .collect()
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
    const NEXT: &str = r#"{"jsonrpc":"2.0","method":"next"}"#;

    #[test]
    fn a_huge_content_length_is_logged_and_the_message_is_still_read() {
        let input = format!("Content-Length: 99999999999\r\n\r\n{PING}{}", frame(NEXT));
        let (got, logs) = run(input.as_bytes());
        assert_eq!(methods(&got), ["ping", "next"], "{logs:?}");
        assert_eq!(logs.len(), 1, "{logs:?}");
        assert!(logs[0].contains("said 99999999999 bytes"), "{logs:?}");
    }

    #[test]
    fn a_body_over_the_limit_is_skipped_and_the_next_is_read() {
        let text = "x".repeat(MAX_MESSAGE_BYTES + 10);
        let big = format!(r#"{{"jsonrpc":"2.0","method":"big","params":"{text}"}}"#);
        let input = format!("{}{}", frame(&big), frame(NEXT));
        let (got, logs) = run(input.as_bytes());
        assert_eq!(methods(&got), ["next"], "{logs:?}");
        assert_eq!(logs.len(), 1, "{logs:?}");
        assert!(logs[0].contains("over the 64 MiB limit"), "{logs:?}");
    }

    #[test]
    fn a_length_too_long_does_not_swallow_the_next_message() {
        let input = format!(
            "Content-Length: {}\r\n\r\n{PING}{}",
            PING.len() + 10,
            frame(NEXT)
        );
        let (got, logs) = run(input.as_bytes());
        assert_eq!(methods(&got), ["ping", "next"], "{logs:?}");
        assert_eq!(logs.len(), 1, "{logs:?}");
    }

    #[test]
    fn a_length_too_short_costs_only_its_own_message() {
        let input = format!(
            "Content-Length: {}\r\n\r\n{PING}{}",
            PING.len() - 7,
            frame(NEXT)
        );
        let (got, logs) = run(input.as_bytes());
        assert_eq!(methods(&got), ["next"], "{logs:?}");
        assert_eq!(logs.len(), 2, "{logs:?}");
        assert!(logs[0].contains("not JSON"), "{logs:?}");
        assert!(logs[1].contains("ran past its Content-Length"), "{logs:?}");
    }

    #[test]
    fn a_length_that_is_not_a_number_is_logged_and_both_messages_are_read() {
        let input = format!("Content-Length: abc\r\n\r\n{PING}{}", frame(NEXT));
        let (got, logs) = run(input.as_bytes());
        assert_eq!(methods(&got), ["ping", "next"], "{logs:?}");
        assert_eq!(logs.len(), 1, "{logs:?}");
        assert!(logs[0].contains("not a number (`abc`)"), "{logs:?}");
    }

    #[test]
    fn a_request_waiting_for_its_answer_is_read_even_with_a_long_length() {
        // The client sends nothing more until it is answered.
        let input = format!("Content-Length: {}\r\n\r\n{PING}", PING.len() + 100);
        let (got, _) = run(input.as_bytes());
        assert_eq!(methods(&got), ["ping"]);
    }
}
