//! Go's duration syntax (`time.ParseDuration`), as cfssl's files use it.
//!
//! `8760h`, `1h30m`, `1.5h`, `90s`, `500ms`. As a documented extension, `d`
//! (24h) and `y` (365d = 8760h, cfssl's "one year") are accepted too; cfssl
//! itself rejects them.

use std::time::Duration;

/// Parses a Go duration. Negative durations are refused: nothing in a
/// signing profile can sensibly be negative.
pub fn parse(text: &str) -> Result<Duration, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("empty duration".into());
    }
    if s.starts_with('-') {
        return Err("negative durations are not allowed".into());
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    let mut rest = s;
    let mut total_nanos: u128 = 0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("missing unit after `{rest}` (use h, m, s, ms, d or y)"))?;
        if number_len == 0 {
            return Err(format!("expected a number at `{rest}`"));
        }
        let number = &rest[..number_len];
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let unit_nanos: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60 * 1_000_000_000,
            "h" => 3_600 * 1_000_000_000,
            "d" => 24 * 3_600 * 1_000_000_000,
            "y" => 365 * 24 * 3_600 * 1_000_000_000,
            other => {
                return Err(format!(
                    "unknown unit `{other}` (use ns, us, ms, s, m, h, d or y)"
                ));
            }
        };
        total_nanos = total_nanos
            .checked_add(scale(number, unit_nanos)?)
            .ok_or("duration too large")?;
    }
    // Go's time.Duration is an int64 of nanoseconds: cfssl refuses anything
    // longer, and every date certsmith computes stays inside year 9999.
    if total_nanos > i64::MAX as u128 {
        return Err("longer than the longest Go duration (2562047h, about 292 years)".into());
    }
    let secs = u64::try_from(total_nanos / 1_000_000_000).map_err(|_| "duration too large")?;
    Ok(Duration::new(secs, (total_nanos % 1_000_000_000) as u32))
}

/// `number` (digits with at most one '.') times `unit_nanos`, exactly.
fn scale(number: &str, unit_nanos: u128) -> Result<u128, String> {
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && frac.is_empty()) || frac.contains('.') {
        return Err(format!("`{number}` is not a number"));
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| "duration too large")?
    };
    let nanos = whole.checked_mul(unit_nanos).ok_or("duration too large")?;
    let mut divisor = 1u128;
    let mut frac_value = 0u128;
    for digit in frac.bytes().take(18) {
        divisor *= 10;
        frac_value = frac_value * 10 + u128::from(digit - b'0');
    }
    nanos
        .checked_add(frac_value * unit_nanos / divisor)
        .ok_or_else(|| "duration too large".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_syntax() {
        assert_eq!(parse("8760h").unwrap(), Duration::from_secs(8760 * 3600));
        assert_eq!(parse("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("1.5h").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse("0").unwrap(), Duration::ZERO);
        assert_eq!(parse(".5s").unwrap(), Duration::from_millis(500));
    }

    #[test]
    fn longer_than_go_allows_is_refused() {
        assert!(parse("2562047h").is_ok());
        assert!(parse("2562048h").unwrap_err().contains("292 years"));
        assert!(parse("99999999h").is_err());
        assert!(parse("293y").is_err());
        // Found by fuzzing: the whole part fits u128 nanoseconds, the fraction tips it over.
        assert!(parse("340282366920938463463374607431.9s").is_err());
    }

    #[test]
    fn days_and_years_extension() {
        assert_eq!(parse("1d").unwrap(), Duration::from_secs(86400));
        assert_eq!(parse("1y").unwrap(), parse("8760h").unwrap());
        assert_eq!(
            parse("2y12h").unwrap(),
            Duration::from_secs((2 * 8760 + 12) * 3600)
        );
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            "",
            "h",
            "12",
            "5x",
            "-5m",
            "1..5h",
            "1.2.3h",
            "99999999999999999999999h",
        ] {
            assert!(parse(bad).is_err(), "{bad} parsed");
        }
    }
}
