//! A fixed P-256 key for the targets that sign what they parsed: generating
//! one per input would fuzz key generation instead.

use std::sync::OnceLock;

use certsmith::keys::PrivateKey;

const KEY_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghqAtgDcQ/mEJQU1V
MGCNJrq27ASqAjeKy94D9s/1X++hRANCAASW2rS7jdjh5uIbc3p6wFEEa3lbYUWG
6tNk0UWByawcdZXe8VmEgSNiU8i+JTiBVE8PeVNYqZHXy4qieQ42K8ra
-----END PRIVATE KEY-----
";

pub fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::from_bytes(KEY_PEM.as_bytes(), "fuzz key").expect("fixed key"))
}
