//! Where a repository lives on the web: the `origin` remote in the forms
//! GitHub, GitLab and Gitea (Forgejo, Codeberg) use, turned into the addresses
//! of a commit and of a file, so that an emailed packet links to its evidence.

use git2::Repository;
use serde::Serialize;

/// Addresses on the repository's web host: a commit id or a root-relative
/// path is appended to each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Web {
    /// `https://github.com/team/goals/commit/` and the like.
    pub commit: String,
    /// The folder of the goal repository at one commit:
    /// `https://github.com/team/goals/blob/<sha>/goals/`.
    pub file: String,
}

/// The forges whose address forms are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Forge {
    GitHub,
    GitLab,
    Gitea,
}

/// The web addresses of `origin`, at `commit`, for a goal repository at
/// `prefix` inside the git tree; `None` when there is no such remote, its
/// host is not a known forge, or its address is not one goalpost can read
/// safely.
pub fn web(repo: &Repository, prefix: &str, commit: &str) -> Option<Web> {
    let remote = repo.find_remote("origin").ok()?;
    let (host, path) = host_and_path(remote.url().ok()?)?;
    let forge = if host == "github.com" || host.starts_with("github.") {
        Forge::GitHub
    } else if host.contains("gitlab") {
        Forge::GitLab
    } else if host.contains("gitea") || host.contains("forgejo") || host == "codeberg.org" {
        Forge::Gitea
    } else {
        return None;
    };
    let base = format!("https://{host}/{path}");
    let folder = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}/")
    };
    Some(match forge {
        Forge::GitHub => Web {
            commit: format!("{base}/commit/"),
            file: format!("{base}/blob/{commit}/{folder}"),
        },
        Forge::GitLab => Web {
            commit: format!("{base}/-/commit/"),
            file: format!("{base}/-/blob/{commit}/{folder}"),
        },
        Forge::Gitea => Web {
            commit: format!("{base}/commit/"),
            file: format!("{base}/src/commit/{commit}/{folder}"),
        },
    })
}

/// The host and the `owner/name` path of a remote address, in the forms
/// `https://host/owner/name(.git)`, `ssh://git@host[:port]/owner/name` and
/// `git@host:owner/name.git`. Only plain characters are kept: an address
/// that would need escaping is not turned into a link.
fn host_and_path(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("ssh://"))
        .or_else(|| url.strip_prefix("git://"))
    {
        rest.to_owned()
    } else {
        // scp-like: user@host:owner/name
        let (userhost, path) = url.split_once(':')?;
        if path.starts_with('/') || userhost.contains('/') {
            return None;
        }
        format!("{userhost}/{path}")
    };
    let (authority, path) = rest.split_once('/')?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let plain = |s: &str, extra: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c) || extra.contains(c))
    };
    if !plain(&host, "") || !plain(path, "/") || path.split('/').any(|p| p.is_empty() || p == "..")
    {
        return None;
    }
    Some((host, path.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::host_and_path;

    #[test]
    fn remote_forms() {
        let expect = |url: &str, host: &str, path: &str| {
            assert_eq!(
                host_and_path(url),
                Some((host.to_owned(), path.to_owned())),
                "{url}"
            );
        };
        expect(
            "https://github.com/team/goals.git",
            "github.com",
            "team/goals",
        );
        expect("https://github.com/team/goals", "github.com", "team/goals");
        expect("git@github.com:team/goals.git", "github.com", "team/goals");
        expect(
            "ssh://git@gitlab.example.com:2222/group/sub/goals.git",
            "gitlab.example.com",
            "group/sub/goals",
        );
        expect(
            "https://user:token@codeberg.org/team/goals",
            "codeberg.org",
            "team/goals",
        );
        assert_eq!(host_and_path("https://github.com/team/\"><script>"), None);
        assert_eq!(host_and_path("/srv/git/goals.git"), None);
        assert_eq!(host_and_path("file:///srv/git/goals.git"), None);
        assert_eq!(host_and_path("https://github.com/../x"), None);
    }
}
