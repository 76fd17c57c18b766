//! The frontmatter fence: where a document's YAML ends and its markdown
//! body begins (SPEC 1.1).

/// Where the frontmatter and the body lie inside a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frontmatter {
    /// Byte range of the YAML between the fences.
    pub yaml: std::ops::Range<usize>,
    /// Byte offset where the markdown body starts.
    pub body_start: usize,
}

/// Why a document has no usable frontmatter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontmatterProblem {
    /// The first line is not `---`.
    Missing,
    /// The block opens but never closes.
    Unclosed,
}

/// Splits a document into its YAML frontmatter and its body.
///
/// The first line must be exactly `---`; the block closes at the next line
/// that is exactly `---` or `...`. CRLF line endings are accepted.
pub fn split_frontmatter(text: &str) -> Result<Frontmatter, FrontmatterProblem> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(FrontmatterProblem::Missing)?;
    if trim_eol(first) != "---" {
        return Err(FrontmatterProblem::Missing);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let bare = trim_eol(line);
        if bare == "---" || bare == "..." {
            return Ok(Frontmatter {
                yaml: yaml_start..offset,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(FrontmatterProblem::Unclosed)
}

fn trim_eol(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        let text = "---\r\na: 1\r\n---\r\nbody\r\n";
        let fm = split_frontmatter(text).expect("closed");
        assert_eq!(&text[fm.yaml.clone()], "a: 1\r\n");
        assert_eq!(&text[fm.body_start..], "body\r\n");
        let text = "---\na: 1\n...\n";
        assert_eq!(
            split_frontmatter(text).map(|f| f.body_start),
            Ok(text.len())
        );
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(
            split_frontmatter("# title\n"),
            Err(FrontmatterProblem::Missing)
        );
        assert_eq!(split_frontmatter(""), Err(FrontmatterProblem::Missing));
        assert_eq!(
            split_frontmatter("---\na: 1\n"),
            Err(FrontmatterProblem::Unclosed)
        );
        assert_eq!(
            split_frontmatter("--- \na: 1\n---\n"),
            Err(FrontmatterProblem::Missing)
        );
    }
}
