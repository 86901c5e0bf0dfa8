//! Markdown pipe tables, read line by line.

/// A table: header cells and rows of cells (inline Markdown kept as written).
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Line range the table spans (0-based, end exclusive).
    pub lines: std::ops::Range<usize>,
    /// The 0-based line (or spreadsheet row) of the first row.
    pub first_row: usize,
    /// Markdown (cells may hold `**` and backticks as markup), or a
    /// spreadsheet or CSV file (cells are text as written).
    pub markdown: bool,
}

impl Table {
    /// The 1-based source line (or spreadsheet row) of row `i`.
    pub fn line_of(&self, i: usize) -> usize {
        self.first_row + i + 1
    }
}

/// Splits `| a | b \| c |` into cells, honouring escaped pipes and code spans.
pub fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_code = false;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '`' => {
                in_code = !in_code;
                cur.push(c);
            }
            '|' if !in_code => out.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

fn is_separator(line: &str) -> bool {
    let cs = cells(line);
    !cs.is_empty()
        && cs
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// Every pipe table of `lines`.
pub fn tables(lines: &[&str], fenced: &[bool]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        if !fenced[i] && lines[i].trim_start().starts_with('|') && is_separator(lines[i + 1]) {
            let header = cells(lines[i]);
            let mut j = i + 2;
            let mut rows = Vec::new();
            while j < lines.len() && lines[j].trim_start().starts_with('|') {
                rows.push(cells(lines[j]));
                j += 1;
            }
            out.push(Table {
                header,
                rows,
                lines: i..j,
                first_row: i + 2,
                markdown: true,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_with_escapes_and_code() {
        let md = ["| A | B |", "|---|:-:|", "| x \\| y | `a|b` |", "", "text"];
        let t = tables(&md, &[false; 5]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header, ["A", "B"]);
        assert_eq!(t[0].rows, [vec!["x | y".to_string(), "`a|b`".to_string()]]);
        assert_eq!(t[0].lines, 0..3);
    }
}
