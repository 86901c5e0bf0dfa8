//! Very long lines cut for showing: a diagnostic on a minified or generated
//! file with one 400 KB line shows about `WIDTH` characters of it, around
//! the place at fault, with `…` where it was cut. The caret still points
//! at the right character, and the column in the header is the column in
//! the file.

use std::ops::Range;

/// About how many characters of a long line are shown.
pub const WIDTH: usize = 200;

/// A line longer than this many bytes is cut.
pub const LONG: usize = WIDTH + WIDTH / 5;

/// A file's text with its long lines cut, and the way back to the file.
pub struct Window {
    pub text: String,
    pub line_starts: Vec<usize>,
    /// The pieces of the file kept: (range in the file, start in `text`),
    /// in order.
    kept: Vec<(Range<usize>, usize)>,
}

impl Window {
    /// `text` with each line longer than `LONG` bytes cut to about `WIDTH`
    /// characters around the first of `at` (byte offsets) on it, or to its
    /// start; `None` when no line is that long.
    pub fn new(text: &str, at: &[usize]) -> Option<Window> {
        if !text.split('\n').any(|l| l.len() > LONG) {
            return None;
        }
        let mut w = Window {
            text: String::with_capacity(text.len().min(1 << 20)),
            line_starts: vec![0],
            kept: Vec::new(),
        };
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let end = start + line.len();
            let content_end = start + line.strip_suffix('\n').unwrap_or(line).len();
            if line.len() <= LONG {
                w.keep(text, start..end);
            } else {
                let focus = at.iter().copied().find(|a| (start..end).contains(a));
                let focus = focus.unwrap_or(start).min(content_end);
                let (from, to) = around(text, start..content_end, focus);
                if from > start {
                    w.text.push('…');
                }
                w.keep(text, from..to);
                if to < content_end {
                    w.text.push('…');
                }
                if content_end < end {
                    w.keep(text, content_end..end);
                }
            }
            if w.text.ends_with('\n') {
                w.line_starts.push(w.text.len());
            }
            start = end;
        }
        Some(w)
    }

    fn keep(&mut self, text: &str, range: Range<usize>) {
        self.kept.push((range.clone(), self.text.len()));
        self.text.push_str(&text[range]);
    }

    /// Where byte `at` of the file is in `text`: a cut-off place goes to
    /// the nearest kept one.
    pub fn to_window(&self, at: usize) -> usize {
        let k = self.kept.partition_point(|(r, _)| r.end <= at);
        match self.kept.get(k) {
            Some((r, s)) if at >= r.start => s + (at - r.start),
            Some((_, s)) => *s,
            None => self.text.len(),
        }
    }

    /// Where byte `at` of `text` is in the file: the ellipses go to where
    /// the cut is.
    pub fn to_file(&self, at: usize) -> usize {
        let k = self
            .kept
            .partition_point(|(_, s)| *s <= at)
            .saturating_sub(1);
        match self.kept.get(k) {
            Some((r, s)) => (r.start + at.saturating_sub(*s)).min(r.end),
            None => at,
        }
    }
}

/// The byte range of about `WIDTH` characters of the line at `line`
/// (without its newline) around byte `focus`: a third before it, the rest
/// after.
fn around(text: &str, line: Range<usize>, focus: usize) -> (usize, usize) {
    let before = text[line.start..focus]
        .char_indices()
        .rev()
        .nth(WIDTH / 3 - 1)
        .map_or(line.start, |(i, _)| line.start + i);
    let after = text[before..line.end]
        .char_indices()
        .nth(WIDTH)
        .map_or(line.end, |(i, _)| before + i);
    (before, after.max(focus))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_files_are_not_cut() {
        assert!(Window::new("a: 1\nb: 2\n", &[3]).is_none());
    }

    #[test]
    fn a_long_line_is_cut_around_the_place_and_maps_back() {
        let long = format!("k: [{}bad{}]\n", "x, ".repeat(50_000), ", y".repeat(50_000));
        let text = format!("first: 1\n{long}last: 2\n");
        let bad = text.find("bad").unwrap();
        let w = Window::new(&text, &[bad]).unwrap();
        let lines: Vec<&str> = w.text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "first: 1");
        assert_eq!(lines[2], "last: 2");
        assert!(
            lines[1].starts_with('…') && lines[1].ends_with('…'),
            "{}",
            lines[1]
        );
        assert!(lines[1].chars().count() <= WIDTH + 2, "{}", lines[1].len());
        let at = w.to_window(bad);
        assert_eq!(&w.text[at..at + 3], "bad");
        assert_eq!(w.to_file(at), bad);
        assert_eq!(
            w.to_file(w.to_window(text.find("last").unwrap())),
            text.find("last").unwrap()
        );
        assert_eq!(w.line_starts.len(), 4);
    }

    #[test]
    fn the_start_of_a_long_line_keeps_no_leading_ellipsis() {
        let text = format!("{}é", "é".repeat(10_000));
        let w = Window::new(&text, &[2]).unwrap();
        assert!(
            w.text.starts_with('é') && w.text.ends_with('…'),
            "{}",
            w.text
        );
        assert_eq!(w.to_window(2), 2);
    }
}
