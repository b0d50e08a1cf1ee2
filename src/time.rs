//! Times as certsmith writes them: RFC 3339 for people and JSON, ASN.1
//! UTCTime/GeneralizedTime in certificates and CRLs.

use std::time::Duration;

use time::OffsetDateTime;
use x509_cert::time::Time;

/// A time as RFC 3339 UTC, whole seconds, for messages and JSON.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

/// Why a time cannot be written in a certificate or CRL.
#[derive(Debug)]
pub enum Asn1TimeError {
    /// Before 1970: neither UTCTime nor der's GeneralizedTime holds it.
    BeforeEpoch,
    /// der refused it (past 9999).
    Encoding(der::Error),
}

/// UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5, §5.1.2.4).
pub fn asn1_time(t: OffsetDateTime) -> Result<Time, Asn1TimeError> {
    let secs = u64::try_from(t.unix_timestamp()).map_err(|_| Asn1TimeError::BeforeEpoch)?;
    let d = Duration::from_secs(secs);
    Ok(if t.year() < 2050 {
        Time::UtcTime(der::asn1::UtcTime::from_unix_duration(d).map_err(Asn1TimeError::Encoding)?)
    } else {
        Time::GeneralTime(
            der::asn1::GeneralizedTime::from_unix_duration(d).map_err(Asn1TimeError::Encoding)?,
        )
    })
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn rfc3339_is_utc_whole_seconds() {
        assert_eq!(
            rfc3339(datetime!(2026-12-01 11:12:13.9 +01:00)),
            "2026-12-01T10:12:13Z"
        );
    }

    #[test]
    fn asn1_time_switches_to_generalized_time_in_2050() {
        assert!(matches!(
            asn1_time(datetime!(2049-12-31 23:59:59 UTC)),
            Ok(Time::UtcTime(_))
        ));
        assert!(matches!(
            asn1_time(datetime!(2050-01-01 0:00 UTC)),
            Ok(Time::GeneralTime(_))
        ));
        assert!(matches!(
            asn1_time(datetime!(1969-12-31 23:59:59 UTC)),
            Err(Asn1TimeError::BeforeEpoch)
        ));
    }
}
