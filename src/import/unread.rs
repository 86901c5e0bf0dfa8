//! The lines of a Markdown document that are not read: fenced code
//! (shown, not meant) and HTML comments (where templates wait).

/// The lines without their HTML comments (`<!-- template -->`, on one
/// line or several), outside fenced code: a template kept in a comment
/// is not a risk. A line wholly inside a comment becomes empty, so line
/// numbers stay the source's.
pub fn without_comments(lines: &[String]) -> Vec<String> {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let fence = fenced(&refs);
    let mut open = false;
    lines
        .iter()
        .zip(fence)
        .map(|(line, fenced)| {
            if fenced && !open {
                return line.clone();
            }
            let mut out = String::new();
            let mut rest = line.as_str();
            loop {
                if open {
                    match rest.find("-->") {
                        Some(end) => {
                            rest = &rest[end + 3..];
                            open = false;
                        }
                        None => break,
                    }
                } else {
                    match rest.find("<!--") {
                        Some(start) => {
                            out.push_str(&rest[..start]);
                            rest = &rest[start + 4..];
                            open = true;
                        }
                        None => {
                            out.push_str(rest);
                            break;
                        }
                    }
                }
            }
            if out.trim().is_empty() && out.len() != line.len() {
                String::new()
            } else {
                out
            }
        })
        .collect()
}

/// Which lines are inside a fenced code block (fences included): nothing
/// there is a heading, a key or a table.
pub fn fenced(lines: &[&str]) -> Vec<bool> {
    let mut inside: Option<String> = None;
    lines
        .iter()
        .map(|l| {
            let t = l.trim_start();
            let fence: String = t.chars().take_while(|c| *c == '`' || *c == '~').collect();
            match &inside {
                Some(open) => {
                    if fence.len() >= open.len()
                        && fence.starts_with(&open[..1])
                        && t[fence.len()..].trim().is_empty()
                    {
                        inside = None;
                    }
                    true
                }
                None if fence.len() >= 3 => {
                    inside = Some(fence);
                    true
                }
                None => false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_comments_are_left_out_and_lines_kept() {
        let lines: Vec<String> = [
            "## Active",
            "<!-- Template:",
            "### [Risk Title]",
            "- **Likelihood:** [L / M / H]",
            "-->",
            "### R-1: Real <!-- note --> risk",
            "```",
            "<!-- shown in code -->",
            "```",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            without_comments(&lines),
            [
                "## Active",
                "",
                "",
                "",
                "",
                "### R-1: Real  risk",
                "```",
                "<!-- shown in code -->",
                "```"
            ]
        );
    }
}
