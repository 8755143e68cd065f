//! What a typed text is once taken in: no text-direction controls (U+202E and its kin could make a name read
//! backwards or hide what follows, as in "Trojan source" attacks), no control characters but line breaks and
//! tabs (NUL, BEL or an escape sequence pasted into a name would reach exports and terminals), and no invisible
//! characters at its ends — so a name made only of zero-width spaces is empty, as it looks.
//!
//! Owns: `cleaned` and `is_blank`. Must not: judge length or presence (`error::required_text` does, over this).

/// Characters that change the direction text is shown in: embeddings, overrides, isolates and the marks.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that take no space on screen (besides whitespace): zero-width space, joiners, word joiner, the BOM,
/// the Mongolian vowel separator, the soft hyphen.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{180E}'
                | '\u{00AD}'
        )
}

/// Control characters (C0, DEL, C1) other than a line break or a tab.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// `raw` without direction controls and stray control characters, and without invisible characters at either end.
pub fn cleaned(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .filter(|c| !is_direction_control(*c) && !is_stray_control(*c))
        .collect();
    kept.trim_matches(is_invisible).to_string()
}

/// Whether `raw` shows nothing at all.
pub fn is_blank(raw: &str) -> bool {
    cleaned(raw).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_cleaned() {
        for (raw, clean) in [
            ("  张三  ", "张三"),
            ("\u{200B}\u{200B}", ""),
            ("\u{FEFF} \u{2060}", ""),
            ("abc\u{202E}fed", "abcfed"),
            ("\u{2067}李四\u{2069}", "李四"),
            ("王\u{200D}五", "王\u{200D}五"),
            ("👩\u{200D}🔧 工程师", "👩\u{200D}🔧 工程师"),
            ("evil客户\u{0007}\u{0000}\u{001B}[31m", "evil客户[31m"),
            ("第一行\n第二行\t完", "第一行\n第二行\t完"),
            ("\u{0085}\u{007F}", ""),
        ] {
            assert_eq!(cleaned(raw), clean, "{raw:?}");
        }
        assert!(is_blank("\u{200B}\u{202E}"));
        assert!(!is_blank("a"));
    }
}
