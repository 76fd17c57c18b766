//! Posting the digest to a chat's incoming webhook. The URL comes from the
//! environment only (`GOALPOST_WEBHOOK_URL`), never from the repository,
//! whose commits may be hostile, and it is never printed: it is the
//! webhook's only secret.

use std::time::Duration;

/// The environment variable that holds the webhook's URL.
pub const URL_VAR: &str = "GOALPOST_WEBHOOK_URL";

/// Why a post failed, in words that never include the URL.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The variable is unset or empty.
    Missing,
    /// The URL cannot be used; the reason names no part of it.
    BadUrl(&'static str),
    /// The server answered with a status other than 2xx.
    Status(u16),
    TimedOut(Duration),
    /// No connection, a failed TLS handshake and the like.
    Transport(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Missing => write!(f, "{URL_VAR} is not set"),
            Failure::BadUrl(why) => write!(f, "{URL_VAR} {why}"),
            Failure::Status(code) => write!(f, "the webhook answered HTTP {code}"),
            Failure::TimedOut(after) => {
                write!(
                    f,
                    "the webhook did not answer within {} s",
                    after.as_secs_f64()
                )
            }
            Failure::Transport(why) => write!(f, "could not reach the webhook: {why}"),
        }
    }
}

/// Checks the URL: `https`, or `http` to this machine only (a digest names
/// people and their blockers; it does not cross a network in clear text).
pub fn check_url(url: &str) -> Result<url::Url, Failure> {
    let url = url::Url::parse(url.trim()).map_err(|_| Failure::BadUrl("is not a URL"))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(Failure::BadUrl("must be an https:// URL"));
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(Failure::BadUrl("has no host")),
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(Failure::BadUrl(
            "must be an https:// URL (plain http only to this machine)",
        )),
        _ => Err(Failure::BadUrl("must be an https:// URL")),
    }
}

/// Posts `body` (JSON) to `url`, waiting at most `timeout` for the whole
/// exchange; the HTTP status on success. Redirects are not followed.
pub fn post(url: &str, body: &str, timeout: Duration) -> Result<u16, Failure> {
    let url = check_url(url)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("goalpost/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .post(url.as_str())
        .header("Content-Type", "application/json")
        .send(body)
        .map_err(|err| failure(err, timeout))?;
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        Ok(status)
    } else {
        Err(Failure::Status(status))
    }
}

/// What went wrong, without ureq's own message (which may quote the URL).
fn failure(err: ureq::Error, timeout: Duration) -> Failure {
    match err {
        ureq::Error::Timeout(_) => Failure::TimedOut(timeout),
        ureq::Error::StatusCode(code) => Failure::Status(code),
        ureq::Error::HostNotFound => Failure::Transport("host not found".into()),
        ureq::Error::ConnectionFailed => Failure::Transport("the connection failed".into()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            Failure::TimedOut(timeout)
        }
        ureq::Error::Io(io) => Failure::Transport(io.kind().to_string()),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            Failure::Transport("the TLS handshake failed".into())
        }
        ureq::Error::BadUri(_) => Failure::BadUrl("is not a URL"),
        _ => Failure::Transport("the exchange failed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http() {
        assert!(check_url("https://hooks.slack.com/services/T/B/X").is_ok());
        assert!(check_url("http://127.0.0.1:8080/hook").is_ok());
        assert!(check_url("http://localhost/hook").is_ok());
        assert_eq!(
            check_url("http://hooks.example/secret").err(),
            Some(Failure::BadUrl(
                "must be an https:// URL (plain http only to this machine)"
            ))
        );
        assert_eq!(
            check_url("file:///etc/passwd").err(),
            Some(Failure::BadUrl("must be an https:// URL"))
        );
        assert_eq!(
            check_url("not a url").err(),
            Some(Failure::BadUrl("is not a URL"))
        );
    }
}
