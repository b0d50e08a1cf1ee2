//! Every way an operation can fail, each with the file or value that caused it
//! and, where one helps, a hint for the next thing to try.
//!
//! Messages follow x509-parser's style: lowercase, no trailing period, the
//! offending value quoted.

use std::fmt;
use std::io;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Names the file an error about one of its values came from.
    pub fn within(self, source: &str) -> Error {
        Error::In {
            source: source.to_owned(),
            error: Box::new(self),
        }
    }
}

#[derive(Debug)]
pub enum Error {
    /// An error about a value, found while reading the file `source`.
    In {
        source: String,
        error: Box<Error>,
    },

    // --- files and streams
    ReadFile {
        path: PathBuf,
        source: io::Error,
    },
    WriteFile {
        path: PathBuf,
        source: io::Error,
    },
    ReadStdin {
        source: io::Error,
    },

    // --- JSON input (CSR JSON, config JSON, cfssl output)
    Json {
        source: String,
        message: String,
    },
    JsonField {
        source: String,
        field: String,
        expected: &'static str,
    },
    InvalidDuration {
        source: String,
        field: String,
        value: String,
        reason: String,
    },
    InvalidTime {
        source: String,
        field: String,
        value: String,
    },
    InvalidKeySpec {
        source: String,
        reason: String,
    },
    UnknownUsage {
        profile: String,
        usage: String,
    },
    InvalidRegex {
        profile: String,
        pattern: String,
        reason: String,
    },
    InvalidPolicy {
        profile: String,
        reason: String,
    },

    // --- profiles
    UnknownProfile {
        name: String,
        known: Vec<String>,
    },
    ProfileWithoutExpiry {
        profile: String,
    },
    RemoteProfile {
        profile: String,
    },
    CaProfileWithoutCertSign {
        profile: String,
    },
    CertSignInLeafProfile {
        profile: String,
    },
    InitcaNeedsCaProfile {
        profile: String,
    },

    // --- subjects and SANs
    InvalidHost {
        value: String,
        reason: &'static str,
    },
    SubjectValue {
        field: &'static str,
        value: String,
        reason: String,
    },
    EmptyIdentity,
    NameNotAllowed {
        name: String,
        profile: String,
        pattern: String,
    },

    // --- keys
    NoPrivateKey {
        source: String,
    },
    KeyParse {
        source: String,
        reason: String,
    },
    EncryptedPemKey {
        source: String,
    },
    UnsupportedKey {
        source: String,
        what: String,
    },
    KeyGeneration {
        what: String,
    },
    Sign {
        reason: String,
    },

    // --- certificates and CSRs
    NoPemObject {
        source: String,
        expected: &'static str,
    },
    /// A file of one kind where another was expected: a certificate given
    /// as a CSR, a key given as a certificate.
    WrongKind {
        source: String,
        found: &'static str,
        expected: &'static str,
    },
    CertificateParse {
        source: String,
        reason: String,
    },
    CsrParse {
        source: String,
        reason: String,
    },
    CsrSignature {
        source: String,
    },
    UnsupportedSignatureAlgorithm {
        source: String,
        oid: String,
    },
    NotACa {
        source: String,
        reason: &'static str,
    },
    CaKeyMismatch {
        cert: String,
        key: String,
    },
    CaExpired {
        source: String,
        not_after: String,
    },
    CaRequestUnderLeafProfile {
        profile: String,
    },
    PathLenExhausted {
        source: String,
    },
    EmptyValidity {
        not_before: String,
        not_after: String,
    },
    OutlivesCa {
        requested: String,
        ca_not_after: String,
    },

    // --- split-json
    RequestFailed {
        messages: Vec<String>,
    },
    NothingToSplit {
        source: String,
    },
    EmptyInput {
        source: String,
    },
    // --- name constraints (RFC 5280 §4.2.1.10)
    InvalidNameConstraint {
        profile: String,
        value: String,
        reason: String,
    },
    NameConstraintViolation {
        name: String,
        constraint: String,
        ca: String,
    },

    // --- the issuance ledger, revocation, CRLs
    Ledger {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    LedgerIo {
        path: PathBuf,
        source: std::io::Error,
    },
    InvalidSerial {
        value: String,
    },
    UnknownReason {
        value: String,
    },
    RevokedFile {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    NotIssuedByCa {
        cert: String,
        ca: String,
    },

    // --- bundle and inspect
    ChainIncomplete {
        cert: String,
        reason: String,
    },
    NotFederable {
        source: String,
        reason: String,
    },
    NoPkiObject {
        source: String,
    },

    // --- remote signing
    RemoteUrl {
        value: String,
    },
    MissingCa {
        profile: String,
    },
    InvalidAuthKey {
        reason: String,
    },
    RemoteUnreachable {
        attempts: Vec<String>,
    },
    RemoteTls {
        url: String,
        reason: String,
    },
    RemoteFailed {
        url: String,
        status: u16,
        messages: Vec<String>,
    },
    RemoteResponse {
        url: String,
        reason: String,
    },
    RemoteKeyMismatch {
        url: String,
    },

    // --- sealed keys
    InvalidRecipient {
        value: String,
        reason: String,
    },
    Seal {
        reason: String,
    },
    Unseal {
        source: String,
        reason: String,
    },
    SealedKeyLocked {
        source: String,
    },
    WrongIdentity {
        source: String,
    },
    WrongPassphrase {
        source: String,
    },
    IdentityFile {
        source: String,
        reason: String,
    },
    NoPassphraseSource {
        what: String,
    },
    PassphraseMismatch,
    NoSealGiven,
    EmptyPassphrase,
    SecretToTerminal,
    /// split-json's NAME that names no file (`""`, `certs/`).
    EmptyBaseName {
        name: String,
    },
    /// A backdate (or fixed not_before) that reaches before 1970.
    BackdateTooFar {
        not_before: String,
    },
    /// A secret typed into argv, where `ps` and shell history show it.
    SecretOnCommandLine {
        option: &'static str,
    },
    IdentityExists {
        path: PathBuf,
    },
    KeyFileHoldsOtherKey {
        path: PathBuf,
    },
    KeyFileUnreadable {
        path: PathBuf,
        reason: String,
    },
    // issue 13: ledger and revocation
    /// `revoke --cert` of a certificate whose serial no CRL entry can name.
    SerialNotRevocable {
        cert: String,
        serial: String,
        reason: &'static str,
    },
    /// `revoke --serial` of a serial the ledger does not record as issued.
    SerialNotIssued {
        serial: String,
        ledger: PathBuf,
        ca: String,
    },
    /// A request for the public key of the issuing CA (or a CA above it).
    RequestForTheCasKey {
        source: String,
        ca: String,
    },
    /// A subject value in a request or certificate with a control character
    /// or a bidirectional override (`value` is escaped).
    SubjectValueInRequest {
        source: String,
        field: String,
        value: String,
    },
    /// `inspect --needs-renewal`/`--expiring-within` found no certificate to check.
    NoCertificateToCheck {
        paths: String,
    },
    // issue 13: split-json
    /// A CA certificate at NAME.pem that a leaf would replace.
    CaCertificateWouldBeReplaced {
        path: PathBuf,
    },
    /// A file split-json would replace with a certificate, CSR or bundle holds a key.
    WouldReplaceSecret {
        path: PathBuf,
    },
    /// A file split-json would write is a symbolic link (dangling or not).
    SplitTargetIsSymlink {
        path: PathBuf,
    },
    /// A file split-json would write is a directory, a FIFO, a device….
    SplitTargetNotAFile {
        path: PathBuf,
    },
    /// The lock file that keeps two split-json runs for one NAME apart.
    SplitLock {
        name: String,
        path: PathBuf,
        source: io::Error,
    },
    /// A key file and the new key that cannot be compared without opening a sealed key.
    KeyNotComparable {
        path: PathBuf,
    },
    /// NAME already has a key file in another format than the new key's.
    KeyFilesWouldMix {
        name: String,
        existing: PathBuf,
        new: PathBuf,
    },
    /// A new certificate whose public key is not that of NAME's key.
    CertificateForOtherKey {
        cert: PathBuf,
        key: PathBuf,
    },
    // issue 13: keys, validity, serials
    /// An RSA key (to sign with, or to issue a certificate for) whose public
    /// exponent is not 65537.
    RsaExponent {
        source: String,
        exponent: String,
    },
    /// Under `--strict`, a notBefore earlier than the issuing CA's.
    PredatesCa {
        requested: String,
        ca_not_before: String,
    },
    /// A requested validity that the issuing CA's validity does not overlap.
    OutsideCaValidity {
        source: String,
        not_before: String,
        not_after: String,
        ca_not_before: String,
        ca_not_after: String,
    },
    // issue 14: renewal
    /// `initca --key … --ca OLD`: OLD is not a self-signed root (an
    /// intermediate is renewed by its issuer, with `renew`).
    RenewRootNotSelfSigned {
        source: String,
    },
    /// A key given for a certificate (`initca --key`, `renew --key`) that is
    /// not the certificate's key.
    KeyNotForCertificate {
        key: String,
        cert: String,
    },
    /// `renew` of a certificate that is not a CA under a CA profile, which
    /// would make it one.
    RenewLeafUnderCaProfile {
        cert: String,
        profile: String,
    },
    // issue 14: re-runs and pipes
    /// JSON output (cfssl's or certsmith's) given to sign, with no `csr` in it.
    OutputWithoutCsr {
        source: String,
    },
    /// JSON output whose plaintext `key` is not the key of its `csr`.
    KeyNotForCsr {
        source: String,
    },
    /// `sign --key` given a certificate request rather than a CSR JSON.
    KeyGivenForCsr {
        source: String,
    },
    /// `split-json --rekey` would replace the key of a CA certificate.
    RekeyCaKey {
        key: PathBuf,
        cert: PathBuf,
    },
    /// `split-json --rekey` beside a certificate that is not the old key's.
    RekeyCannotTell {
        key: PathBuf,
        cert: PathBuf,
    },
    /// `split-json --rekey` would replace a key, and the output has no certificate.
    RekeyWithoutCertificate {
        name: String,
    },
    // issue 14: flags
    /// Under `--strict`, a certificate for TLS servers (a leaf profile with
    /// `server auth`) that would have no DNS name or IP address.
    ServerWithoutSan {
        profile: String,
    },
    // issue 14: key files and passphrases
    /// `key encrypt/decrypt -o FILE` where FILE exists and --force was not given.
    KeyOutputExists {
        path: PathBuf,
    },
    /// `key … -o FILE` where FILE is a symbolic link (followed or replaced, it
    /// would put a secret somewhere the command line does not say).
    OutputIsSymlink {
        path: PathBuf,
    },
    /// A passphrase to seal with that is shorter than `min` characters.
    WeakPassphrase {
        min: usize,
    },

    // issue 14: docs and first contact
    /// The CSR JSON named on the command line does not exist (yet).
    CsrJsonMissing {
        path: PathBuf,
    },
    /// The `--config` file does not exist (yet).
    ConfigMissing {
        path: PathBuf,
    },
    // issue 14: messages
    /// PEM that cannot be read as PEM: bad base64, a block cut short before
    /// its END line, mismatched BEGIN and END labels.
    BrokenPem {
        source: String,
        problem: String,
    },
    /// PEM where JSON is read (a CSR piped to split-json, a CSR as
    /// `--config`): `label` is the first block's, when it can be quoted.
    PemNotJson {
        source: String,
        label: Option<String>,
    },
    /// A DER file where JSON is read: `kind` is what it is, when known.
    DerNotJson {
        source: String,
        kind: Option<&'static str>,
    },
    /// An auth key named `env:VAR` whose variable is not set.
    AuthKeyVariableUnset {
        var: String,
    },
    /// split-json's NAME has a directory part with a file (not a directory) in it.
    NotADirectory {
        path: PathBuf,
        name: String,
    },
    /// split-json's NAME has a directory part that could not be made.
    MakeDirectory {
        path: PathBuf,
        source: io::Error,
    },
    /// A signer that does not serve `sign` (multirootca serves only `authsign`).
    SignNotServed {
        url: String,
        answer: String,
    },
    /// Plain HTTP sent to a signer that speaks HTTPS (a bare `host:port` means http://).
    PlainHttpToHttps {
        url: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Error::*;
        match self {
            In { source, error } => write!(f, "{source}: {error}"),
            ReadFile { path, source } => {
                write!(f, "cannot read {}: {}", path.display(), io_reason(source))
            }
            WriteFile { path, source } => {
                write!(f, "cannot write {}: {}", path.display(), io_reason(source))
            }
            ReadStdin { source } => write!(f, "cannot read standard input: {}", io_reason(source)),

            Json { source, message } => write!(f, "{source}: invalid JSON: {message}"),
            JsonField {
                source,
                field,
                expected,
            } if field.is_empty() => write!(f, "{source}: the document must be {expected}"),
            JsonField {
                source,
                field,
                expected,
            } => write!(f, "{source}: `{field}` must be {expected}"),
            InvalidDuration {
                source,
                field,
                value,
                reason,
            } => {
                write!(
                    f,
                    "{source}: `{field}` is not a duration: \"{value}\": {reason}"
                )
            }
            InvalidTime {
                source,
                field,
                value,
            } => {
                write!(
                    f,
                    "{source}: `{field}` is not an RFC 3339 time: \"{value}\""
                )
            }
            InvalidKeySpec { source, reason } => write!(f, "{source}: invalid `key`: {reason}"),
            UnknownUsage { profile, usage } => {
                write!(f, "profile `{profile}`: unknown usage \"{usage}\"")
            }
            InvalidRegex {
                profile,
                pattern,
                reason,
            } => {
                write!(
                    f,
                    "profile `{profile}`: name_whitelist \"{pattern}\" is not a valid regular expression: {reason}"
                )
            }
            InvalidPolicy { profile, reason } => {
                write!(f, "profile `{profile}`: invalid policies: {reason}")
            }

            UnknownProfile { name, known } => {
                write!(
                    f,
                    "unknown profile \"{name}\" (known profiles: {})",
                    known.join(", ")
                )
            }
            ProfileWithoutExpiry { profile } => write!(f, "profile `{profile}` has no expiry"),
            RemoteProfile { profile } => write!(
                f,
                "profile `{profile}` signs through a remote server, which this build cannot do locally"
            ),
            CaProfileWithoutCertSign { profile } => {
                write!(
                    f,
                    "profile `{profile}` makes CA certificates but lacks the usage \"cert sign\""
                )
            }
            CertSignInLeafProfile { profile } => write!(
                f,
                "profile `{profile}` asks for \"cert sign\" but is not a CA profile (no ca_constraint.is_ca)"
            ),
            InitcaNeedsCaProfile { profile } => {
                write!(
                    f,
                    "profile `{profile}` is not a CA profile; initca makes a CA certificate"
                )
            }

            InvalidHost { value, reason } => write!(f, "invalid host \"{value}\": {reason}"),
            SubjectValue {
                field,
                value,
                reason,
            } => write!(f, "subject {field} \"{value}\": {reason}"),
            EmptyIdentity => write!(f, "the request names nobody: no CN, no names and no hosts"),
            NameNotAllowed {
                name,
                profile,
                pattern,
            } => write!(
                f,
                "name \"{name}\" is not allowed by profile `{profile}` (name_whitelist \"{pattern}\")"
            ),

            NoPrivateKey { source } => write!(f, "{source}: no private key found"),
            KeyParse { source, reason } => write!(f, "{source}: cannot read private key: {reason}"),
            EncryptedPemKey { source } => write!(f, "{source}: the private key is PEM-encrypted"),
            UnsupportedKey { source, what } => write!(f, "{source}: unsupported key: {what}"),
            KeyGeneration { what } => write!(f, "cannot generate {what} key"),
            Sign { reason } => write!(f, "signing failed: {reason}"),

            NoPemObject { source, expected } => write!(f, "{source}: no {expected} found"),
            WrongKind {
                source,
                found,
                expected,
            } => write!(f, "{source} holds {found}, not a {expected}"),
            CertificateParse { source, reason } => {
                write!(f, "{source}: not a valid certificate: {reason}")
            }
            CsrParse { source, reason } => {
                write!(f, "{source}: not a valid certificate request: {reason}")
            }
            CsrSignature { source } => write!(
                f,
                "{source}: the certificate request's signature does not verify"
            ),
            UnsupportedSignatureAlgorithm { source, oid } => {
                write!(f, "{source}: unsupported signature algorithm {oid}")
            }
            NotACa { source, reason } => write!(f, "{source}: not a CA certificate: {reason}"),
            CaKeyMismatch { cert, key } => {
                write!(f, "CA key {key} does not match CA certificate {cert}")
            }
            CaExpired { source, not_after } => {
                write!(f, "CA certificate {source} expired on {not_after}")
            }
            CaRequestUnderLeafProfile { profile } => write!(
                f,
                "the request asks for a CA certificate but profile `{profile}` is not a CA profile"
            ),
            PathLenExhausted { source } => write!(
                f,
                "CA certificate {source} has pathlen 0 and cannot issue CA certificates"
            ),
            EmptyValidity {
                not_before,
                not_after,
            } => {
                write!(
                    f,
                    "empty validity: notBefore {not_before} is not before notAfter {not_after}"
                )
            }
            OutlivesCa {
                requested,
                ca_not_after,
            } => write!(
                f,
                "notAfter {requested} would outlive the CA (notAfter {ca_not_after}) and --strict is set"
            ),

            RequestFailed { messages } => {
                if messages.is_empty() {
                    write!(f, "request failed (the response carries no error message)")
                } else {
                    write!(f, "request failed: {}", messages.join("; "))
                }
            }
            EmptyInput { source } => write!(f, "{source} is empty: nothing to split"),
            NothingToSplit { source } => write!(
                f,
                "{source}: no cert, key, csr, bundle or ocspResponse to write"
            ),
            InvalidNameConstraint {
                profile,
                value,
                reason,
            } => {
                write!(
                    f,
                    "profile `{profile}`: invalid name constraint \"{value}\": {reason}"
                )
            }
            NameConstraintViolation {
                name,
                constraint,
                ca,
            } => {
                write!(
                    f,
                    "name \"{name}\" violates the name constraints of {ca}: {constraint}"
                )
            }
            Ledger { path, line, reason } => write!(f, "{}: line {line}: {reason}", path.display()),
            LedgerIo { path, source } => {
                write!(f, "ledger {}: {}", path.display(), io_reason(source))
            }
            InvalidSerial { value } => match crate::x509::certificate::Serial::parse(value) {
                // Why, in the parser's words (issue 13: 0 and negatives named as such).
                Err(problem) => write!(f, "invalid serial \"{value}\": {problem}"),
                Ok(_) => write!(
                    f,
                    "invalid serial \"{value}\": expected at most 20 octets of hexadecimal digits, as openssl prints them"
                ),
            },
            UnknownReason { value } => write!(f, "unknown revocation reason \"{value}\""),
            RevokedFile { path, line, reason } => {
                write!(f, "{}: line {line}: {reason}", path.display())
            }
            NotIssuedByCa { cert, ca } => write!(f, "{cert} was not issued by {ca}"),
            ChainIncomplete { cert, reason } => write!(f, "no complete chain for {cert}: {reason}"),
            NotFederable { source, reason } => {
                write!(f, "{source}: not a federable root: {reason}")
            }
            NoPkiObject { source } => write!(
                f,
                "{source}: no certificate, CSR, key, public key or CRL found"
            ),
            MissingCa { profile } => write!(
                f,
                "profile `{profile}` signs locally: --ca and --ca-key are needed"
            ),
            RemoteUrl { value } => write!(
                f,
                "\"{value}\" is not a signer address (https://host:port, http://host:port or host:port)"
            ),
            InvalidAuthKey { reason } => write!(f, "invalid auth key: {reason}"),
            RemoteUnreachable { attempts } => {
                write!(f, "no remote answered: {}", attempts.join("; "))
            }
            RemoteTls { url, reason } => write!(f, "{url}: TLS failed: {reason}"),
            RemoteFailed {
                url,
                status,
                messages,
            } => {
                write!(
                    f,
                    "{url}: HTTP {status}: {}",
                    if messages.is_empty() {
                        "no error message".to_string()
                    } else {
                        messages.join("; ")
                    }
                )
            }
            RemoteResponse { url, reason } => write!(f, "{url}: {reason}"),
            RemoteKeyMismatch { url } => write!(
                f,
                "{url}: the server returned a certificate for a different key"
            ),
            InvalidRecipient { value, reason } => {
                write!(f, "invalid recipient \"{value}\": {reason}")
            }
            Seal { reason } => write!(f, "cannot seal the key: {reason}"),
            Unseal { source, reason } => {
                write!(f, "{source}: cannot open the sealed key: {reason}")
            }
            SealedKeyLocked { source } => write!(
                f,
                "{source}: the key is age-encrypted and no identity was given"
            ),
            WrongIdentity { source } => {
                write!(f, "{source}: no identity given can decrypt this key")
            }
            WrongPassphrase { source } => write!(f, "{source}: wrong passphrase"),
            IdentityFile { source, reason } => {
                write!(f, "{source}: cannot read identities: {reason}")
            }
            NoPassphraseSource { what } => write!(
                f,
                "a passphrase is needed for {what} but there is no terminal to ask on"
            ),
            PassphraseMismatch => write!(f, "the passphrases did not match"),
            NoSealGiven => write!(f, "nothing to seal the key to"),
            EmptyPassphrase => write!(f, "the passphrase is empty"),
            SecretToTerminal => write!(f, "refusing to print a private key on a terminal"),
            EmptyBaseName { name } => write!(f, "NAME \"{name}\" has no base name for the files"),
            BackdateTooFar { not_before } => write!(
                f,
                "notBefore would be {not_before}: certificates cannot start before 1970"
            ),
            SecretOnCommandLine { option } => write!(
                f,
                "{option}: refusing a key typed on the command line, where ps and shell history show it"
            ),
            IdentityExists { path } => write!(
                f,
                "{} already exists; refusing to replace an identity",
                path.display()
            ),
            KeyFileHoldsOtherKey { path } => {
                write!(
                    f,
                    "{} already holds a different private key; refusing to replace it",
                    path.display()
                )
            }
            KeyFileUnreadable { path, reason } => write!(
                f,
                "{} exists and is not a private key certsmith can compare ({reason}); refusing to replace it",
                path.display()
            ),
            // issue 13: ledger and revocation
            SerialNotRevocable {
                cert,
                serial,
                reason,
            } => write!(
                f,
                "{cert}: serial {serial} cannot be revoked by a CRL: it is {reason}"
            ),
            SerialNotIssued { serial, ledger, ca } => write!(
                f,
                "serial {serial} is not recorded in {} as issued by {ca}",
                ledger.display()
            ),
            RequestForTheCasKey { source, ca } => write!(
                f,
                "{source} is for the key of the CA {ca}: a certificate it issues never carries its own key"
            ),
            SubjectValueInRequest {
                source,
                field,
                value,
            } => write!(
                f,
                "{source}: subject attribute {field} \"{value}\" holds a control character or a bidirectional override"
            ),
            NoCertificateToCheck { paths } => write!(f, "no certificate to check in {paths}"),
            // issue 13: split-json
            CaCertificateWouldBeReplaced { path } => write!(
                f,
                "{} is a CA certificate, and the new one is not; refusing to replace it",
                path.display()
            ),
            WouldReplaceSecret { path } => write!(
                f,
                "{} holds a private key; refusing to replace it with a certificate or request",
                path.display()
            ),
            SplitTargetIsSymlink { path } => write!(
                f,
                "{} is a symbolic link; refusing to replace it",
                path.display()
            ),
            SplitTargetNotAFile { path } => write!(
                f,
                "{} exists and is not a regular file; refusing to replace it",
                path.display()
            ),
            SplitLock { name, path, source } => write!(
                f,
                "cannot lock {name} for writing ({}): {}",
                path.display(),
                io_reason(source)
            ),
            KeyNotComparable { path } => write!(
                f,
                "{} cannot be compared with the new key without opening a sealed key; refusing to replace it",
                path.display()
            ),
            KeyFilesWouldMix {
                name,
                existing,
                new,
            } => write!(
                f,
                "{} already holds a key for {name}; refusing to write {} beside it",
                existing.display(),
                new.display()
            ),
            CertificateForOtherKey { cert, key } => write!(
                f,
                "the new {} is not for the key in {}; refusing to write it",
                cert.display(),
                key.display()
            ),
            // issue 13: keys, validity, serials
            RsaExponent { source, exponent } => write!(
                f,
                "{source}: RSA public exponent {exponent} is refused: certsmith signs only with and for RSA keys whose exponent is 65537"
            ),
            PredatesCa {
                requested,
                ca_not_before,
            } => write!(
                f,
                "notBefore {requested} would precede the CA's notBefore {ca_not_before} and --strict is set"
            ),
            OutsideCaValidity {
                source,
                not_before,
                not_after,
                ca_not_before,
                ca_not_after,
            } => write!(
                f,
                "CA certificate {source} is valid from {ca_not_before} to {ca_not_after}, which leaves nothing of the requested validity {not_before} to {not_after}"
            ),
            // issue 14: renewal
            RenewRootNotSelfSigned { source } => write!(
                f,
                "{source} is not a self-signed root: initca --key renews a root with its own key"
            ),
            KeyNotForCertificate { key, cert } => write!(
                f,
                "{key} is not the key of {cert}: their public keys differ"
            ),
            RenewLeafUnderCaProfile { cert, profile } => write!(
                f,
                "{cert} is not a CA certificate, and profile `{profile}` would make it one"
            ),
            // issue 14: re-runs and pipes
            OutputWithoutCsr { source } => write!(
                f,
                "{source} is certsmith or cfssl output without a `csr`: nothing to sign"
            ),
            KeyNotForCsr { source } => {
                write!(f, "{source}: `key` is not the private key of `csr`")
            }
            KeyGivenForCsr { source } => write!(
                f,
                "{source} is already a certificate request: --key makes one only from a CSR JSON"
            ),
            RekeyCaKey { key, cert } => write!(
                f,
                "--rekey never replaces a CA key ({} belongs to the CA certificate {}); use --force to replace it anyway",
                key.display(),
                cert.display()
            ),
            RekeyCannotTell { key, cert } => write!(
                f,
                "cannot tell whether {} is a CA key: {} is not its certificate; refusing to replace it",
                key.display(),
                cert.display()
            ),
            RekeyWithoutCertificate { name } => write!(
                f,
                "--rekey replaces the key of {name} only together with a certificate for the new key, and the output has none"
            ),
            // issue 14: flags
            ServerWithoutSan { profile } => write!(
                f,
                "profile `{profile}` makes TLS server certificates, and this one would have no DNS name or IP address (no \"hosts\") and --strict is set"
            ),
            // issue 14: key files and passphrases
            KeyOutputExists { path } => write!(
                f,
                "{} already exists; refusing to replace it",
                path.display()
            ),
            OutputIsSymlink { path } => write!(
                f,
                "{} is a symbolic link; refusing to write a secret through or over it",
                path.display()
            ),
            WeakPassphrase { min } => write!(
                f,
                "the passphrase is shorter than {min} characters; refusing to seal with it"
            ),
            // issue 14: docs and first contact
            CsrJsonMissing { path } | ConfigMissing { path } => {
                write!(
                    f,
                    "cannot read {}: no such file or directory",
                    path.display()
                )
            }
            // issue 14: messages
            BrokenPem { source, problem } => write!(f, "{source}: broken PEM: {problem}"),
            PemNotJson {
                source,
                label: Some(label),
            } => write!(
                f,
                "{source} holds PEM ({} {label}), not JSON",
                article(label)
            ),
            PemNotJson {
                source,
                label: None,
            } => write!(f, "{source} holds PEM, not JSON"),
            DerNotJson {
                source,
                kind: Some(kind),
            } => write!(f, "{source} holds DER ({kind}), not JSON"),
            DerNotJson { source, kind: None } => write!(f, "{source} holds DER, not JSON"),
            AuthKeyVariableUnset { var } => write!(
                f,
                "auth key env:{var}: the environment variable {var} is not set"
            ),
            NotADirectory { path, name } => write!(
                f,
                "{} is not a directory: cannot write the files of {name} under it",
                path.display()
            ),
            MakeDirectory { path, source } => write!(
                f,
                "cannot make directory {}: {}",
                path.display(),
                io_reason(source)
            ),
            SignNotServed { url, answer } => write!(
                f,
                "{url}: HTTP 404: the signer does not serve sign (it answered \"{answer}\")"
            ),
            PlainHttpToHttps { url } => write!(
                f,
                "{url}: the signer speaks HTTPS, and the request went as plain HTTP"
            ),
        }
    }
}

impl Error {
    /// A next step for the person who hit the error, when there is a useful one.
    pub fn hint(&self) -> Option<String> {
        use Error::*;
        Some(match self {
            In { error, .. } => return error.hint(),
            UnknownProfile { .. } => "pass --profile with one of the known names, or --config with a file that defines it".into(),
            UnknownUsage { .. } => "usages are cfssl's strings, e.g. \"digital signature\", \"key encipherment\", \"server auth\", \"client auth\", \"cert sign\"".into(),
            InvalidDuration { .. } => "use Go duration syntax such as \"8760h\" or \"1h30m\" (certsmith also accepts \"365d\" and \"1y\")".into(),
            InvalidTime { .. } => "use a time such as \"2030-01-01T00:00:00Z\"".into(),
            InvalidHost { .. } => "hosts are DNS names, IP addresses, email addresses or URIs; non-ASCII names go in their xn-- form".into(),
            EncryptedPemKey { .. } => "decrypt it first (openssl pkey -in KEY -out plain.pem), or seal CA keys with age instead".into(),
            CaKeyMismatch { .. } => "check that --ca and --ca-key come from the same initca run".into(),
            CaRequestUnderLeafProfile { .. } | CaProfileWithoutCertSign { .. } => {
                "sign CA requests with a profile that has \"ca_constraint\": {\"is_ca\": true} and the usages \"cert sign\", \"crl sign\"".into()
            }
            InitcaNeedsCaProfile { .. } => "omit --profile, or name a profile with \"ca_constraint\": {\"is_ca\": true}".into(),
            NotACa { .. } => "--ca must be the issuing CA's certificate, not a leaf".into(),
            KeyFileHoldsOtherKey { .. } | KeyFileUnreadable { .. } => "move the old key away first, or pass --force to replace it".into(),
            NameNotAllowed { .. } => "change the request's CN/hosts, or use a profile whose name_whitelist allows the name".into(),
            ProfileWithoutExpiry { .. } => "add \"expiry\": \"8760h\" (or not_after) to the profile".into(),
            EmptyIdentity => "give the request a \"CN\" or \"hosts\" (or pass --hostname)".into(),
            SealedKeyLocked { .. } | WrongIdentity { .. } => "pass the custodian's identity with -i/--identity FILE".into(),
            WrongPassphrase { .. } | NoPassphraseSource { .. } | EmptyPassphrase => {
                "pass --passphrase-file FILE (or -), or set CERTSMITH_PASSPHRASE".into()
            }
            InvalidRecipient { .. } => "recipients are age1… keys (certsmith key identity, age-keygen) or ssh-ed25519/ssh-rsa public keys".into(),
            NoSealGiven => "pass -r RECIPIENT, -R FILE or -p".into(),
            MissingCa { .. } => "pass --ca CA_CERT --ca-key CA_KEY, or a profile with remote/auth_remote".into(),
            // A fatal alert from the server means it refused our client certificate.
            RemoteTls { reason, .. } if reason.contains("alert") => {
                "the signer refused the client certificate: pass --client-cert/--client-key from a CA it trusts".into()
            }
            RemoteTls { .. } => "pass the signer's CA with --tls-remote-ca FILE".into(),
            RemoteUnreachable { .. } => "check the address and that the signer runs (cfssl serve, multirootca)".into(),
            InvalidAuthKey { .. } => "an auth key is hex digits, as in cfssl's auth_keys: name a variable (env:VAR) or a file (file:PATH) that holds them".into(),
            NameConstraintViolation { .. } => "request a name inside the CA's permitted subtrees, or sign with a CA whose constraints allow it".into(),
            UnknownReason { .. } => "reasons: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn, aACompromise".into(),
            InvalidSerial { .. } => "e.g. --serial 5A3F… as `openssl x509 -noout -serial` prints it".into(),
            // A certificate for a key: split-json wrote its key beside it (issue 14).
            WrongKind {
                source,
                found: "a certificate",
                expected: "private key",
            } if source.ends_with(".pem") && !source.ends_with("-key.pem") => format!(
                "give the private key instead: split-json writes the key of {source} as {}-key.pem",
                source.strip_suffix(".pem").unwrap_or(source)
            ),
            WrongKind { source, .. } => format!("`certsmith inspect {source}` shows what it holds"),
            EmptyBaseName { .. } => "give a base name such as ca or certs/ca (writes ca.pem, ca-key.pem, ca.csr)".into(),
            BackdateTooFar { .. } => "use a shorter backdate (cfssl's default is 5m) or a later not_before".into(),
            SecretOnCommandLine { option } => format!("name it instead: {option} file:PATH (a file holding the hex) or {option} env:VAR"),
            SecretToTerminal => "pass -o FILE to write it to a file made 0600 (certsmith key decrypt -o key.pem KEY)".into(),
            IdentityExists { .. } => "choose another -o FILE, or pass --force to replace it".into(),
            EmptyInput { .. } => "if a command before the pipe failed, its error is above".into(),
            NothingToSplit { .. } => "pipe in the JSON printed by certsmith or cfssl (initca, genkey, sign, gencert, bundle)".into(),
            Json { .. } | JsonField { .. } => "cfssl's formats are described in the README (CSR JSON and config JSON)".into(),
            OutlivesCa { .. } => "shorten the profile's expiry, or drop --strict to clamp notAfter to the CA's".into(),
            // issue 13: ledger and revocation
            SerialNotRevocable { .. } => "no CRL can revoke it: stop trusting it by other means (remove it, or rotate the CA that issued it)".into(),
            SerialNotIssued { .. } => "check the serial (openssl x509 -noout -serial -in CERT); revoke by --cert FILE for a certificate this CA issued before the ledger existed, or pass --force if the serial is right but no file is left".into(),
            RequestForTheCasKey { .. } => "give the certificate its own key (sign without --key makes one), never the CA's".into(),
            NoCertificateToCheck { .. } => "name certificate files or directories that hold them (keys and CSRs have no expiry)".into(),
            // issue 13: split-json
            CaCertificateWouldBeReplaced { .. } => "split a leaf under its own NAME (never the CA's), or pass --force to replace it anyway".into(),
            WouldReplaceSecret { .. } => "choose a NAME whose files are not another NAME's key (the certificate of ca-key is ca-key.pem, the key of ca), or pass --force".into(),
            SplitTargetIsSymlink { .. } => "remove the link, or give NAME the directory it points into (split-json certs/ca)".into(),
            SplitTargetNotAFile { .. } => "move it away, or choose another NAME".into(),
            KeyNotComparable { .. } => "move the old key away first, or pass --force to replace it".into(),
            KeyFilesWouldMix { .. } => "split the new output under another NAME, or pass --force to write it beside the old key".into(),
            CertificateForOtherKey { .. } => "split it under another NAME, or pass --force to write it anyway".into(),
            // issue 13: keys, validity, serials
            RsaExponent { .. } => "make a new key with exponent 65537 (certsmith genkey, or openssl genrsa without -3)".into(),
            PredatesCa { .. } => "sign once the CA is valid, or drop --strict to clamp notBefore to the CA's".into(),
            OutsideCaValidity { .. } => "sign with a profile whose validity (backdate, expiry, not_before, not_after) overlaps the CA's".into(),
            // issue 14: renewal
            RenewRootNotSelfSigned { source } => format!("renew an intermediate under its issuer: certsmith renew --ca ISSUER.pem --ca-key ISSUER-KEY --profile intermediate {source}"),
            KeyNotForCertificate { cert, .. } => format!("pass the private key that {cert} was issued for"),
            RenewLeafUnderCaProfile { .. } => "renew it under the leaf profile it was issued with (--profile server, client, …)".into(),
            // issue 14: re-runs and pipes
            OutputWithoutCsr { .. } => "pipe in what genkey or csr print (certsmith csr --key KEY --from-cert CERT | certsmith sign …)".into(),
            KeyNotForCsr { .. } => "pipe in the output of one genkey or csr run as it was printed".into(),
            KeyGivenForCsr { .. } => "sign the request as it is without --key, or give --key the CSR JSON to make the request from".into(),
            RekeyCannotTell { .. } => "move the old files away first, or pass --force to replace the key anyway".into(),
            RekeyWithoutCertificate { .. } => "split the output of sign or gencert, which carries the certificate with the new key".into(),
            // issue 14: flags
            ServerWithoutSan { .. } => "add \"hosts\" to the CSR JSON or pass --hostname a.example.com,10.0.0.1 (clients never match the CN)".into(),
            // issue 14: key files and passphrases
            KeyOutputExists { .. } => "choose another -o FILE, or pass --force to replace it".into(),
            OutputIsSymlink { .. } => "remove the link, or give -o the path of a regular file".into(),
            WeakPassphrase { .. } => "choose a longer one (four or more random words), or pass --allow-weak-passphrase".into(),
            // issue 14: docs and first contact
            CsrJsonMissing { path } => format!("`certsmith print-defaults csr > {}` makes a starter CSR JSON", shell_word(path)),
            ConfigMissing { path } => format!(
                "`certsmith print-defaults config > {}` makes a starter config (without --config, the built-in profiles sign)",
                shell_word(path)
            ),
            // issue 14: messages
            BrokenPem { .. } => "the file was cut short or altered on its way: copy it again from where it came from".into(),
            PemNotJson { .. } | DerNotJson { .. } => "here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign".into(),
            AuthKeyVariableUnset { var } => format!("set {var} to the key in hex (export {var}=…), or name a file that holds it: file:PATH"),
            NotADirectory { .. } => "move it away, or choose a NAME in another directory".into(),
            SignNotServed { .. } => "multirootca serves only authsign: pass --auth-key env:VAR or file:PATH (or give the profile an auth_key)".into(),
            PlainHttpToHttps { url } => format!("use {}", url.replacen("http://", "https://", 1)),
            _ => return None,
        })
    }
}

/// A path as a shell takes it in a command the hint suggests: quoted when
/// it holds anything but the characters file names are usually made of.
fn shell_word(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "._-/+:@,%=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// "a" or "an" before a PEM label, as it is read aloud: "an EC PRIVATE KEY",
/// "an RSA PRIVATE KEY", "an X509 CRL", "a CERTIFICATE REQUEST".
fn article(label: &str) -> &'static str {
    let word = label.split(' ').next().unwrap_or_default();
    let vowel_sound = word.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u'])
        || matches!(word, "RSA" | "X509" | "SSH2");
    if vowel_sound { "an" } else { "a" }
}

/// io::Error's Display adds "(os error 2)"; people want just the reason.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::AlreadyExists => "file exists".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}

impl std::error::Error for Error {}
