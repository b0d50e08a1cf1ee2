//! Shamir's secret sharing over GF(256) through vsss-rs: the field of AES
//! (0x11b), constant-time arithmetic, coefficients uniform over 0..=255.
//! Share i is `[x = i, y_0 … y_len-1]`, x numbered 1…N.
//!
//! vsss-rs hands back plain `Vec`s: each is wrapped in [`Zeroizing`] the
//! moment it exists. `split_bytes` builds each share with the exact
//! capacity it fills, and `combine_bytes` its result likewise, so no
//! reallocation leaves an unwiped copy (design20.md §1.4).

use getrandom::{SysRng, rand_core::UnwrapErr};
use vsss_rs::Gf256;
use zeroize::Zeroizing;

use crate::error::QuorumError;
use crate::{Error, Result};

/// The most shares a GF(256) sharing can number (x = 1…255).
pub const MAX_SHARES: usize = 255;

/// N shares of `secret`, any `threshold` of which rebuild it. Refuses a
/// threshold below 2 or above `count`, and more than 255 shares.
pub fn split(secret: &[u8], threshold: usize, count: usize) -> Result<Vec<Zeroizing<Vec<u8>>>> {
    check_threshold(threshold, count)?;
    let shares = Gf256::split_bytes(threshold, count, secret, UnwrapErr(SysRng)).map_err(|e| {
        Error::from(QuorumError::Shares {
            reason: e.to_string(),
        })
    })?;
    Ok(shares.into_iter().map(Zeroizing::new).collect())
}

/// The parameters a quorum may have: 2 ≤ threshold ≤ count ≤ 255.
pub fn check_threshold(threshold: usize, count: usize) -> Result<()> {
    if threshold < 2 {
        return Err(QuorumError::ThresholdTooLow { threshold }.into());
    }
    if count < threshold {
        return Err(QuorumError::ThresholdAboveCustodians {
            threshold,
            custodians: count,
        }
        .into());
    }
    if count > MAX_SHARES {
        return Err(QuorumError::TooManyCustodians { custodians: count }.into());
    }
    Ok(())
}

/// The secret back from exactly `threshold` shares of distinct x. The
/// arithmetic cannot tell M−1 shares from M (it returns another value, not
/// an error), so the count is checked here; the caller has checked each
/// share against its commitment.
pub fn combine(threshold: usize, shares: &[&[u8]]) -> Result<Zeroizing<Vec<u8>>> {
    let failed = |reason: String| Error::from(QuorumError::Shares { reason });
    if threshold < 2 || shares.len() != threshold {
        return Err(failed(format!(
            "{} shares given where the threshold is {threshold}",
            shares.len()
        )));
    }
    let len = shares[0].len();
    if len < 2 || shares.iter().any(|s| s.len() != len) {
        return Err(failed("shares of different lengths".into()));
    }
    let parts: Zeroizing<Vec<Vec<u8>>> =
        Zeroizing::new(shares.iter().map(|s| s.to_vec()).collect());
    Gf256::combine_bytes(&*parts)
        .map(Zeroizing::new)
        .map_err(|e| failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_two_of_three_rebuild_the_secret_and_x_is_the_index() {
        let secret = b"AGE-SECRET-KEY-1 not really";
        let shares = split(secret, 2, 3).unwrap();
        for (i, s) in shares.iter().enumerate() {
            assert_eq!(usize::from(s[0]), i + 1);
            assert_eq!(s.len(), secret.len() + 1);
        }
        for (a, b) in [(0, 1), (1, 2), (2, 0)] {
            let got = combine(2, &[&shares[a], &shares[b]]).unwrap();
            assert_eq!(&got[..], secret);
        }
    }

    #[test]
    fn one_share_duplicate_x_and_bad_thresholds_are_refused() {
        let shares = split(b"secret", 3, 5).unwrap();
        assert!(combine(3, &[&shares[0], &shares[1]]).is_err());
        assert!(combine(3, &[&shares[0], &shares[1], &shares[1]]).is_err());
        assert_eq!(
            split(b"s", 1, 3).unwrap_err().to_string(),
            "a threshold of 1 is no quorum: any one custodian could open the key alone"
        );
        assert_eq!(
            split(b"s", 4, 3).unwrap_err().to_string(),
            "a threshold of 4 needs at least 4 custodians, and 3 recipients were given"
        );
        assert!(split(b"s", 2, 256).is_err());
    }
}
