//! Every error message and hint, pinned: one row per variant of
//! `certsmith::Error` (and one per branch where a message has several), with
//! the exact text the library's Display gives, the text the user sees after
//! `error: ` (src/cli/hint.rs adds the flag names the library leaves out) and
//! the `hint: ` line. A changed message fails here and is reviewed; a new
//! variant fails `every_variant_has_a_row` until it has a row.

// The binary's hint module, compiled into this test on its own: it uses
// nothing of the binary but `certsmith::Error`, and an integration test
// cannot reach into the binary crate otherwise.
#[path = "../../src/cli/hint.rs"]
mod hint;

use std::collections::BTreeSet;
use std::io;
use std::path::PathBuf;

use certsmith::keys::KeyAlgorithm;
use certsmith::pkcs12::Pkcs12Error;
use certsmith::{Error, PinTries, Pkcs11Error, UriProblem, VaultError};
use certsmith::{KubeError, QuorumError};

use crate::support::Scratch;

struct Row {
    error: Error,
    /// The library's Display, when the CLI shows something else.
    library: Option<&'static str>,
    shown: &'static str,
    hint: Option<&'static str>,
}

/// A message that the CLI shows as the library says it.
fn row(error: Error, shown: &'static str, hint: Option<&'static str>) -> Row {
    Row {
        error,
        library: None,
        shown,
        hint,
    }
}

/// A message to which the CLI adds the flag that caused or can override it.
fn flagged(
    error: Error,
    library: &'static str,
    shown: &'static str,
    hint: Option<&'static str>,
) -> Row {
    Row {
        error,
        library: Some(library),
        shown,
        hint,
    }
}

// issue 20: hints shared by several quorum rows
const INCOMPLETE: &str =
    "pass another custodian's identity with -i FILE, or a share they released with --share FILE";
const CHANGED_SHARE: &str = "the share was changed after it was sealed: take the custodian's block from an intact copy of the quorum file, or have them release it again";
const DAMAGED_SHARE: &str = "the share's age file is damaged, cut short or not a share: take the custodian's block from an intact copy of the quorum file, or have them release it again";
const MISMATCHED_SHARES: &str = "one of these shares, with its commitment line, was changed after the file was sealed (the header is not signed): sign again with another custodian in place of each to find which, and use an intact copy of the file";

fn table() -> Vec<Row> {
    vec![
        row(
            Error::In {
                source: "ca.pem".into(),
                error: Box::new(Error::EmptyIdentity),
            },
            "ca.pem: the request names nobody: no CN, no names and no hosts",
            Some("give the request a \"CN\" or \"hosts\" (or pass --hostname)"),
        ),
        row(
            Error::ReadFile {
                path: PathBuf::from("out/ca-key.pem"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            "cannot read out/ca-key.pem: permission denied",
            None,
        ),
        row(
            Error::ReadFile {
                path: PathBuf::from("certs"),
                source: io::Error::from_raw_os_error(21),
            },
            "cannot read certs: is a directory",
            None,
        ),
        row(
            Error::WriteFile {
                path: PathBuf::from("out/ca-key.pem"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            "cannot write out/ca-key.pem: permission denied",
            None,
        ),
        row(
            Error::ReadStdin {
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            "cannot read standard input: permission denied",
            None,
        ),
        row(
            Error::Json {
                source: "ca.pem".into(),
                message: "expected value at line 1 column 2".into(),
            },
            "ca.pem: invalid JSON: expected value at line 1 column 2",
            Some("cfssl's formats are described in the README (CSR JSON and config JSON)"),
        ),
        row(
            Error::JsonField {
                source: "ca-config.json".into(),
                field: "expiry".into(),
                expected: "a string",
            },
            "ca-config.json: `expiry` must be a string",
            Some("cfssl's formats are described in the README (CSR JSON and config JSON)"),
        ),
        row(
            Error::JsonField {
                source: "csr.json".into(),
                field: "".into(),
                expected: "an object",
            },
            "csr.json: the document must be an object",
            Some("cfssl's formats are described in the README (CSR JSON and config JSON)"),
        ),
        row(
            Error::InvalidDuration {
                source: "ca.pem".into(),
                field: "expiry".into(),
                value: "bad value".into(),
                reason: "the reason".into(),
            },
            "ca.pem: `expiry` is not a duration: \"bad value\": the reason",
            Some(
                "use Go duration syntax such as \"8760h\" or \"1h30m\" (certsmith also accepts \"365d\" and \"1y\")",
            ),
        ),
        row(
            Error::InvalidTime {
                source: "ca.pem".into(),
                field: "expiry".into(),
                value: "bad value".into(),
            },
            "ca.pem: `expiry` is not an RFC 3339 time: \"bad value\"",
            Some("use a time such as \"2030-01-01T00:00:00Z\""),
        ),
        row(
            Error::InvalidKeySpec {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: invalid `key`: the reason",
            None,
        ),
        row(
            Error::UnknownUsage {
                profile: "server".into(),
                usage: "signing everything".into(),
            },
            "profile `server`: unknown usage \"signing everything\"",
            Some(
                "usages are cfssl's strings, e.g. \"digital signature\", \"key encipherment\", \"server auth\", \"client auth\", \"cert sign\"",
            ),
        ),
        row(
            Error::InvalidRegex {
                profile: "server".into(),
                pattern: "^.*\\.example\\.com$".into(),
                reason: "the reason".into(),
            },
            "profile `server`: name_whitelist \"^.*\\.example\\.com$\" is not a valid regular expression: the reason",
            None,
        ),
        row(
            Error::InvalidPolicy {
                profile: "server".into(),
                reason: "the reason".into(),
            },
            "profile `server`: invalid policies: the reason",
            None,
        ),
        row(
            Error::UnknownProfile {
                name: "sever".into(),
                known: vec!["first".into(), "second".into()],
            },
            "unknown profile \"sever\" (known profiles: first, second)",
            Some(
                "pass --profile with one of the known names, or --config with a file that defines it",
            ),
        ),
        row(
            Error::ProfileWithoutExpiry {
                profile: "server".into(),
            },
            "profile `server` has no expiry",
            Some("add \"expiry\": \"8760h\" (or not_after) to the profile"),
        ),
        row(
            Error::RemoteProfile {
                profile: "server".into(),
            },
            "profile `server` signs through a remote server, which this build cannot do locally",
            None,
        ),
        row(
            Error::CaProfileWithoutCertSign {
                profile: "server".into(),
            },
            "profile `server` makes CA certificates but lacks the usage \"cert sign\"",
            Some(
                "sign CA requests with a profile that has \"ca_constraint\": {\"is_ca\": true} and the usages \"cert sign\", \"crl sign\"",
            ),
        ),
        row(
            Error::CertSignInLeafProfile {
                profile: "server".into(),
            },
            "profile `server` asks for \"cert sign\" but is not a CA profile (no ca_constraint.is_ca)",
            None,
        ),
        row(
            Error::InitcaNeedsCaProfile {
                profile: "server".into(),
            },
            "profile `server` is not a CA profile; initca makes a CA certificate",
            Some("omit --profile, or name a profile with \"ca_constraint\": {\"is_ca\": true}"),
        ),
        row(
            Error::CrossSignNeedsCaProfile {
                profile: "server".into(),
            },
            "profile `server` is not a CA profile; cross-sign makes a CA certificate",
            Some("omit --profile, or name a profile with \"ca_constraint\": {\"is_ca\": true}"),
        ),
        row(
            Error::InvalidHost {
                value: "bad value".into(),
                reason: "the reason",
            },
            "invalid host \"bad value\": the reason",
            Some(
                "hosts are DNS names, IP addresses, email addresses or URIs; non-ASCII names go in their xn-- form",
            ),
        ),
        row(
            Error::SubjectValue {
                field: "CN",
                value: "bad value".into(),
                reason: "the reason".into(),
            },
            "subject CN \"bad value\": the reason",
            None,
        ),
        row(
            Error::EmptyIdentity,
            "the request names nobody: no CN, no names and no hosts",
            Some("give the request a \"CN\" or \"hosts\" (or pass --hostname)"),
        ),
        row(
            Error::NameNotAllowed {
                name: "certs/app".into(),
                profile: "server".into(),
                pattern: "^.*\\.example\\.com$".into(),
            },
            "name \"certs/app\" is not allowed by profile `server` (name_whitelist \"^.*\\.example\\.com$\")",
            Some(
                "change the request's CN/hosts, or use a profile whose name_whitelist allows the name",
            ),
        ),
        row(
            Error::NoPrivateKey {
                source: "ca.pem".into(),
            },
            "ca.pem: no private key found",
            None,
        ),
        row(
            Error::KeyParse {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: cannot read private key: the reason",
            None,
        ),
        row(
            Error::PublicKeyParse {
                source: "app-pub.pem".into(),
                reason: "the reason".into(),
            },
            "app-pub.pem: not a valid public key: the reason",
            None,
        ),
        row(
            Error::EncryptedPemKey {
                source: "ca.pem".into(),
            },
            "ca.pem: the private key is PEM-encrypted",
            Some(
                "decrypt it first (openssl pkey -in KEY -out plain.pem), or seal CA keys with age instead",
            ),
        ),
        row(
            Error::UnsupportedKey {
                source: "ca-key.pem".into(),
                what: "DSA".into(),
            },
            "ca-key.pem: unsupported key: DSA",
            None,
        ),
        row(
            Error::KeyGeneration {
                what: "ecdsa-256".into(),
            },
            "cannot generate ecdsa-256 key",
            None,
        ),
        row(
            Error::Encoding {
                what: "the certificate",
                cause: der::ErrorKind::Overflow.into(),
            },
            "signing failed: encoding the certificate: integer overflow",
            None,
        ),
        row(
            Error::SelfSignedForOtherKey,
            "signing failed: a self-signed certificate must be for the signing key",
            None,
        ),
        row(
            Error::NoRandomness,
            "signing failed: no randomness for the serial number",
            None,
        ),
        row(
            Error::TimeBefore1970 {
                time: "1969-12-31T23:59:59Z".into(),
            },
            "signing failed: time 1969-12-31T23:59:59Z is before 1970",
            None,
        ),
        row(
            Error::SignatureFailed {
                algorithm: KeyAlgorithm::Rsa(2048),
                what: "RSA signature",
            },
            "signing failed: RSA 2048 RSA signature",
            None,
        ),
        row(
            Error::SignatureDoesNotVerify {
                signer: "token.pem".into(),
            },
            "signing failed: the signature made with token.pem does not verify with the issuer's public key",
            None,
        ),
        row(
            Error::NoPemObject {
                source: "ca.pem".into(),
                expected: "certificate",
            },
            "ca.pem: no certificate found",
            None,
        ),
        row(
            Error::WrongKind {
                source: "app.csr".into(),
                found: "a certificate",
                expected: "certificate request",
            },
            "app.csr holds a certificate, not a certificate request",
            Some("`certsmith inspect app.csr` shows what it holds"),
        ),
        row(
            Error::CertificateParse {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: not a valid certificate: the reason",
            None,
        ),
        row(
            Error::CsrParse {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: not a valid certificate request: the reason",
            None,
        ),
        row(
            Error::CrlParse {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: not a valid CRL: the reason",
            None,
        ),
        row(
            Error::CsrSignature {
                source: "ca.pem".into(),
            },
            "ca.pem: the certificate request's signature does not verify",
            None,
        ),
        row(
            Error::UnsupportedSignatureAlgorithm {
                source: "ca.pem".into(),
                oid: "1.2.3.4".into(),
            },
            "ca.pem: unsupported signature algorithm 1.2.3.4",
            None,
        ),
        row(
            Error::NotACa {
                source: "ca.pem".into(),
                reason: "the reason",
            },
            "ca.pem: not a CA certificate: the reason",
            Some("--ca must be the issuing CA's certificate, not a leaf"),
        ),
        row(
            Error::CaKeyMismatch {
                cert: "app.pem".into(),
                key: "app-key.pem".into(),
            },
            "CA key app-key.pem does not match CA certificate app.pem",
            Some("check that --ca and --ca-key come from the same initca run"),
        ),
        row(
            Error::CaExpired {
                source: "ca.pem".into(),
                not_after: "2030-01-01T00:00:00Z".into(),
            },
            "CA certificate ca.pem expired on 2030-01-01T00:00:00Z",
            None,
        ),
        row(
            Error::CaRequestUnderLeafProfile {
                profile: "server".into(),
            },
            "the request asks for a CA certificate but profile `server` is not a CA profile",
            Some(
                "sign CA requests with a profile that has \"ca_constraint\": {\"is_ca\": true} and the usages \"cert sign\", \"crl sign\"",
            ),
        ),
        row(
            Error::PathLenExhausted {
                source: "ca.pem".into(),
            },
            "CA certificate ca.pem has pathlen 0 and cannot issue CA certificates",
            None,
        ),
        row(
            Error::EmptyValidity {
                not_before: "1960-01-01T00:00:00Z".into(),
                not_after: "2030-01-01T00:00:00Z".into(),
            },
            "empty validity: notBefore 1960-01-01T00:00:00Z is not before notAfter 2030-01-01T00:00:00Z",
            None,
        ),
        flagged(
            Error::OutlivesCa {
                requested: "2040-01-01T00:00:00Z".into(),
                ca_not_after: "2035-01-01T00:00:00Z".into(),
            },
            "notAfter 2040-01-01T00:00:00Z would outlive the CA (notAfter 2035-01-01T00:00:00Z)",
            "notAfter 2040-01-01T00:00:00Z would outlive the CA (notAfter 2035-01-01T00:00:00Z) and --strict is set",
            Some("shorten the profile's expiry, or drop --strict to clamp notAfter to the CA's"),
        ),
        row(
            Error::RequestFailed {
                messages: vec!["invalid request".into(), "no hosts".into()],
            },
            "request failed: invalid request; no hosts",
            None,
        ),
        row(
            Error::NothingToSplit {
                source: "ca.pem".into(),
            },
            "ca.pem: no cert, key, csr, bundle or ocspResponse to write",
            Some(
                "pipe in the JSON printed by certsmith or cfssl (initca, genkey, sign, gencert, bundle)",
            ),
        ),
        row(
            Error::EmptyInput {
                source: "ca.pem".into(),
            },
            "ca.pem is empty: nothing to split",
            Some("if a command before the pipe failed, its error is above"),
        ),
        row(
            Error::InvalidNameConstraint {
                profile: "server".into(),
                value: "bad value".into(),
                reason: "the reason".into(),
            },
            "profile `server`: invalid name constraint \"bad value\": the reason",
            None,
        ),
        row(
            Error::NameConstraintViolation {
                name: "certs/app".into(),
                constraint: "excluded DNS .internal".into(),
                ca: "ca.pem".into(),
            },
            "name \"certs/app\" violates the name constraints of ca.pem: excluded DNS .internal",
            Some(
                "request a name inside the CA's permitted subtrees, or sign with a CA whose constraints allow it",
            ),
        ),
        row(
            Error::Ledger {
                path: PathBuf::from("out/ca-key.pem"),
                line: 7,
                reason: "the reason".into(),
            },
            "out/ca-key.pem: line 7: the reason",
            None,
        ),
        row(
            Error::LedgerIo {
                path: PathBuf::from("out/ca-key.pem"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            "ledger out/ca-key.pem: permission denied",
            None,
        ),
        row(
            Error::InvalidSerial {
                value: "5A3F".into(),
            },
            "invalid serial \"5A3F\": expected at most 20 octets of hexadecimal digits, as openssl prints them",
            Some("e.g. --serial 5A3F… as `openssl x509 -noout -serial` prints it"),
        ),
        row(
            Error::UnknownReason {
                value: "bad value".into(),
            },
            "unknown revocation reason \"bad value\"",
            Some(
                "reasons: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn, aACompromise",
            ),
        ),
        row(
            Error::RevokedFile {
                path: PathBuf::from("out/ca-key.pem"),
                line: 7,
                reason: "the reason".into(),
            },
            "out/ca-key.pem: line 7: the reason",
            None,
        ),
        row(
            Error::NotIssuedByCa {
                cert: "app.pem".into(),
                ca: "ca.pem".into(),
            },
            "app.pem was not issued by ca.pem",
            None,
        ),
        row(
            Error::ChainIncomplete {
                cert: "app.pem".into(),
                reason: "the reason".into(),
            },
            "no complete chain for app.pem: the reason",
            None,
        ),
        row(
            Error::NotFederable {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: not a federable root: the reason",
            None,
        ),
        row(
            Error::NoPkiObject {
                source: "ca.pem".into(),
            },
            "ca.pem: no certificate, CSR, key, public key or CRL found",
            None,
        ),
        row(
            Error::RemoteUrl {
                value: "bad value".into(),
            },
            "\"bad value\" is not a signer address (https://host:port, http://host:port or host:port)",
            None,
        ),
        flagged(
            Error::MissingCa {
                profile: "server".into(),
            },
            "profile `server` signs locally: the CA's certificate and key are needed",
            "profile `server` signs locally: --ca and --ca-key are needed",
            Some("pass --ca CA_CERT --ca-key CA_KEY, or a profile with remote/auth_remote"),
        ),
        row(
            Error::InvalidAuthKey {
                reason: "the reason".into(),
            },
            "invalid auth key: the reason",
            Some(
                "an auth key is hex digits, as in cfssl's auth_keys: name a variable (env:VAR) or a file (file:PATH) that holds them",
            ),
        ),
        row(
            Error::RemoteUnreachable {
                attempts: vec!["first".into(), "second".into()],
            },
            "no remote answered: first; second",
            Some(
                "check the address and that the server runs (cfssl serve, multirootca, or Vault/OpenBao)",
            ),
        ),
        row(
            Error::RemoteTls {
                url: "https://ca.example:8888".into(),
                reason: "the reason".into(),
            },
            "https://ca.example:8888: TLS failed: the reason",
            Some("pass the signer's CA with --tls-remote-ca FILE"),
        ),
        row(
            Error::RemoteFailed {
                url: "https://ca.example:8888".into(),
                status: 500,
                messages: vec!["first".into(), "second".into()],
            },
            "https://ca.example:8888: HTTP 500: first; second",
            None,
        ),
        row(
            Error::RemoteResponse {
                url: "https://ca.example:8888".into(),
                reason: "the reason".into(),
            },
            "https://ca.example:8888: the reason",
            None,
        ),
        row(
            Error::RemoteKeyMismatch {
                url: "https://ca.example:8888".into(),
            },
            "https://ca.example:8888: the server returned a certificate for a different key",
            None,
        ),
        row(
            Error::InvalidRecipient {
                value: "bad value".into(),
                reason: "the reason".into(),
            },
            "invalid recipient \"bad value\": the reason",
            Some(
                "recipients are age1… keys (certsmith key identity, age-keygen) or ssh-ed25519/ssh-rsa public keys",
            ),
        ),
        row(
            Error::Seal {
                reason: "the reason".into(),
            },
            "cannot seal the key: the reason",
            None,
        ),
        row(
            Error::Unseal {
                source: "ca.pem".into(),
                reason: "the reason".into(),
                cause: Box::new(io::Error::from(io::ErrorKind::UnexpectedEof)),
            },
            "ca.pem: cannot open the sealed key: the reason",
            None,
        ),
        row(
            Error::SealedKeyLocked {
                source: "ca.pem".into(),
            },
            "ca.pem: the key is age-encrypted and no identity was given",
            Some("pass the custodian's identity with -i/--identity FILE"),
        ),
        row(
            Error::WrongIdentity {
                source: "ca.pem".into(),
            },
            "ca.pem: no identity given can decrypt this key",
            Some("pass the custodian's identity with -i/--identity FILE"),
        ),
        row(
            Error::WrongPassphrase {
                source: "ca.pem".into(),
            },
            "ca.pem: wrong passphrase",
            Some("pass --passphrase-file FILE (or -), or set CERTSMITH_PASSPHRASE"),
        ),
        row(
            Error::IdentityFile {
                source: "ca.pem".into(),
                reason: "the reason".into(),
            },
            "ca.pem: cannot read identities: the reason",
            None,
        ),
        row(
            Error::NoPassphraseSource {
                what: "the new key".into(),
            },
            "a passphrase is needed for the new key but there is no terminal to ask on",
            Some("pass --passphrase-file FILE (or -), or set CERTSMITH_PASSPHRASE"),
        ),
        row(
            Error::PassphraseMismatch,
            "the passphrases did not match",
            None,
        ),
        row(
            Error::NoSealGiven,
            "nothing to seal the key to",
            Some("pass -r RECIPIENT, -R FILE or -p"),
        ),
        row(
            Error::EmptyPassphrase,
            "the passphrase is empty",
            Some("pass --passphrase-file FILE (or -), or set CERTSMITH_PASSPHRASE"),
        ),
        row(
            Error::SecretToTerminal,
            "refusing to print a private key on a terminal",
            Some("pass -o FILE to write it to a file made 0600, or pipe it on"),
        ),
        row(
            Error::EmptyBaseName {
                name: "certs/app".into(),
            },
            "NAME \"certs/app\" has no base name for the files",
            Some("give a base name such as ca or certs/ca (writes ca.pem, ca-key.pem, ca.csr)"),
        ),
        row(
            Error::BackdateTooFar {
                not_before: "1960-01-01T00:00:00Z".into(),
            },
            "notBefore would be 1960-01-01T00:00:00Z: certificates cannot start before 1970",
            Some("use a shorter backdate (cfssl's default is 5m) or a later not_before"),
        ),
        row(
            Error::SecretOnCommandLine {
                option: "--auth-key",
            },
            "--auth-key: refusing a key typed on the command line, where ps and shell history show it",
            Some(
                "name it instead: --auth-key file:PATH (a file holding the hex) or --auth-key env:VAR",
            ),
        ),
        row(
            Error::IdentityExists {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem already exists; refusing to replace an identity",
            Some("choose another -o FILE, or pass --force to replace it"),
        ),
        row(
            Error::KeyFileHoldsOtherKey {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem already holds a different private key; refusing to replace it",
            Some("move the old key away first, or pass --force to replace it"),
        ),
        row(
            Error::KeyFileUnreadable {
                path: PathBuf::from("out/ca-key.pem"),
                reason: "the reason".into(),
            },
            "out/ca-key.pem exists and is not a private key certsmith can compare (the reason); refusing to replace it",
            Some("move the old key away first, or pass --force to replace it"),
        ),
        row(
            Error::SerialNotRevocable {
                cert: "app.pem".into(),
                serial: "5A3F".into(),
                reason: "the reason",
            },
            "app.pem: serial 5A3F cannot be revoked by a CRL: it is the reason",
            Some(
                "no CRL can revoke it: stop trusting it by other means (remove it, or rotate the CA that issued it)",
            ),
        ),
        row(
            Error::SerialNotIssued {
                serial: "5A3F".into(),
                ledger: PathBuf::from("ca.ledger"),
                ca: "ca.pem".into(),
            },
            "serial 5A3F is not recorded in ca.ledger as issued by ca.pem",
            Some(
                "check the serial (openssl x509 -noout -serial -in CERT); revoke by --cert FILE for a certificate this CA issued before the ledger existed, or pass --force if the serial is right but no file is left",
            ),
        ),
        row(
            Error::RequestForTheCasKey {
                source: "ca.pem".into(),
                ca: "ca.pem".into(),
            },
            "ca.pem is for the key of the CA ca.pem: a certificate it issues never carries its own key",
            Some("give the certificate its own key (sign without --key makes one), never the CA's"),
        ),
        row(
            Error::SubjectValueInRequest {
                source: "app.csr".into(),
                field: "O".into(),
                value: "bad value".into(),
            },
            "app.csr: subject attribute O \"bad value\" holds a control character or a bidirectional override",
            None,
        ),
        row(
            Error::NoCertificateToCheck {
                paths: "certs/".into(),
            },
            "no certificate to check in certs/",
            Some(
                "name certificate files or directories that hold them (keys and CSRs have no expiry)",
            ),
        ),
        row(
            Error::CaCertificateWouldBeReplaced {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem is a CA certificate, and the new one is not; refusing to replace it",
            Some(
                "split a leaf under its own NAME (never the CA's), or pass --force to replace it anyway",
            ),
        ),
        row(
            Error::WouldReplaceSecret {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem holds a private key; refusing to replace it with a certificate or request",
            Some(
                "choose a NAME whose files are not another NAME's key (the certificate of ca-key is ca-key.pem, the key of ca), or pass --force",
            ),
        ),
        row(
            Error::SplitTargetIsSymlink {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem is a symbolic link; refusing to replace it",
            Some(
                "remove the link, or give NAME the directory it points into (split-json certs/ca)",
            ),
        ),
        row(
            Error::SplitTargetNotAFile {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem exists and is not a regular file; refusing to replace it",
            Some("move it away, or choose another NAME"),
        ),
        row(
            Error::SplitLock {
                name: "certs/app".into(),
                path: PathBuf::from("out/ca-key.pem"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            "cannot lock certs/app for writing (out/ca-key.pem): permission denied",
            None,
        ),
        row(
            Error::KeyNotComparable {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem cannot be compared with the new key without opening a sealed key; refusing to replace it",
            Some("move the old key away first, or pass --force to replace it"),
        ),
        row(
            Error::KeyFilesWouldMix {
                name: "certs/app".into(),
                existing: PathBuf::from("app-key.age"),
                new: PathBuf::from("app-key.pem"),
            },
            "app-key.age already holds a key for certs/app; refusing to write app-key.pem beside it",
            Some(
                "split the new output under another NAME, or pass --force to write it beside the old key",
            ),
        ),
        row(
            Error::CertificateForOtherKey {
                cert: PathBuf::from("app.pem"),
                key: PathBuf::from("app-key.pem"),
            },
            "the new app.pem is not for the key in app-key.pem; refusing to write it",
            Some("split it under another NAME, or pass --force to write it anyway"),
        ),
        row(
            Error::RsaExponent {
                source: "ca.pem".into(),
                exponent: "3".into(),
            },
            "ca.pem: RSA public exponent 3 is refused: certsmith signs only with and for RSA keys whose exponent is 65537",
            Some(
                "make a new key with exponent 65537 (certsmith genkey, or openssl genrsa without -3)",
            ),
        ),
        flagged(
            Error::PredatesCa {
                requested: "2040-01-01T00:00:00Z".into(),
                ca_not_before: "2025-01-01T00:00:00Z".into(),
            },
            "notBefore 2040-01-01T00:00:00Z would precede the CA's notBefore 2025-01-01T00:00:00Z",
            "notBefore 2040-01-01T00:00:00Z would precede the CA's notBefore 2025-01-01T00:00:00Z and --strict is set",
            Some("sign once the CA is valid, or drop --strict to clamp notBefore to the CA's"),
        ),
        row(
            Error::OutsideCaValidity {
                source: "ca.pem".into(),
                not_before: "1960-01-01T00:00:00Z".into(),
                not_after: "2030-01-01T00:00:00Z".into(),
                ca_not_before: "2025-01-01T00:00:00Z".into(),
                ca_not_after: "2035-01-01T00:00:00Z".into(),
            },
            "CA certificate ca.pem is valid from 2025-01-01T00:00:00Z to 2035-01-01T00:00:00Z, which leaves nothing of the requested validity 1960-01-01T00:00:00Z to 2030-01-01T00:00:00Z",
            Some(
                "sign with a profile whose validity (backdate, expiry, not_before, not_after) overlaps the CA's",
            ),
        ),
        flagged(
            Error::RenewRootNotSelfSigned {
                source: "ca.pem".into(),
            },
            "ca.pem is not a self-signed root: only a root is renewed with its own key",
            "ca.pem is not a self-signed root: initca --key renews a root with its own key",
            Some(
                "renew an intermediate under its issuer: certsmith renew --ca ISSUER.pem --ca-key ISSUER-KEY --profile intermediate ca.pem",
            ),
        ),
        row(
            Error::KeyNotForCertificate {
                key: "app-key.pem".into(),
                cert: "app.pem".into(),
            },
            "app-key.pem is not the key of app.pem: their public keys differ",
            Some("pass the private key that app.pem was issued for"),
        ),
        row(
            Error::RenewLeafUnderCaProfile {
                cert: "app.pem".into(),
                profile: "server".into(),
            },
            "app.pem is not a CA certificate, and profile `server` would make it one",
            Some(
                "renew it under the leaf profile it was issued with (--profile server, client, …)",
            ),
        ),
        row(
            Error::OutputWithoutCsr {
                source: "ca.pem".into(),
            },
            "ca.pem is certsmith or cfssl output without a `csr`: nothing to sign",
            Some(
                "pipe in what genkey or csr print (certsmith csr --key KEY --from-cert CERT | certsmith sign …)",
            ),
        ),
        row(
            Error::KeyNotForCsr {
                source: "ca.pem".into(),
            },
            "ca.pem: `key` is not the private key of `csr`",
            Some("pipe in the output of one genkey or csr run as it was printed"),
        ),
        flagged(
            Error::KeyGivenForCsr {
                source: "ca.pem".into(),
            },
            "ca.pem is already a certificate request: a key makes one only from a CSR JSON",
            "ca.pem is already a certificate request: --key makes one only from a CSR JSON",
            Some(
                "sign the request as it is without --key, or give --key the CSR JSON to make the request from",
            ),
        ),
        flagged(
            Error::RekeyCaKey {
                key: PathBuf::from("app-key.pem"),
                cert: PathBuf::from("app.pem"),
            },
            "rekeying never replaces a CA key (app-key.pem belongs to the CA certificate app.pem)",
            "--rekey never replaces a CA key (app-key.pem belongs to the CA certificate app.pem); use --force to replace it anyway",
            None,
        ),
        row(
            Error::RekeyCannotTell {
                key: PathBuf::from("app-key.pem"),
                cert: PathBuf::from("app.pem"),
            },
            "cannot tell whether app-key.pem is a CA key: app.pem is not its certificate; refusing to replace it",
            Some("move the old files away first, or pass --force to replace the key anyway"),
        ),
        flagged(
            Error::RekeyWithoutCertificate {
                name: "certs/app".into(),
            },
            "rekeying replaces the key of certs/app only together with a certificate for the new key, and the output has none",
            "--rekey replaces the key of certs/app only together with a certificate for the new key, and the output has none",
            Some(
                "split the output of sign or gencert, which carries the certificate with the new key",
            ),
        ),
        flagged(
            Error::ServerWithoutSan {
                profile: "server".into(),
            },
            "profile `server` makes TLS server certificates, and this one would have no DNS name or IP address (no \"hosts\")",
            "profile `server` makes TLS server certificates, and this one would have no DNS name or IP address (no \"hosts\") and --strict is set",
            Some(
                "add \"hosts\" to the CSR JSON or pass --hostname a.example.com,10.0.0.1 (clients never match the CN)",
            ),
        ),
        row(
            Error::KeyOutputExists {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem already exists; refusing to replace it",
            Some("choose another -o FILE, or pass --force to replace it"),
        ),
        row(
            Error::OutputIsSymlink {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "out/ca-key.pem is a symbolic link; refusing to write a secret through or over it",
            Some("remove the link, or give -o the path of a regular file"),
        ),
        row(
            Error::WeakPassphrase { min: 7 },
            "the passphrase is shorter than 7 characters; refusing to seal with it",
            Some(
                "choose a longer one (four or more random words), or pass --allow-weak-passphrase",
            ),
        ),
        row(
            Error::CsrJsonMissing {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "cannot read out/ca-key.pem: no such file or directory",
            Some("`certsmith print-defaults csr > out/ca-key.pem` makes a starter CSR JSON"),
        ),
        row(
            Error::ConfigMissing {
                path: PathBuf::from("out/ca-key.pem"),
            },
            "cannot read out/ca-key.pem: no such file or directory",
            Some(
                "`certsmith print-defaults config > out/ca-key.pem` makes a starter config (without --config, the built-in profiles sign)",
            ),
        ),
        row(
            Error::BrokenPem {
                source: "ca.pem".into(),
                problem: "bad base64: '!' is not a base64 character".into(),
            },
            "ca.pem: broken PEM: bad base64: '!' is not a base64 character",
            Some(
                "the file was cut short or altered on its way: copy it again from where it came from",
            ),
        ),
        row(
            Error::PemNotJson {
                source: "ca.pem".into(),
                label: Some("EC PRIVATE KEY".into()),
            },
            "ca.pem holds PEM (an EC PRIVATE KEY), not JSON",
            Some(
                "here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign",
            ),
        ),
        row(
            Error::DerNotJson {
                source: "ca.pem".into(),
                kind: Some("a certificate"),
            },
            "ca.pem holds DER (a certificate), not JSON",
            Some(
                "here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign",
            ),
        ),
        row(
            Error::AuthKeyVariableUnset {
                var: "SIGNER_KEY".into(),
            },
            "auth key env:SIGNER_KEY: the environment variable SIGNER_KEY is not set",
            Some(
                "set SIGNER_KEY to the key in hex (export SIGNER_KEY=…), or name a file that holds it: file:PATH",
            ),
        ),
        row(
            Error::NotADirectory {
                path: PathBuf::from("out/ca-key.pem"),
                name: "certs/app".into(),
            },
            "out/ca-key.pem is not a directory: cannot write the files of certs/app under it",
            Some("move it away, or choose a NAME in another directory"),
        ),
        row(
            Error::MakeDirectory {
                path: PathBuf::from("out/ca-key.pem"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
            "cannot make directory out/ca-key.pem: permission denied",
            None,
        ),
        row(
            Error::SignNotServed {
                url: "https://ca.example:8888".into(),
                answer: "404 page not found".into(),
            },
            "https://ca.example:8888: HTTP 404: the signer does not serve sign (it answered \"404 page not found\")",
            Some(
                "multirootca serves only authsign: pass --auth-key env:VAR or file:PATH (or give the profile an auth_key)",
            ),
        ),
        row(
            Error::PlainHttpToHttps {
                url: "https://ca.example:8888".into(),
            },
            "https://ca.example:8888: the signer speaks HTTPS, and the request went as plain HTTP",
            Some("use https://ca.example:8888"),
        ),
        row(
            Error::PemNotJson {
                source: "ca.pem".into(),
                label: Some("CERTIFICATE".into()),
            },
            "ca.pem holds PEM (a CERTIFICATE), not JSON",
            Some(
                "here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign",
            ),
        ),
        row(
            Error::PemNotJson {
                source: "ca.pem".into(),
                label: None,
            },
            "ca.pem holds PEM, not JSON",
            Some(
                "here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign",
            ),
        ),
        row(
            Error::DerNotJson {
                source: "ca.der".into(),
                kind: None,
            },
            "ca.der holds DER, not JSON",
            Some(
                "here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign",
            ),
        ),
        row(
            Error::RequestFailed { messages: vec![] },
            "request failed (the response carries no error message)",
            None,
        ),
        row(
            Error::RemoteFailed {
                url: "https://ca.example:8888".into(),
                status: 400,
                messages: vec![],
            },
            "https://ca.example:8888: HTTP 400: no error message",
            None,
        ),
        row(
            Error::InvalidSerial { value: "-5".into() },
            "invalid serial \"-5\": a negative number is not a serial number: serials are positive (RFC 5280 §4.1.2.2)",
            Some("e.g. --serial 5A3F… as `openssl x509 -noout -serial` prints it"),
        ),
        row(
            Error::RemoteTls {
                url: "https://ca.example:8888".into(),
                reason: "received fatal alert: CertificateRequired".into(),
            },
            "https://ca.example:8888: TLS failed: received fatal alert: CertificateRequired",
            Some(
                "the signer refused the client certificate: pass --client-cert/--client-key from a CA it trusts",
            ),
        ),
        row(
            Error::WrongKind {
                source: "app.pem".into(),
                found: "a certificate",
                expected: "private key",
            },
            "app.pem holds a certificate, not a private key",
            Some(
                "give the private key instead: split-json writes the key of app.pem as app-key.pem",
            ),
        ),
        row(
            Error::CsrJsonMissing {
                path: PathBuf::from("my csr.json"),
            },
            "cannot read my csr.json: no such file or directory",
            Some("`certsmith print-defaults csr > 'my csr.json'` makes a starter CSR JSON"),
        ),
        flagged(
            Error::In {
                source: "ca-config.json".into(),
                error: Box::new(Error::OutlivesCa {
                    requested: "2040-01-01T00:00:00Z".into(),
                    ca_not_after: "2035-01-01T00:00:00Z".into(),
                }),
            },
            "ca-config.json: notAfter 2040-01-01T00:00:00Z would outlive the CA (notAfter 2035-01-01T00:00:00Z)",
            "ca-config.json: notAfter 2040-01-01T00:00:00Z would outlive the CA (notAfter 2035-01-01T00:00:00Z) and --strict is set",
            Some("shorten the profile's expiry, or drop --strict to clamp notAfter to the CA's"),
        ),
        row(
            Error::In {
                source: "ca-config.json".into(),
                error: Box::new(Error::UnknownUsage {
                    profile: "server".into(),
                    usage: "signing everything".into(),
                }),
            },
            "ca-config.json: profile `server`: unknown usage \"signing everything\"",
            Some(
                "usages are cfssl's strings, e.g. \"digital signature\", \"key encipherment\", \"server auth\", \"client auth\", \"cert sign\"",
            ),
        ),
        // issue 17: Vault and OpenBao
        row(
            Error::Vault(VaultError::Refused {
                url: "https://bao.example:8200".into(),
                path: "v1/pki_int/sign/web".into(),
                status: 400,
                messages: vec!["common name evil.org not allowed by this role".into()],
            }),
            "https://bao.example:8200 refused v1/pki_int/sign/web (HTTP 400): common name evil.org not allowed by this role",
            Some(
                "the role's allowed_domains (with allow_subdomains, allow_ip_sans, allowed_uri_sans) decide which names it signs: bao read pki_int/roles/web",
            ),
        ),
        row(
            Error::Vault(VaultError::Refused {
                url: "https://bao.example:8200".into(),
                path: "v1/pki_int/sign/web".into(),
                status: 403,
                messages: vec!["permission denied".into()],
            }),
            "https://bao.example:8200 refused v1/pki_int/sign/web (HTTP 403): permission denied",
            Some(
                "the token's policy must allow \"update\" on pki_int/sign/web (bao token lookup shows its policies)",
            ),
        ),
        row(
            Error::Vault(VaultError::Refused {
                url: "https://bao.example:8200".into(),
                path: "v1/pki_int/sign/nosuch".into(),
                status: 400,
                messages: vec!["unknown role: nosuch".into()],
            }),
            "https://bao.example:8200 refused v1/pki_int/sign/nosuch (HTTP 400): unknown role: nosuch",
            Some("list the mount's roles: bao list pki_int/roles"),
        ),
        row(
            Error::Vault(VaultError::BadAnswer {
                url: "https://ca.example:8888".into(),
                reason: "HTTP 404, not JSON: 404 page not found".into(),
            }),
            "https://ca.example:8888 answered with something Vault's API does not: HTTP 404, not JSON: 404 page not found",
            Some(
                "check that --vault names the Vault or OpenBao API address (port 8200), not a cfssl signer or a proxy",
            ),
        ),
        row(
            Error::Vault(VaultError::EmptyCredential {
                source: "file:/run/secrets/bao-token".into(),
            }),
            "file:/run/secrets/bao-token is empty or not set",
            Some("put the token (or AppRole id) in that variable or file"),
        ),
        row(
            Error::Vault(VaultError::NoToken),
            "no Vault or OpenBao token given",
            Some(
                "name the token: --token env:VAR or --token file:PATH, or set VAULT_TOKEN (or BAO_TOKEN); or log in with --approle-role-id and --approle-secret-id",
            ),
        ),
        row(
            Error::Vault(VaultError::PlainHttp {
                url: "http://bao.example:8200".into(),
            }),
            "http://bao.example:8200: refusing to send a token over plain HTTP to another host",
            Some(
                "use https://bao.example:8200 (plain HTTP only to 127.0.0.1 or localhost, as for a dev server)",
            ),
        ),
        row(
            Error::Vault(VaultError::BadName {
                what: "role",
                name: "../../sys/seal".into(),
            }),
            "role \"../../sys/seal\" is not a name Vault's API takes (letters, digits, - _ . and, for a mount, /)",
            Some(
                "name it as `bao secrets list` (mounts) or `bao list MOUNT/roles` (roles) shows it",
            ),
        ),
        row(
            Error::Vault(VaultError::Refused {
                url: "https://bao-2.example:8200".into(),
                path: "v1/pki_int/sign/web".into(),
                status: 307,
                messages: Vec::new(),
            }),
            "https://bao-2.example:8200 refused v1/pki_int/sign/web (HTTP 307)",
            Some(
                "the server redirected (a standby node?): name the active node, or the cluster's address, in --vault; certsmith never follows a redirect with a token",
            ),
        ),
        row(
            Error::Vault(VaultError::BadSerial {
                serial: "xyz".into(),
            }),
            "serial \"xyz\" is not hexadecimal",
            Some("give the serial as openssl prints it: openssl x509 -noout -serial -in CERT"),
        ),
        // issue 16: PKCS#11 tokens
        row(
            Error::Pkcs11(Pkcs11Error::NoModule {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "pkcs11:token=root-ca;object=root-key: no PKCS#11 module named to reach the token through",
            Some(
                "name the module (shared library): --pkcs11-module PATH, module-path=PATH in the URI, or CERTSMITH_PKCS11_MODULE",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::ModuleConflict {
                given: PathBuf::from("/usr/lib/softhsm/libsofthsm2.so"),
                in_uri: PathBuf::from("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
            }),
            "two PKCS#11 modules named: /usr/lib/softhsm/libsofthsm2.so and module-path=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so in the URI",
            Some("name the module once: --pkcs11-module or module-path=, not both"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::RivalKey {
                token: "root-ca".into(),
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "another run made a key in token \"root-ca\" with the label or id of pkcs11:token=root-ca;object=root-key at the same time; this run's key is destroyed again",
            Some(
                "run once more when the other run is done: it then says whether the label is taken",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::RelativeModule {
                module: PathBuf::from("libsofthsm2.so"),
            }),
            "PKCS#11 module libsofthsm2.so is not an absolute path: the loader would search for it",
            Some(
                "give the module's absolute path: --pkcs11-module /usr/lib/softhsm/libsofthsm2.so",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::PinNotInitialized {
                token: "root-ca".into(),
            }),
            "token \"root-ca\" has no user PIN set",
            Some(
                "the token's security officer sets it: pkcs11-tool --module MODULE --token-label LABEL --login --login-type so --init-pin",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::CannotSign {
                uri: "pkcs11:token=root-ca;object=wrap-key".into(),
            }),
            "pkcs11:token=root-ca;object=wrap-key: the token will not sign with this key (CKA_SIGN is false)",
            Some(
                "name the key that signs; a CA key made with certsmith initca --pkcs11-key (or genkey) always can",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::PublicKeyMismatch {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "pkcs11:token=root-ca;object=root-key: the public key object with this key's id is another key's",
            Some(
                "give each key pair its own id (pkcs11-tool --set-id), and import the key's own public key beside it",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::AmbiguousPublicKey {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
                count: 2,
            }),
            "pkcs11:token=root-ca;object=root-key: 2 public key objects carry the private key's id and label",
            Some(
                "give each key pair its own id (pkcs11-tool --set-id), or delete the stray public key object",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::PinSourceConflict {
                given: PathBuf::from("ceremony/pin.txt"),
                in_uri: PathBuf::from("/etc/certsmith/pin"),
            }),
            "two files named for the PIN: ceremony/pin.txt and pin-source=/etc/certsmith/pin in the URI",
            Some("name the PIN's file once: --pin-file or pin-source=, not both"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::NoPin {
                token: "root-ca".into(),
            }),
            "no PIN for token \"root-ca\", and no terminal to ask for it on",
            Some(
                "name where the PIN is: pin-source=file:PATH in the URI, --pin-file FILE, or CERTSMITH_PKCS11_PIN",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::EmptyPin {
                token: "root-ca".into(),
            }),
            "empty PIN for token \"root-ca\"",
            Some(
                "name where the PIN is: pin-source=file:PATH in the URI, --pin-file FILE, or CERTSMITH_PKCS11_PIN",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::NewKeyWithoutLabel {
                uri: "pkcs11:token=root-ca".into(),
            }),
            "pkcs11:token=root-ca: a key made in a token needs a label (object=)",
            Some("name the new key in the URI: pkcs11:token=TOKEN;object=KEY-LABEL"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::ObjectExists {
                token: "root-ca".into(),
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "token \"root-ca\" already holds an object with the label or id of pkcs11:token=root-ca;object=root-key; refusing to make a second",
            Some(
                "choose another object= (and id=); or, if it is the key an interrupted run made, use it: certsmith initca --key URI CSR_JSON (or csr --key URI CSR_JSON)",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::KeyTypeUnsupported {
                token: "root-ca".into(),
                algorithm: KeyAlgorithm::Ed25519,
            }),
            "token \"root-ca\" cannot make or sign with Ed25519 keys",
            Some(
                "`pkcs11-tool --module MODULE --list-mechanisms` lists what the token can do; RSA 2048 and ECDSA P-256 are the most widely supported",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::ModuleLoad {
                module: PathBuf::from("/usr/lib/softhsm/libsofthsm2.so"),
                reason: "cannot open shared object file: No such file or directory".into(),
            }),
            "cannot load the PKCS#11 module /usr/lib/softhsm/libsofthsm2.so: cannot open shared object file: No such file or directory",
            Some(
                "name the token's PKCS#11 module by its absolute path (a shared library exporting C_GetFunctionList), e.g. /usr/lib/softhsm/libsofthsm2.so; install it if it is missing",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::Call {
                call: "C_Sign",
                reason: "MechanismInvalid".into(),
            }),
            "the token's module failed C_Sign: MechanismInvalid",
            None,
        ),
        row(
            Error::Pkcs11(Pkcs11Error::NoSuchToken {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "no token matches pkcs11:token=root-ca;object=root-key",
            Some(
                "`pkcs11-tool --module MODULE --list-token-slots` lists the tokens with their labels and serials",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::AmbiguousToken {
                uri: "pkcs11:object=root-key".into(),
                count: 2,
            }),
            "2 tokens match pkcs11:object=root-key",
            Some(
                "add the token's serial= to the URI (`pkcs11-tool --module MODULE --list-token-slots` shows it)",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::WrongPin {
                token: "root-ca".into(),
                tries: PinTries::Unknown,
            }),
            "wrong PIN for token \"root-ca\"",
            Some(
                "check the PIN before trying again: certsmith never retries it, and a token locks after a few wrong ones",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::WrongPin {
                token: "root-ca".into(),
                tries: PinTries::Low,
            }),
            "wrong PIN for token \"root-ca\" (the token says few tries remain)",
            Some(
                "check the PIN before trying again: certsmith never retries it, and a token locks after a few wrong ones",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::WrongPin {
                token: "root-ca".into(),
                tries: PinTries::Final,
            }),
            "wrong PIN for token \"root-ca\" (one more wrong PIN locks it)",
            Some(
                "check the PIN before trying again: certsmith never retries it, and a token locks after a few wrong ones",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::PinLocked {
                token: "root-ca".into(),
            }),
            "the user PIN of token \"root-ca\" is locked",
            Some(
                "the token's security officer can set a new user PIN (pkcs11-tool --init-pin --login --login-type so)",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::NoSuchKey {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "no private key matches pkcs11:token=root-ca;object=root-key",
            Some(
                "`pkcs11-tool --module MODULE --token-label LABEL --login --list-objects --type privkey` lists the keys with their labels and ids; name one by object= and id= (percent-encoded bytes: its ID 3640f5 is id=%36%40%f5)",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::AmbiguousKey {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
                count: 2,
            }),
            "2 private keys match pkcs11:token=root-ca;object=root-key",
            Some(
                "`pkcs11-tool --module MODULE --token-label LABEL --login --list-objects --type privkey` lists the keys with their labels and ids; name one by object= and id= (percent-encoded bytes: its ID 3640f5 is id=%36%40%f5)",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::NotAPrivateKey {
                uri: "pkcs11:token=root-ca;object=root-key;type=cert".into(),
            }),
            "pkcs11:token=root-ca;object=root-key;type=cert: a CA key is a private key, and type= names another kind of object",
            Some("leave type= out, or write type=private"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::AlwaysAuthenticate {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "pkcs11:token=root-ca;object=root-key: the key wants its PIN again before every signature (CKA_ALWAYS_AUTHENTICATE), which certsmith does not support",
            Some("use a key that does not ask again (a YubiKey's PIV slot 9a or 9d, not 9c)"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::NoPublicKey {
                uri: "pkcs11:token=root-ca;object=root-key".into(),
            }),
            "pkcs11:token=root-ca;object=root-key: the token holds no public key object with the private key's CKA_ID",
            Some(
                "import the public key beside it with the same id: pkcs11-tool --write-object PUB.der --type pubkey --id ID",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::MalformedAnswer {
                key: "pkcs11:token=root-ca;object=root-key".into(),
                what: "an ECDSA signature of the wrong length",
            }),
            "pkcs11:token=root-ca;object=root-key: the token's module answered with an ECDSA signature of the wrong length",
            Some(
                "the module does not follow PKCS#11 here: check that it is the module for this token, and report it to its vendor",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::PinInUri {
                uri: "pkcs11:token=root-ca?pin-value=…".into(),
            }),
            "\"pkcs11:token=root-ca?pin-value=…\": refusing a PIN typed into a PKCS#11 URI, where ps and shell history show it",
            Some(
                "name where it is instead: pin-source=file:PATH in the URI, --pin-file FILE, or CERTSMITH_PKCS11_PIN",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "ca-key.pem".into(),
                problem: UriProblem::NotPkcs11,
            }),
            "invalid PKCS#11 URI \"ca-key.pem\": it does not start with pkcs11:",
            None,
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:token".into(),
                problem: UriProblem::NoValue {
                    attribute: "token".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:token\": `token` has no value",
            Some(
                "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:token=a;;object=b".into(),
                problem: UriProblem::NoValue {
                    attribute: "".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:token=a;;object=b\": an attribute has no name",
            Some(
                "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:object=".into(),
                problem: UriProblem::EmptyValue {
                    attribute: "object".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:object=\": `object` is empty",
            Some(
                "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:object=100%".into(),
                problem: UriProblem::BadPercentEncoding {
                    attribute: "object".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:object=100%\": `object` has a % that is not followed by two hex digits",
            Some("percent-encode it as UTF-8 bytes: a space is %20, / is %2F, % is %25"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:object=root key".into(),
                problem: UriProblem::BadCharacter {
                    attribute: "object".into(),
                    character: ' ',
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:object=root key\": `object` has ' ', which must be percent-encoded",
            Some("percent-encode it as UTF-8 bytes: a space is %20, / is %2F, % is %25"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:token=T;module-path=/usr/lib/p11.so".into(),
                problem: UriProblem::WrongPart {
                    attribute: "module-path".into(),
                    in_query: false,
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:token=T;module-path=/usr/lib/p11.so\": `module-path` belongs in the query, after the `?`",
            Some(
                "token=, object=, id= and the like are separated by ; before the ?; module-path= and pin-source= come after it, separated by &: pkcs11:token=T;object=K?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/etc/pin",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:objet=root-key".into(),
                problem: UriProblem::UnknownAttribute {
                    attribute: "objet".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:objet=root-key\": unknown attribute `objet`",
            Some(
                "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:library-version=1".into(),
                problem: UriProblem::UnsupportedAttribute {
                    attribute: "library-version".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:library-version=1\": certsmith does not match on `library-version`",
            Some(
                "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:object=a;object=b".into(),
                problem: UriProblem::DuplicateAttribute {
                    attribute: "object".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:object=a;object=b\": `object` is given twice",
            Some(
                "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat",
            ),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:object=%FF".into(),
                problem: UriProblem::NotUtf8 {
                    attribute: "object".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:object=%FF\": `object` is not UTF-8 text",
            Some("percent-encode it as UTF-8 bytes: a space is %20, / is %2F, % is %25"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:serial=0123456789abcdef0".into(),
                problem: UriProblem::TooLong {
                    attribute: "serial".into(),
                    max: 16,
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:serial=0123456789abcdef0\": `serial` is longer than a token's 16 bytes",
            Some("`pkcs11-tool --list-token-slots` shows the token's label, serial and slot"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:type=key".into(),
                problem: UriProblem::BadType {
                    value: "key".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:type=key\": type \"key\" is not one of public, private, cert, secret-key, data",
            Some("`pkcs11-tool --list-token-slots` shows the token's label, serial and slot"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:slot-id=one".into(),
                problem: UriProblem::BadSlotId {
                    value: "one".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:slot-id=one\": slot-id \"one\" is not a decimal number",
            Some("`pkcs11-tool --list-token-slots` shows the token's label, serial and slot"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:?module-name=softhsm2".into(),
                problem: UriProblem::ModuleName,
            }),
            "invalid PKCS#11 URI \"pkcs11:?module-name=softhsm2\": module-name names a library for the loader to search for, not a file",
            Some("give the module's absolute path: module-path=/usr/lib/softhsm/libsofthsm2.so"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:?module-path=libsofthsm2.so".into(),
                problem: UriProblem::RelativeModulePath {
                    path: "libsofthsm2.so".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:?module-path=libsofthsm2.so\": module-path \"libsofthsm2.so\" is not an absolute path",
            Some("give the module's absolute path: module-path=/usr/lib/softhsm/libsofthsm2.so"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:?pin-source=env:PIN".into(),
                problem: UriProblem::BadPinSource {
                    value: "env:PIN".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:?pin-source=env:PIN\": pin-source \"env:PIN\" is neither file:PATH nor an absolute path",
            Some("name the file that holds the PIN: pin-source=file:/path/to/pin"),
        ),
        row(
            Error::Pkcs11(Pkcs11Error::InvalidUri {
                uri: "pkcs11:?pin-source=file:-".into(),
                problem: UriProblem::BadPinSource {
                    value: "file:-".into(),
                },
            }),
            "invalid PKCS#11 URI \"pkcs11:?pin-source=file:-\": pin-source \"file:-\" names stdin; a URI names the PIN's file",
            Some("name the file that holds the PIN: pin-source=file:/path/to/pin"),
        ),
        // issue 18: batch
        flagged(
            Error::BatchRemoteProfile {
                profile: "server".into(),
            },
            "profile `server` signs through a remote server, and a batch signs only with a CA key at hand",
            "profile `server` signs through a remote server, and --batch signs only with --ca and --ca-key",
            Some(
                "pass --profile with a profile that signs here, or run `certsmith sign` once per request",
            ),
        ),
        row(
            Error::BatchNameInvalid {
                source: "stdin line 3".into(),
                name: "../app".into(),
                problem: "it contains /",
            },
            "stdin line 3: name \"../app\" cannot name files: it contains /",
            Some(
                "a name is a file's base name, such as \"app\" for app.pem, app-key.pem and app.csr",
            ),
        ),
        row(
            Error::BatchNameTaken {
                source: "stdin line 9".into(),
                name: "app".into(),
                first: "stdin line 3".into(),
            },
            "stdin line 9: name \"app\" is taken by stdin line 3",
            Some("give each input its own name (a stdin line's \"name\", or the file's name)"),
        ),
        row(
            Error::BatchFileTaken {
                source: "requests/app-key.csr".into(),
                name: "app-key".into(),
                first: "requests/app-csr.json".into(),
                first_name: "app".into(),
            },
            "requests/app-key.csr: name \"app-key\" would write app-key.pem, which requests/app-csr.json (name \"app\") writes",
            Some("give each input its own name (a stdin line's \"name\", or the file's name)"),
        ),
        flagged(
            Error::BatchNameMissing {
                source: "stdin line 2".into(),
            },
            "stdin line 2: no \"name\" to write its files under",
            "stdin line 2: no \"name\" to write its files under, which --out-dir needs",
            Some("add \"name\":\"…\" to each line, or leave out --out-dir to print JSON lines"),
        ),
        row(
            Error::BatchTargetExists {
                path: PathBuf::from("certs/app.pem"),
            },
            "certs/app.pem exists, and a batch never replaces a file",
            Some(
                "move it away first; sign | split-json NAME re-issues a certificate for the key NAME has",
            ),
        ),
        row(
            Error::BatchLineTooLong {
                line: 17,
                limit: 1 << 20,
            },
            "stdin line 17: longer than 1048576 bytes, the most a batch reads as one request",
            Some(
                "one request per line: a CSR JSON, or {\"name\":…,\"csr\":…} as genkey and csr print it",
            ),
        ),
        row(
            Error::BatchNoInput {
                inputs: "requests/".into(),
            },
            "no request to sign in requests/",
            Some(
                "a batch reads CSR files (*.csr) and JSON files (*.json), directories of them, and JSON lines on stdin (-)",
            ),
        ),
        row(
            Error::BatchIncomplete {
                issued: 998,
                total: 1000,
                refused: 2,
                undelivered: 0,
            },
            "issued 998 of 1000 certificates; 2 inputs refused",
            None,
        ),
        row(
            Error::BatchIncomplete {
                issued: 0,
                total: 1,
                refused: 1,
                undelivered: 0,
            },
            "issued 0 of 1 certificate; 1 input refused",
            None,
        ),
        row(
            Error::BatchIncomplete {
                issued: 7,
                total: 10,
                refused: 0,
                undelivered: 3,
            },
            "issued 7 of 10 certificates; 3 signed but not handed out",
            None,
        ),
        // issue 19: DER
        row(
            Error::BinaryToTerminal { what: "a CRL" },
            "refusing to print a CRL in DER (binary) on a terminal",
            Some("redirect it to a file: certsmith crl --der … > ca.crl"),
        ),
        row(
            Error::BinaryToTerminal {
                what: "a certificate",
            },
            "refusing to print a certificate in DER (binary) on a terminal",
            Some("pass -o FILE, or redirect it to a file: certsmith export der ca.pem > ca.der"),
        ),
        row(
            Error::SeveralObjectsForDer {
                path: "app-bundle.pem".into(),
                count: 2,
            },
            "app-bundle.pem holds 2 objects, and a DER file holds one",
            Some(
                "put each object in a file of its own and export that one; a chain goes as PEM (certsmith bundle --pem)",
            ),
        ),
        row(
            Error::SealedKeyNotExportable {
                path: "ca-key.age".into(),
                format: "DER",
            },
            "ca-key.age is an age-sealed key; refusing to write it unsealed as DER",
            Some(
                "if DER is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY ca-key.age | certsmith export der - > key.der",
            ),
        ),
        row(
            Error::SealedKeyNotExportable {
                path: "keys/admin key.age".into(),
                format: "a kubeconfig",
            },
            "keys/admin key.age is an age-sealed key; refusing to write it unsealed as a kubeconfig",
            Some(
                "if a kubeconfig is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY 'keys/admin key.age' | certsmith export kubeconfig --key - …",
            ),
        ),
        row(
            Error::SealedKeyNotExportable {
                path: "app-key.age".into(),
                format: "a PKCS#12 file",
            },
            "app-key.age is an age-sealed key; refusing to write it unsealed as a PKCS#12 file",
            Some(
                "if a PKCS#12 file is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY app-key.age | certsmith export p12 --key - …",
            ),
        ),
        row(
            Error::SealedKeyNotExportable {
                path: "app-key.age".into(),
                format: "a Kubernetes Secret",
            },
            "app-key.age is an age-sealed key; refusing to write it unsealed as a Kubernetes Secret",
            Some(
                "if a Kubernetes Secret is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY app-key.age | certsmith export k8s-secret --key - …",
            ),
        ),
        row(
            Error::ChainOutOfOrder {
                path: "app-bundle.pem".into(),
                index: 2,
            },
            "app-bundle.pem: certificate 2 did not sign the certificate before it; a chain goes from the leaf's issuer up to the root",
            Some(
                "give the chain from the leaf's issuer up to the root, as certsmith bundle --pem prints it and split-json's NAME-bundle.pem holds it",
            ),
        ),
        row(
            Error::Pkcs11KeyNotExportable {
                uri: "pkcs11:token=ca;object=root".into(),
            },
            "pkcs11:token=ca;object=root is a key in a PKCS#11 token, whose private half never leaves it",
            Some(
                "`certsmith key public URI` prints its public key; a key meant to leave as a file is made outside the token",
            ),
        ),
        // issue 19: PKCS#12
        row(
            Pkcs12Error::TooLarge {
                path: "big.p12".into(),
                limit: 1 << 20,
            }
            .into(),
            "big.p12 is larger than 1 MiB, more than any PKCS#12 file of a key and its chain; refusing to open it",
            Some(
                "a PKCS#12 file of a key and its chain is a few kilobytes: check that it is the file meant",
            ),
        ),
        row(
            Pkcs12Error::NotPkcs12 {
                path: "app.p12".into(),
                reason: "cut short: it announces 2219 bytes and holds 96".into(),
            }
            .into(),
            "app.p12 is not a PKCS#12 file: cut short: it announces 2219 bytes and holds 96",
            Some("the file was cut short on its way: copy it again from where it came from"),
        ),
        row(
            Pkcs12Error::NotPkcs12 {
                path: "app.pem".into(),
                reason: "it is PEM text, and a PKCS#12 file is binary (DER)".into(),
            }
            .into(),
            "app.pem is not a PKCS#12 file: it is PEM text, and a PKCS#12 file is binary (DER)",
            Some("`certsmith inspect app.pem` shows what it holds"),
        ),
        row(
            Pkcs12Error::Damaged {
                path: "app.p12".into(),
                reason: "Invalid data".into(),
            }
            .into(),
            "app.p12: the PKCS#12 contents are damaged: Invalid data",
            None,
        ),
        row(
            Pkcs12Error::WrongPassword {
                path: "app.p12".into(),
            }
            .into(),
            "app.p12: wrong password",
            Some(
                "give the file's password with --passphrase-file FILE (or -), CERTSMITH_PASSPHRASE or at the prompt; --no-password for the empty one",
            ),
        ),
        row(
            Pkcs12Error::WrongPasswordOrDamaged {
                path: "app.p12".into(),
            }
            .into(),
            "app.p12: the contents do not decrypt: a wrong password, or a damaged file (it has no MAC to tell which)",
            Some(
                "give the file's password with --passphrase-file FILE (or -), CERTSMITH_PASSPHRASE or at the prompt; --no-password for the empty one",
            ),
        ),
        row(
            Pkcs12Error::UnsupportedAlgorithm {
                path: "app.p12".into(),
            }
            .into(),
            "app.p12 is protected by an algorithm certsmith does not open (such as PBMAC1, or one based on MD5 or RC4)",
            Some(
                "re-export it with OpenSSL 3's defaults (PBES2, AES-256, a SHA-256 MAC): openssl pkcs12 -in FILE -nodes | openssl pkcs12 -export -out NEW.p12",
            ),
        ),
        row(
            Pkcs12Error::ExcessiveWork {
                path: "app.p12".into(),
            }
            .into(),
            "app.p12: its key derivation parameters are missing, or ask for more work than certsmith does (over a million iterations, or scrypt over 1 GiB)",
            Some(
                "if the file comes from someone you trust, re-export it with OpenSSL 3's defaults: openssl pkcs12 -in FILE -nodes | openssl pkcs12 -export -out NEW.p12",
            ),
        ),
        row(
            Pkcs12Error::NoKey {
                path: "truststore.p12".into(),
            }
            .into(),
            "truststore.p12 holds no private key",
            Some(
                "it holds certificates only (a trust store): openssl pkcs12 -in FILE -nokeys prints them",
            ),
        ),
        row(
            Pkcs12Error::SeveralKeys {
                path: "two.p12".into(),
                count: 2,
                names: vec!["app".into(), "db".into()],
            }
            .into(),
            "two.p12 holds 2 private keys (\"app\", \"db\"); certsmith takes a file with one",
            Some(
                "make a file of one entry first: keytool -importkeystore -srckeystore FILE -srcalias ALIAS -destkeystore ONE.p12",
            ),
        ),
        row(
            Pkcs12Error::SeveralKeys {
                path: "two.p12".into(),
                count: 2,
                names: Vec::new(),
            }
            .into(),
            "two.p12 holds 2 private keys; certsmith takes a file with one",
            Some(
                "make a file of one entry first: keytool -importkeystore -srckeystore FILE -srcalias ALIAS -destkeystore ONE.p12",
            ),
        ),
        row(
            Pkcs12Error::NoCertificateForKey {
                path: "app.p12".into(),
            }
            .into(),
            "app.p12 holds a private key but no certificate for it",
            Some(
                "make the file again with the key's certificate in it (certsmith export p12 --cert CERT --key KEY)",
            ),
        ),
        row(
            Pkcs12Error::NotBmp {
                what: "the friendly name",
            }
            .into(),
            "the friendly name has a character beyond U+FFFF, which PKCS#12 (BMPString) cannot hold",
            Some(
                "leave out the characters beyond U+FFFF (emoji and the like), or name the entry with --name",
            ),
        ),
        row(
            Pkcs12Error::EmptyPassword.into(),
            "the password is empty",
            Some(
                "pass --no-password for the empty password (the file is still encrypted), or give one with --passphrase-file FILE or CERTSMITH_PASSPHRASE",
            ),
        ),
        row(
            Pkcs12Error::WeakPassword { min: 12 }.into(),
            "the password is shorter than 12 characters; refusing to protect a key with it",
            Some(
                "choose a longer one (four or more random words), or pass --allow-weak-passphrase (as for Java's \"changeit\")",
            ),
        ),
        row(
            Pkcs12Error::ToTerminal {
                what: "a PKCS#12 file",
            }
            .into(),
            "refusing to print a PKCS#12 file on a terminal",
            Some("name the file to write: -o FILE.p12 (made 0600)"),
        ),
        row(
            Pkcs12Error::ToTerminal {
                what: "a plaintext private key",
            }
            .into(),
            "refusing to print a plaintext private key on a terminal",
            Some(
                "pipe it to split-json, which writes the key 0600 (certsmith import p12 FILE | certsmith split-json NAME), or seal the key with -r, -R or -p",
            ),
        ),
        row(
            Pkcs12Error::Encode {
                reason: "Invalid private key".into(),
            }
            .into(),
            "cannot write the PKCS#12 file: Invalid private key",
            None,
        ),
        row(
            Pkcs12Error::BadName {
                problem: "is empty",
            }
            .into(),
            "the entry's friendly name is empty",
            Some("name the entry with --name, in printable characters"),
        ),
        row(
            Error::NotOnlyCertificates {
                path: "ca-full.pem".into(),
                label: "PRIVATE KEY".into(),
            },
            "ca-full.pem holds a PRIVATE KEY block besides certificates; refusing to copy it where certificates go",
            Some(
                "give a file of certificates only, such as split-json's NAME.pem or what certsmith bundle --pem prints",
            ),
        ),
        row(
            Error::OutputNotRegular {
                path: "/dev/null".into(),
            },
            "/dev/null exists and is not a regular file (a device, a FIFO or a socket); refusing to replace it",
            Some("give -o the path of a regular file (-o - is stdout)"),
        ),
        row(
            Error::InputTooLarge {
                source: "stdin".into(),
                limit: 256 << 20,
            },
            "stdin is larger than 256 MiB; refusing to read more of it",
            Some(
                "check that it is the file meant: no certificate, key or CRL a PKI makes comes near that size",
            ),
        ),
        row(
            Error::InputTooLarge {
                source: "pass.txt".into(),
                limit: 64 << 10,
            },
            "pass.txt is larger than 64 KiB; refusing to read more of it",
            Some(
                "check that it is the file meant: no certificate, key or CRL a PKI makes comes near that size",
            ),
        ),
        row(
            Error::PassphraseNotText {
                source: "pass.txt".into(),
            },
            "the passphrase in pass.txt is not UTF-8 text (or holds a NUL byte)",
            Some("write the passphrase as UTF-8 text; openssl, keytool and age read it so"),
        ),
        // issue 19: Kubernetes Secret and kubeconfig
        row(
            Error::Kube(KubeError::InvalidName {
                what: "Secret name",
                value: "App_TLS".into(),
                rule: "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
            }),
            "Secret name \"App_TLS\" is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
            Some(
                "kubectl would refuse it too: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/",
            ),
        ),
        row(
            Error::Kube(KubeError::InvalidName {
                what: "label value",
                value: "a b".into(),
                rule: "a label value (empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
            }),
            "label value \"a b\" is not a label value (empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
            Some(
                "kubectl would refuse it too: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set",
            ),
        ),
        row(
            Error::Kube(KubeError::LabelWithoutValue {
                label: "tier".into(),
            }),
            "label \"tier\" has no '=': a label is KEY=VALUE",
            Some("write --label KEY=VALUE (KEY= for an empty value)"),
        ),
        row(
            Error::Kube(KubeError::DuplicateLabel { key: "tier".into() }),
            "label \"tier\" is given twice",
            Some("give each label key once"),
        ),
        row(
            Error::Kube(KubeError::InvalidServer {
                value: "127.0.0.1:6443".into(),
                problem: "it does not start with https://",
            }),
            "\"127.0.0.1:6443\" is not an API server address: it does not start with https://",
            Some("give the API server as https://HOST:PORT, e.g. https://127.0.0.1:6443"),
        ),
        row(
            Error::Kube(KubeError::EmptyName { what: "context" }),
            "the kubeconfig's context name is empty",
            Some("give a name, or leave --context out for its default"),
        ),
        row(
            Error::Kube(KubeError::NoCommonName {
                cert: "svc.pem".into(),
            }),
            "svc.pem has no CN to name the kubeconfig's user after",
            Some("name the user: --user NAME"),
        ),
        // issue 20: CA keys sealed to a quorum
        row(
            QuorumError::Locked {
                source: "root-key.quorum".into(),
                threshold: 2,
                labels: vec!["alice".into(), "bob".into(), "carol".into()],
            }
            .into(),
            "root-key.quorum: the key is sealed to 2 of 3 custodians (alice, bob, carol) and no identity was given",
            Some(
                "pass 2 custodians' identities with -i FILE, or a one-time identity with -i and the shares they released to it with --share FILE",
            ),
        ),
        row(
            QuorumError::Incomplete {
                source: "root-key.quorum".into(),
                threshold: 3,
                opened: vec![
                    ("alice".into(), "alice.age".into()),
                    ("dave".into(), "dave.share".into()),
                ],
                missing: vec!["bob".into(), "carol".into(), "erin".into()],
            }
            .into(),
            "root-key.quorum: 3 of 5 custodians' shares are needed and 2 are open (alice, with alice.age; dave, with dave.share); still missing: bob, carol, erin",
            Some(INCOMPLETE),
        ),
        row(
            QuorumError::Incomplete {
                source: "root-key.quorum".into(),
                threshold: 2,
                opened: vec![],
                missing: vec!["alice".into(), "bob".into(), "carol".into()],
            }
            .into(),
            "root-key.quorum: 2 of 3 custodians' shares are needed and none is open; still missing: alice, bob, carol",
            Some(INCOMPLETE),
        ),
        row(
            QuorumError::IdentityOpensNothing {
                source: "root-key.quorum".into(),
                identity: "custodian-9.age".into(),
            }
            .into(),
            "root-key.quorum: custodian-9.age opens no custodian's share",
            Some("certsmith inspect root-key.quorum lists the custodians and their recipients"),
        ),
        row(
            QuorumError::ShareForeign {
                share: "s1.age".into(),
                label: "alice".into(),
                share_quorum: "5f3e0c1d5f3e0c1d5f3e0c1d5f3e0c1d".into(),
                source: "root-key.quorum".into(),
                quorum: "6d1f0c2a9e3b4f5a8c7d6e5f4a3b2c1d".into(),
            }
            .into(),
            "s1.age: the share of alice is a share of quorum 5f3e0c1d5f3e0c1d5f3e0c1d5f3e0c1d, not of root-key.quorum (quorum 6d1f0c2a9e3b4f5a8c7d6e5f4a3b2c1d)",
            Some(
                "each quorum file has its own shares: take the share from this file, or the file the share belongs to",
            ),
        ),
        row(
            QuorumError::ShareCommitment {
                share: "s2.age".into(),
                label: "bob".into(),
                source: "root-key.quorum".into(),
            }
            .into(),
            "s2.age: the share of bob does not match its commitment in root-key.quorum",
            Some(CHANGED_SHARE),
        ),
        row(
            QuorumError::ShareCommitment {
                share: "root-key.quorum".into(),
                label: "bob".into(),
                source: "root-key.quorum".into(),
            }
            .into(),
            "root-key.quorum: the share of bob does not match its commitment",
            Some(CHANGED_SHARE),
        ),
        row(
            QuorumError::ShareUnopenable {
                source: "root-key.quorum".into(),
                label: Some("bob".into()),
                reason: "Failed to decrypt an encrypted payload".into(),
            }
            .into(),
            "root-key.quorum: the share of bob cannot be opened: Failed to decrypt an encrypted payload",
            Some(DAMAGED_SHARE),
        ),
        row(
            QuorumError::ShareUnopenable {
                source: "alice.share".into(),
                label: None,
                reason: "not a share record".into(),
            }
            .into(),
            "alice.share: the share cannot be opened: not a share record",
            Some(DAMAGED_SHARE),
        ),
        row(
            QuorumError::ShareMisplaced {
                source: "root-key.quorum".into(),
                block: 2,
                block_label: "bob".into(),
                index: 1,
                label: "alice".into(),
            }
            .into(),
            "root-key.quorum: the block of share 2 (bob) holds share 1 (alice): blocks were moved or copied",
            Some(
                "take the quorum file from an intact copy: every block must stay under its own -> share line",
            ),
        ),
        row(
            QuorumError::RecipientMismatch {
                source: "root-key.quorum".into(),
                labels: vec!["alice".into(), "bob".into()],
                combined: Some(
                    "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq".into(),
                ),
            }
            .into(),
            "root-key.quorum: the shares of alice, bob combine to age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq, not to the quorum recipient the file names",
            Some(MISMATCHED_SHARES),
        ),
        row(
            QuorumError::RecipientMismatch {
                source: "root-key.quorum".into(),
                labels: vec!["alice".into(), "bob".into()],
                combined: None,
            }
            .into(),
            "root-key.quorum: the shares of alice, bob combine to no age identity, so not to the quorum recipient the file names",
            Some(MISMATCHED_SHARES),
        ),
        row(
            QuorumError::KeyUnopenable {
                source: "root-key.quorum".into(),
                reason: "Failed to decrypt an encrypted payload".into(),
            }
            .into(),
            "root-key.quorum: the key cannot be opened with the combined identity: Failed to decrypt an encrypted payload",
            None,
        ),
        row(
            QuorumError::KeyMismatch {
                source: "root-key.quorum".into(),
                fingerprint: "SHA256:AB:CD".into(),
            }
            .into(),
            "root-key.quorum: the key inside is not the one its header names (SHA256:AB:CD)",
            None,
        ),
        row(
            QuorumError::File {
                source: "root-key.quorum".into(),
                line: 3,
                reason: "expected `threshold: M of N`, found \"2\"".into(),
            }
            .into(),
            "root-key.quorum: line 3: expected `threshold: M of N`, found \"2\"",
            None,
        ),
        row(
            QuorumError::ThresholdAboveCustodians {
                threshold: 4,
                custodians: 3,
            }
            .into(),
            "a threshold of 4 needs at least 4 custodians, and 3 recipients were given",
            Some(
                "give at least as many custodians (-r RECIPIENT, or lines of -R FILE) as --threshold",
            ),
        ),
        row(
            QuorumError::ThresholdTooLow { threshold: 1 }.into(),
            "a threshold of 1 is no quorum: any one custodian could open the key alone",
            Some(
                "to let any one custodian open the key, seal to several recipients without --threshold",
            ),
        ),
        row(
            QuorumError::TooManyCustodians { custodians: 256 }.into(),
            "256 custodians are more than a quorum can hold (255)",
            None,
        ),
        row(
            QuorumError::DuplicateCustodian {
                recipient: "age1qyqs".into(),
            }
            .into(),
            "age1qyqs is given twice: each custodian holds one share",
            Some("give each custodian's recipient once"),
        ),
        row(
            QuorumError::BadLabel {
                label: "bob".into(),
                problem: "is given twice",
            }
            .into(),
            "the custodian label \"bob\" is given twice",
            Some(
                "label each custodian with the comment line before its recipient in the -R file (# alice), at most 64 printable characters, each label once",
            ),
        ),
        row(
            QuorumError::SharesWithoutQuorum {
                source: "ca-key.age".into(),
            }
            .into(),
            "ca-key.age is not sealed to a quorum, and shares of one were given",
            Some(
                "--share is for a key sealed to a quorum (NAME-key.quorum); open an age-sealed key with -i alone",
            ),
        ),
        row(
            QuorumError::ReleaseSeveral {
                source: "root-key.quorum".into(),
                identity: "both.txt".into(),
                labels: vec!["alice".into(), "bob".into()],
            }
            .into(),
            "root-key.quorum: both.txt opens the shares of alice, bob, and a share is released one at a time",
            Some("give one custodian's identity with -i FILE at a time"),
        ),
        row(
            QuorumError::ReleasedShareUnopened {
                share: "alice.share".into(),
            }
            .into(),
            "alice.share: no identity given opens this released share",
            Some(
                "give the one-time identity it was released to with -i FILE: key share release --to named its recipient",
            ),
        ),
        row(
            QuorumError::FileTooLarge {
                size: 1_301_000,
                most: 1_048_576,
            }
            .into(),
            "the quorum file would be 1301000 bytes, more than the 1048576 a quorum file may hold",
            Some(
                "seal to fewer custodians, or shorten their recipients: drop long SSH key comments (a # label line names a custodian), or give a custodian an age identity (certsmith key identity)",
            ),
        ),
        row(
            QuorumError::ReleaseOverItsInput {
                path: "root-key.quorum".into(),
            }
            .into(),
            "root-key.quorum is the file the share is released from; refusing to write the share over it",
            Some("write the released share to a file of its own: -o NAME.share"),
        ),
        row(
            QuorumError::CustodianPassphrase {
                identity: "ivy.age".into(),
            }
            .into(),
            "ivy.age: wrong passphrase (the one passphrase given is tried for every custodian)",
            Some(
                "custodians whose passphrases differ each type their own at the terminal: run without --passphrase-file and CERTSMITH_PASSPHRASE",
            ),
        ),
        row(
            QuorumError::ReleaseOverQuorum {
                path: "root-key.quorum".into(),
            }
            .into(),
            "root-key.quorum is a quorum file; refusing to write a released share over it",
            Some("write the released share to a file of its own: -o NAME.share"),
        ),
        row(
            QuorumError::ReshareWithoutQuorum {
                source: "root-key.quorum".into(),
            }
            .into(),
            "root-key.quorum: a reshare needs a threshold and the new custodians to seal the key to",
            Some("give --threshold M and the new custodians with -r RECIPIENT or -R FILE"),
        ),
        row(
            QuorumError::Shares {
                reason: "1 shares given where the threshold is 2".into(),
            }
            .into(),
            "the shares cannot be split or combined: 1 shares given where the threshold is 2",
            None,
        ),
        // issue 20: a quorum file beside split-json's files and exports
        row(
            QuorumError::SameKeyOtherQuorum {
                path: "root-key.quorum".into(),
            }
            .into(),
            "root-key.quorum holds the same key sealed to another quorum; refusing to replace the custodians' file",
            Some(
                "keep the custodians' file and split the new one under another NAME, or pass --force to replace it (the old shares no longer open the file there)",
            ),
        ),
        row(
            QuorumError::NotExportable {
                path: "root-key.quorum".into(),
                format: "DER",
            }
            .into(),
            "root-key.quorum is sealed to a quorum; refusing to write it unsealed as DER",
            Some(
                "if DER is to hold the key in the clear, the custodians open it together and pipe it in: certsmith key decrypt -i IDENTITY -i IDENTITY … root-key.quorum | certsmith export der - > key.der",
            ),
        ),
        row(
            QuorumError::NotExportable {
                path: "keys/root key.quorum".into(),
                format: "a PKCS#12 file",
            }
            .into(),
            "keys/root key.quorum is sealed to a quorum; refusing to write it unsealed as a PKCS#12 file",
            Some(
                "if a PKCS#12 file is to hold the key in the clear, the custodians open it together and pipe it in: certsmith key decrypt -i IDENTITY -i IDENTITY … 'keys/root key.quorum' | certsmith export p12 --key - …",
            ),
        ),
    ]
}

#[test]
fn every_message_and_hint_is_pinned() {
    let mut wrong = Vec::new();
    for row in table() {
        let library = row.error.to_string();
        let shown = hint::message(&row.error);
        let given = hint::hint(&row.error);
        if library != row.library.unwrap_or(row.shown) {
            wrong.push(format!("{:?}\n  library message: {library:?}", row.error));
        }
        if shown != row.shown {
            wrong.push(format!("{:?}\n  shown: {shown:?}", row.error));
        }
        if given.as_deref() != row.hint {
            wrong.push(format!("{:?}\n  hint: {given:?}", row.error));
        }
    }
    assert!(wrong.is_empty(), "changed texts:\n{}", wrong.join("\n"));
}

#[test]
fn no_library_message_names_a_flag_or_an_environment_variable() {
    for row in table() {
        let library = row.error.to_string();
        // SecretOnCommandLine quotes the option the CLI gave it, as data.
        if matches!(row.error, Error::SecretOnCommandLine { .. }) {
            continue;
        }
        assert!(
            !library.contains("--") && !library.contains("CERTSMITH_"),
            "{library}"
        );
    }
}

/// `Error` is `#[non_exhaustive]`, so no `match` here can list every
/// variant; the enum's source is read instead, and each variant it declares
/// must have a row: of `Error`, and of the PKCS#11 errors inside it.
#[test]
fn every_variant_has_a_row() {
    let rows: Vec<String> = table().iter().map(|r| format!("{:?}", r.error)).collect();
    let first_word = |text: &str| {
        text.split([' ', ',', '(', ')'])
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let covered = |inner: &str| -> BTreeSet<String> {
        rows.iter()
            .filter_map(|debug| match inner {
                "" => Some(first_word(debug)),
                _ => debug.split_once(inner).map(|(_, rest)| first_word(rest)),
            })
            .collect()
    };
    let mut missing = Vec::new();
    for (source, enum_start, inner, at_least) in [
        (
            include_str!("../../src/error/mod.rs"),
            "pub enum Error {",
            "",
            100,
        ),
        (
            include_str!("../../src/error/pkcs11.rs"),
            "pub enum Pkcs11Error {",
            "Pkcs11(",
            2,
        ),
        (
            include_str!("../../src/error/pkcs11.rs"),
            "pub enum UriProblem {",
            "problem: ",
            15,
        ),
        (
            include_str!("../../src/error/vault.rs"),
            "pub enum VaultError {",
            "Vault(",
            5,
        ),
        (
            include_str!("../../src/error/pkcs12.rs"),
            "pub enum Pkcs12Error {",
            "Pkcs12(",
            10,
        ),
        (
            include_str!("../../src/error/kube.rs"),
            "pub enum KubeError {",
            "Kube(",
            6,
        ),
        (
            include_str!("../../src/error/quorum.rs"),
            "pub enum QuorumError {",
            "Quorum(",
            14,
        ),
    ] {
        let start = source.find(enum_start).expect("the enum");
        let body = &source[start..];
        let body = &body[..body.find("\n}\n").expect("the enum's end")];
        let declared: BTreeSet<String> = body
            .lines()
            .filter_map(|line| line.strip_prefix("    "))
            .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
            .map(first_word)
            .collect();
        assert!(declared.len() >= at_least, "found only {declared:?}");
        missing.extend(declared.difference(&covered(inner)).cloned());
    }
    assert!(missing.is_empty(), "variants without a row: {missing:?}");
}

/// The refusals that no other CLI test reaches, run through the binary:
/// what the user sees, line for line, from the table's variants.
#[test]
fn refusals_no_other_test_reaches_read_as_the_table_says() {
    let s = Scratch::new();
    s.init_ca(
        "ca",
        r#"{"CN":"Error Messages Test CA","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","hosts":["app.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    let sign_with = |config: &str, json: &str| {
        s.write(config, json);
        s.sign("ca", &["--config", config, "app.json"])
            .fails()
            .to_owned()
    };
    let cases: Vec<(String, &str)> = vec![
        (
            s.certsmith_ca("cross-sign", "ca", &["--profile", "server", "ca.pem"])
                .fails()
                .to_owned(),
            "error: profile `server` is not a CA profile; cross-sign makes a CA certificate\n\
             hint: omit --profile, or name a profile with \"ca_constraint\": {\"is_ca\": true}\n",
        ),
        (
            sign_with(
                "no-expiry.json",
                r#"{"signing":{"default":{"usages":["digital signature"]}}}"#,
            ),
            "error: profile `default` has no expiry\n\
             hint: add \"expiry\": \"8760h\" (or not_after) to the profile\n",
        ),
        (
            sign_with(
                "ca-no-cert-sign.json",
                r#"{"signing":{"default":{"expiry":"1h","usages":["digital signature"],"ca_constraint":{"is_ca":true}}}}"#,
            ),
            "error: profile `default` makes CA certificates but lacks the usage \"cert sign\"\n\
             hint: sign CA requests with a profile that has \"ca_constraint\": {\"is_ca\": true} and the usages \"cert sign\", \"crl sign\"\n",
        ),
        (
            sign_with(
                "leaf-cert-sign.json",
                r#"{"signing":{"default":{"expiry":"1h","usages":["cert sign"]}}}"#,
            ),
            "error: profile `default` asks for \"cert sign\" but is not a CA profile (no ca_constraint.is_ca)\n",
        ),
        (
            sign_with(
                "bad-time.json",
                r#"{"signing":{"default":{"not_after":"tomorrow","usages":["digital signature"]}}}"#,
            ),
            "error: bad-time.json: `signing.default.not_after` is not an RFC 3339 time: \"tomorrow\"\n\
             hint: use a time such as \"2030-01-01T00:00:00Z\"\n",
        ),
        (
            {
                s.write("nobody.json", r#"{"key":{"algo":"ecdsa","size":256}}"#);
                s.certsmith(&["genkey", "nobody.json"]).fails().to_owned()
            },
            "error: the request names nobody: no CN, no names and no hosts\n\
             hint: give the request a \"CN\" or \"hosts\" (or pass --hostname)\n",
        ),
        (
            {
                s.write("array.json", "[]");
                s.certsmith(&["genkey", "array.json"]).fails().to_owned()
            },
            "error: array.json: the document must be an object\n\
             hint: cfssl's formats are described in the README (CSR JSON and config JSON)\n",
        ),
        (
            s.certsmith_stdin(&["split-json", "x"], b"{}")
                .fails()
                .to_owned(),
            "error: stdin: no cert, key, csr, bundle or ocspResponse to write\n\
             hint: pipe in the JSON printed by certsmith or cfssl (initca, genkey, sign, gencert, bundle)\n",
        ),
        (
            s.certsmith(&["remote", "sign", "--remote", "ht tp://x", "app.json"])
                .fails()
                .to_owned(),
            "error: \"ht tp://x\" is not a signer address (https://host:port, http://host:port or host:port)\n",
        ),
        (
            s.certsmith(&["key", "encrypt", "ca-key.pem"])
                .fails()
                .to_owned(),
            "error: nothing to seal the key to\nhint: pass -r RECIPIENT, -R FILE or -p\n",
        ),
        (
            {
                // A CRL whose DER is an INTEGER: named a CRL, not a certificate.
                s.write(
                    "bad.crl",
                    "-----BEGIN X509 CRL-----\nMAMCAQA=\n-----END X509 CRL-----\n",
                );
                s.certsmith(&["inspect", "bad.crl"]).fails().to_owned()
            },
            "error: bad.crl: not a valid CRL: corrupt DER: an INTEGER where a SEQUENCE belongs\n",
        ),
        (
            {
                // A public key, named as one (not "cannot read private key").
                s.write(
                    "bad-pub.pem",
                    "-----BEGIN PUBLIC KEY-----\nMAMCAQA=\n-----END PUBLIC KEY-----\n",
                );
                s.certsmith(&["inspect", "bad-pub.pem"]).fails().to_owned()
            },
            "error: bad-pub.pem: not a valid public key: corrupt DER: an INTEGER where a SEQUENCE belongs\n",
        ),
    ];
    for (stderr, expected) in cases {
        assert_eq!(stderr, expected);
    }
}

/// An io, DER or age failure underneath is reachable through `source()`,
/// through `In` too, for callers that walk the chain.
#[test]
fn causes_are_reachable_through_source() {
    use std::error::Error as _;
    let read = Error::ReadFile {
        path: PathBuf::from("ca.pem"),
        source: io::Error::from(io::ErrorKind::NotFound),
    };
    let cause = read.source().expect("an io cause");
    assert_eq!(
        cause.downcast_ref::<io::Error>().map(io::Error::kind),
        Some(io::ErrorKind::NotFound)
    );
    let within = Error::Encoding {
        what: "the CRL",
        cause: der::ErrorKind::Overflow.into(),
    }
    .within("ca-config.json");
    assert!(within.source().expect("a DER cause").is::<der::Error>());
    let unseal = Error::Unseal {
        source: "ca-key.age".into(),
        reason: "unexpected end of file".into(),
        cause: Box::new(io::Error::from(io::ErrorKind::UnexpectedEof)),
    };
    assert!(unseal.source().expect("an age cause").is::<io::Error>());
    assert!(Error::EmptyIdentity.source().is_none());
}

/// A note names no flag in the library; the CLI adds the one that helps.
#[test]
fn a_note_names_its_flag_only_in_the_cli() {
    let note = certsmith::Note::ServerWithoutSan {
        profile: "server".into(),
    };
    assert!(!note.to_string().contains("--"), "{note}");
    assert!(
        hint::note(&note).ends_with("add \"hosts\" to the request or pass --hostname"),
        "{}",
        hint::note(&note)
    );
    // sign --batch refuses --hostname: its notes never offer it.
    assert_eq!(hint::batch_note(&note), note.to_string());
}
