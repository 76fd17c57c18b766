//! Aligned text tables for the terminal: the one table renderer of the team
//! views.

use std::io::{self, Write};

/// Writes aligned columns, no wider than `width` characters where that can
/// be done: the first column shrinks (to no less than 12) and its cells are
/// cut with `…`; the last column is never padded.
pub fn write<const N: usize>(
    out: &mut dyn Write,
    width: usize,
    header: &[&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let rest: usize = widths[1..].iter().map(|w| w + 2).sum();
    widths[0] = widths[0].min(width.saturating_sub(rest).max(12));
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let cell = if cell.chars().count() > *w {
                let mut c: String = cell.chars().take(w.saturating_sub(1)).collect();
                c.push('…');
                c
            } else {
                cell.clone()
            };
            if i + 1 == cells.len() {
                s.push_str(&cell);
            } else {
                s.push_str(&format!("{cell:<w$}  ", w = *w));
            }
        }
        s
    };
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    writeln!(out, "{}", line(&header))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_column_shrinks_to_the_width() {
        let mut out = Vec::new();
        let rows = [
            ["a long first cell".to_owned(), "x".to_owned()],
            ["short".to_owned(), "yy".to_owned()],
        ];
        write(&mut out, 16, &["NAME", "V"], &rows).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "NAME          V\na long firs…  x\nshort         yy\n"
        );
    }
}
