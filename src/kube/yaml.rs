//! The one way a user's text gets into the YAML certsmith writes.
//!
//! The documents (a Secret, a kubeconfig) have a fixed shape, so they are
//! written with `format!`: fixed keys literal, base64 unquoted (its alphabet
//! `[A-Za-z0-9+/=]` is a plain scalar everywhere), and every other string
//! through [`quoted`]. No YAML crate: `serde_yaml` is deprecated, and its
//! forks are not worth a dependency for two fixed shapes (design19.md §3.5).
//!
//! Always quoting keeps go-yaml's YAML 1.1 traps away from names: unquoted,
//! `0755` is an integer, `no` a boolean and `~` null.

use std::fmt::Write as _;

/// `s` as a double-quoted YAML scalar that reads back as `s` in YAML 1.1
/// (go-yaml v2, which kubectl uses) and YAML 1.2 (PyYAML reads 1.1 too).
///
/// Escaped: `"` and `\`; `\n`, `\t`, `\r` by name; as `\uXXXX` every other
/// C0 control, DEL, the C1 controls U+0080–U+009F (U+0085 is a YAML 1.1 line
/// break), the line and paragraph separators U+2028 and U+2029 (line breaks
/// in YAML 1.1), the byte order mark U+FEFF and the non-characters U+FFFE and
/// U+FFFF (not printable in YAML). Only escapes that YAML 1.1 and 1.2 share:
/// never `\/` or `\e`, so no JSON encoder's output stands in for this.
/// Everything else is written as it is, in UTF-8.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;
    use proptest::prelude::*;

    /// A reader of what [`quoted`] writes (the escapes it uses, no others),
    /// for the round trip.
    fn unquoted(text: &str) -> Option<String> {
        let inner = text.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return None,
                '\\' => out.push(match chars.next()? {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                }),
                c => out.push(c),
            }
        }
        Some(out)
    }

    /// YAML 1.1's `c-printable`, less its line breaks: what may stand raw
    /// inside a double-quoted scalar on one line.
    fn printable_on_one_line(c: char) -> bool {
        matches!(c, '\t' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
    }

    #[test]
    fn plain_text_is_only_wrapped() {
        assert_eq!(quoted("app-tls"), "\"app-tls\"");
        assert_eq!(quoted(""), "\"\"");
        assert_eq!(quoted("0755"), "\"0755\"");
        assert_eq!(quoted("system:node:worker-0"), "\"system:node:worker-0\"");
        assert_eq!(quoted("café ✓ 𝄞"), "\"café ✓ 𝄞\"");
    }

    #[test]
    fn quotes_backslashes_and_breaks_are_escaped() {
        assert_eq!(quoted("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quoted("a\nb\tc\rd"), r#""a\nb\tc\rd""#);
        assert_eq!(quoted("k: v # c"), "\"k: v # c\"");
        assert_eq!(
            quoted("\u{0}\u{1b}\u{7f}\u{85}\u{9f}\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}"),
            r#""\u0000\u001B\u007F\u0085\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF""#
        );
        // The last printable characters on either side stay raw.
        assert_eq!(quoted("\u{a0}\u{fffd}"), "\"\u{a0}\u{fffd}\"");
    }

    proptest! {
        #[test]
        fn any_string_is_one_printable_line_that_reads_back(s in any::<String>()) {
            let text = quoted(&s);
            prop_assert!(text.chars().all(printable_on_one_line), "{text:?}");
            prop_assert_eq!(unquoted(&text), Some(s));
        }

        #[test]
        fn controls_and_separators_always_round_trip(
            s in proptest::collection::vec(
                prop_oneof![
                    Just('"'), Just('\\'), Just('\n'), Just('\u{85}'), Just('\u{2028}'),
                    Just('\u{feff}'), Just('\u{ffff}'), Just('#'), Just(':'),
                    proptest::char::range('\u{0}', '\u{a0}'),
                ],
                0..40,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            let text = quoted(&s);
            prop_assert!(text.chars().all(printable_on_one_line), "{text:?}");
            prop_assert_eq!(unquoted(&text), Some(s));
        }
    }
}
