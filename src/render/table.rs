//! Aligned text tables for the terminal: the one table renderer of the team
//! views. A table fits the terminal by narrowing the columns it names, in
//! order (a path loses its folders before a blocker loses its words), and
//! colours the cells that need attention when colour is on.

use std::io::{self, Write};

use anstyle::Style;

/// The narrowest a shrinking column gets.
const MIN_WIDTH: usize = 12;

/// One cell of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    /// Cut from the start (`…/2026-11-06-alice.md`) rather than the end.
    pub keep_end: bool,
}

impl Cell {
    /// A path, which keeps its end when its column is narrowed.
    pub fn path(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            keep_end: true,
            ..Cell::default()
        }
    }

    /// The same cell in `style` (when colour is on).
    #[must_use]
    pub fn styled(mut self, style: Style) -> Cell {
        self.style = style;
        self
    }

    /// The text, cut to `width` characters with `…`.
    fn fitted(&self, width: usize) -> String {
        let count = self.text.chars().count();
        if count <= width {
            return self.text.clone();
        }
        let keep = width.saturating_sub(1);
        if self.keep_end {
            let tail: String = self.text.chars().skip(count - keep).collect();
            format!("…{tail}")
        } else {
            let head: String = self.text.chars().take(keep).collect();
            format!("{head}…")
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            ..Cell::default()
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_owned())
    }
}

/// The shape of a table: its header and the columns that give way, in
/// order, when it is wider than the terminal.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a, const N: usize> {
    pub header: [&'a str; N],
    pub shrink: &'a [usize],
}

/// Writes aligned columns, no wider than `width` characters where that can
/// be done by narrowing the `shrink` columns (to no less than 12). The last
/// column is never padded.
pub fn write<const N: usize>(
    out: &mut dyn Write,
    width: usize,
    color: bool,
    table: &Table<'_, N>,
    rows: &[[Cell; N]],
) -> io::Result<()> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.text.chars().count());
        }
    }
    for &column in table.shrink {
        let total: usize = widths.iter().sum::<usize>() + 2 * N.saturating_sub(1);
        let over = total.saturating_sub(width);
        if over == 0 {
            break;
        }
        if let Some(w) = widths.get_mut(column) {
            *w = w.saturating_sub(over).max(MIN_WIDTH.min(*w));
        }
    }
    let line = |out: &mut dyn Write, cells: &[Cell]| -> io::Result<()> {
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let text = cell.fitted(*w);
            let pad = w.saturating_sub(text.chars().count());
            if color && cell.style != Style::new() {
                write!(
                    out,
                    "{}{text}{}",
                    cell.style.render(),
                    cell.style.render_reset()
                )?;
            } else {
                write!(out, "{text}")?;
            }
            if i + 1 < cells.len() {
                write!(out, "{:pad$}  ", "")?;
            }
        }
        writeln!(out)
    };
    let header: Vec<Cell> = table.header.iter().map(|h| Cell::from(*h)).collect();
    line(out, &header)?;
    for row in rows {
        line(out, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(width: usize, color: bool, rows: &[[Cell; 3]]) -> String {
        let mut out = Vec::new();
        let table = Table {
            header: ["NAME", "V", "PATH"],
            shrink: &[2, 0],
        };
        write(&mut out, width, color, &table, rows).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn paths_give_way_first_and_keep_their_end() {
        let rows = [
            [
                Cell::from("a long first cell"),
                Cell::from("x"),
                Cell::path("updates/2026/2026-11-06-alice.md"),
            ],
            [Cell::from("short"), Cell::from("yy"), Cell::path("u.md")],
        ];
        assert_eq!(
            render(44, false, &rows),
            "NAME               V   PATH\na long first cell  x   …/2026-11-06-alice.md\nshort              yy  u.md\n"
        );
        // Still too wide with the path at its narrowest: the first column goes.
        assert_eq!(
            render(30, false, &rows).lines().nth(1).expect("row"),
            "a long firs…  x   …06-alice.md"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let red = Style::new().fg_color(Some(anstyle::AnsiColor::Red.into()));
        let rows = [[
            Cell::from("late").styled(red),
            Cell::from("1"),
            Cell::path("p"),
        ]];
        assert!(!render(80, false, &rows).contains('\u{1b}'));
        let coloured = render(80, true, &rows);
        assert!(coloured.contains("\u{1b}[31mlate\u{1b}[0m"), "{coloured:?}");
    }
}
