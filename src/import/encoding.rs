//! Repairing text that was UTF-8, read as Windows-1252 and saved again
//! (seed 002's `ðŸ”´` was 🔴).

/// The byte Windows-1252 shows as `c`, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    match c as u32 {
        0..=0xFF => Some(c as u8),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|(_, b)| *b),
    }
}

/// The repaired line, when `line` is mojibake of valid UTF-8.
pub fn repair(line: &str) -> Option<String> {
    if line.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = line.chars().map(cp1252_byte).collect();
    let fixed = String::from_utf8(bytes?).ok()?;
    (fixed != line).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_double_encoded_text_only() {
        assert_eq!(
            repair("- **ðŸ”´ CRITICAL**: x").as_deref(),
            Some("- **🔴 CRITICAL**: x")
        );
        assert_eq!(
            repair("â”‚ Low Impact â”‚").as_deref(),
            Some("│ Low Impact │")
        );
        assert_eq!(
            repair("Top 5 Risks — Detailed"),
            None,
            "real text is left alone"
        );
        assert_eq!(repair("naïve café"), None);
        assert_eq!(repair("plain"), None);
    }
}
