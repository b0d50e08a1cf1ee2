//! Shamir combine over GF(2^8) modulo x^8+x^4+x^3+x+1 (0x11b, AES's field),
//! written apart from vsss-rs so that the tests check certsmith's shares
//! with arithmetic of their own: the README promises that M custodians can
//! combine their shares with a few lines of any language. Included by
//! `#[path]` from tests/properties.rs and tests/cli/quorum.rs (the Python
//! twin is tests/fixtures/quorum_combine.py).

/// Multiplication in GF(2^8), shift and add.
pub fn mul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        let carry = a & 0x80 != 0;
        a <<= 1;
        if carry {
            a ^= 0x1b;
        }
        b >>= 1;
    }
    p
}

/// The inverse of a non-zero `a`: a^254, since a^255 = 1.
fn inverse(a: u8) -> u8 {
    (0..254).fold(1, |acc, _| mul(acc, a))
}

/// The shares' polynomial at x = 0, by Lagrange interpolation, byte by
/// byte: each share is `[x, y_0 … y_len-1]`, as a `value:` line holds it.
pub fn combine(shares: &[&[u8]]) -> Vec<u8> {
    let xs: Vec<u8> = shares.iter().map(|s| s[0]).collect();
    (1..shares[0].len())
        .map(|byte| {
            shares.iter().enumerate().fold(0, |sum, (i, s)| {
                let basis = xs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .fold(1, |b, (_, &xj)| mul(b, mul(xj, inverse(xj ^ xs[i]))));
                sum ^ mul(s[byte], basis)
            })
        })
        .collect()
}
