//! Every way an operation can fail, each with the file or value that caused
//! it. The messages (display.rs) follow x509-parser's style: lowercase, no
//! trailing period, the offending value quoted. They never name a flag or an
//! environment variable: the binary adds those, and the hints for the next
//! thing to try (src/cli/hint.rs), since a library caller has neither.

mod display;
pub(crate) mod kube;
pub(crate) mod pkcs11;
pub(crate) mod pkcs12;
pub(crate) mod quorum;
mod source;
pub(crate) mod vault;

use std::io;
use std::path::PathBuf;

use crate::keys::KeyAlgorithm;

pub use kube::KubeError;
pub use pkcs11::{PinTries, Pkcs11Error, UriProblem};
pub use pkcs12::Pkcs12Error;
pub use quorum::QuorumError;
pub use vault::VaultError;

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
#[non_exhaustive]
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
    CrossSignNeedsCaProfile {
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
    /// A PUBLIC KEY (SubjectPublicKeyInfo) that cannot be read.
    PublicKeyParse {
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
    /// DER encoding of a certificate, request or CRL failed (`what` names it).
    Encoding {
        what: &'static str,
        cause: der::Error,
    },
    /// A self-signed certificate asked for a key other than the signing key.
    SelfSignedForOtherKey,
    /// The system random generator failed while making a serial number.
    NoRandomness,
    /// A time to encode in a certificate or CRL that is before 1970.
    TimeBefore1970 {
        time: String,
    },
    /// The signing key failed to sign (`what`: "RSA signature", "ECDSA signature").
    SignatureFailed {
        algorithm: KeyAlgorithm,
        what: &'static str,
    },
    /// A signature just made does not verify with the issuer's public key
    /// (a broken token or a key that is not the CA's): nothing is handed out.
    SignatureDoesNotVerify {
        signer: String,
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
    CrlParse {
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
    /// A sealed key that age cannot open; `reason` is the first line of `cause`.
    Unseal {
        source: String,
        reason: String,
        cause: Box<dyn std::error::Error + Send + Sync>,
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
    /// Revoking a certificate (by file) whose serial no CRL entry can name.
    SerialNotRevocable {
        cert: String,
        serial: String,
        reason: &'static str,
    },
    /// Revoking a serial the ledger does not record as issued.
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
    /// An expiry check (inspect's) found no certificate to check.
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
    /// Under strict checking, a notBefore earlier than the issuing CA's.
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
    /// Renewing a root with its own key (initca): `source` is not a
    /// self-signed root (an intermediate is renewed by its issuer, with `renew`).
    RenewRootNotSelfSigned {
        source: String,
    },
    /// A key given for a certificate (renewing with the same key) that is
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
    /// A key to make a request with, given a certificate request rather than a CSR JSON.
    KeyGivenForCsr {
        source: String,
    },
    /// split-json, rekeying, would replace the key of a CA certificate.
    RekeyCaKey {
        key: PathBuf,
        cert: PathBuf,
    },
    /// split-json, rekeying, beside a certificate that is not the old key's.
    RekeyCannotTell {
        key: PathBuf,
        cert: PathBuf,
    },
    /// split-json, rekeying, would replace a key, and the output has no certificate.
    RekeyWithoutCertificate {
        name: String,
    },
    // issue 14: flags
    /// Under strict checking, a certificate for TLS servers (a leaf profile with
    /// `server auth`) that would have no DNS name or IP address.
    ServerWithoutSan {
        profile: String,
    },
    // issue 14: key files and passphrases
    /// `key encrypt/decrypt -o FILE` where FILE exists and replacing it was not asked for.
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
    /// The config JSON named on the command line does not exist (yet).
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
    /// the config): `label` is the first block's, when it can be quoted.
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
    /// A CA key in a PKCS#11 token that cannot be reached or used (issue 16).
    Pkcs11(Pkcs11Error),
    /// Vault's or OpenBao's PKI engine refused or answered oddly (issue 17).
    Vault(VaultError),

    // issue 18: batch
    /// A batch under a profile that signs through a remote server: a batch
    /// signs only with a CA key at hand.
    BatchRemoteProfile {
        profile: String,
    },
    /// A batch input's name that cannot name its files: `problem` says why.
    BatchNameInvalid {
        source: String,
        name: String,
        problem: &'static str,
    },
    /// A batch input's name that an input before it has (`first` says where).
    BatchNameTaken {
        source: String,
        name: String,
        first: String,
    },
    /// A batch input whose files would include one of an input before it:
    /// `app-key.pem` is the key of `app` and the certificate of `app-key`
    /// (the file is the longer name's certificate).
    BatchFileTaken {
        source: String,
        name: String,
        first: String,
        first_name: String,
    },
    /// A stdin line without a name, where files are written for it.
    BatchNameMissing {
        source: String,
    },
    /// A file of a batch input's name that exists: a batch never replaces one.
    BatchTargetExists {
        path: PathBuf,
    },
    /// A stdin line longer than a batch reads as one request.
    BatchLineTooLong {
        line: u64,
        limit: usize,
    },
    /// Inputs that hold no request at all (an empty directory, empty stdin).
    BatchNoInput {
        inputs: String,
    },
    /// A batch that went on past refused inputs, or past certificates
    /// recorded in the ledger that could not be handed out (a file that
    /// appeared in the output directory): how many of all were issued.
    BatchIncomplete {
        issued: u64,
        total: u64,
        refused: u64,
        undelivered: u64,
    },

    // issue 19: exports (DER, PKCS#12, Kubernetes)
    /// DER (binary) for stdout, which is a terminal: it would garble the
    /// screen and help no one. `what` says what it is: "a CRL".
    BinaryToTerminal {
        what: &'static str,
    },
    /// A file of `count` objects where one is written as DER, which holds
    /// exactly one.
    SeveralObjectsForDer {
        path: String,
        count: usize,
    },
    /// An age-sealed key asked for as `format`, which holds it in
    /// plaintext: a plaintext copy is made on purpose (`key decrypt`), never
    /// on the way to another format.
    SealedKeyNotExportable {
        path: String,
        format: &'static str,
    },
    /// A key in a PKCS#11 token asked for as a file: its private half never
    /// leaves the token. `uri` has any PIN elided.
    Pkcs11KeyNotExportable {
        uri: String,
    },
    /// Certificate `index` (from 1) of the chain file `path` did not sign
    /// the certificate before it: a chain goes from the leaf's issuer up,
    /// the order Java, Windows and TLS peers take it in.
    ChainOutOfOrder {
        path: String,
        index: usize,
    },
    /// A file given as certificates, copied as it is (a Secret's `ca.crt`,
    /// a kubeconfig's `certificate-authority-data`), that holds a `label`
    /// block too: a key beside the certificates would be copied with them.
    NotOnlyCertificates {
        path: String,
        label: String,
    },
    /// An output that exists and is not a regular file (a device, a FIFO,
    /// a socket): `--force` replaces files, and renaming a key over
    /// `/dev/null` would leave the key there.
    OutputNotRegular {
        path: PathBuf,
    },
    /// An input larger than `limit` bytes: `/dev/zero` or an endless pipe
    /// given by mistake ends here, not in memory exhaustion.
    InputTooLarge {
        source: String,
        limit: u64,
    },
    /// A passphrase (file or environment variable `source`) that is not
    /// UTF-8 text, or holds a NUL: read leniently, two different byte
    /// strings would seal to one passphrase, and other tools would read
    /// another.
    PassphraseNotText {
        source: String,
    },
    // issue 19: PKCS#12
    /// A PKCS#12 file that cannot be made or opened (boxed: the enum stays small).
    Pkcs12(Box<Pkcs12Error>),
    // issue 19: Kubernetes Secret and kubeconfig
    /// A Kubernetes Secret or kubeconfig that cannot be written.
    Kube(KubeError),
    // issue 20: CA keys sealed to a quorum
    /// A key sealed to M of N custodians that cannot be sealed or opened
    /// (boxed: the enum stays small).
    Quorum(Box<QuorumError>),
}

impl From<VaultError> for Error {
    fn from(error: VaultError) -> Error {
        Error::Vault(error)
    }
}

// issue 19: PKCS#12
impl From<Pkcs12Error> for Error {
    fn from(error: Pkcs12Error) -> Error {
        Error::Pkcs12(Box::new(error))
    }
}

impl From<Pkcs11Error> for Error {
    fn from(error: Pkcs11Error) -> Error {
        Error::Pkcs11(error)
    }
}

impl From<KubeError> for Error {
    fn from(error: KubeError) -> Error {
        Error::Kube(error)
    }
}

// issue 20: CA keys sealed to a quorum
impl From<QuorumError> for Error {
    fn from(error: QuorumError) -> Error {
        Error::Quorum(Box::new(error))
    }
}
