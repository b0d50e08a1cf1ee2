//! What each error says: one line, lowercase, the offending value quoted.
//! The binary may add a flag name to a message (src/cli/hint.rs); what is
//! here is true for any caller of the library.

use std::fmt;
use std::io;

use super::Error;

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
            CrossSignNeedsCaProfile { profile } => write!(
                f,
                "profile `{profile}` is not a CA profile; cross-sign makes a CA certificate"
            ),

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
            PublicKeyParse { source, reason } => {
                write!(f, "{source}: not a valid public key: {reason}")
            }
            EncryptedPemKey { source } => write!(f, "{source}: the private key is PEM-encrypted"),
            UnsupportedKey { source, what } => write!(f, "{source}: unsupported key: {what}"),
            KeyGeneration { what } => write!(f, "cannot generate {what} key"),
            Encoding { what, cause } => write!(f, "signing failed: encoding {what}: {cause}"),
            SelfSignedForOtherKey => write!(
                f,
                "signing failed: a self-signed certificate must be for the signing key"
            ),
            NoRandomness => write!(f, "signing failed: no randomness for the serial number"),
            TimeBefore1970 { time } => write!(f, "signing failed: time {time} is before 1970"),
            SignatureFailed { algorithm, what } => write!(f, "signing failed: {algorithm} {what}"),
            SignatureDoesNotVerify { signer } => write!(
                f,
                "signing failed: the signature made with {signer} does not verify with the issuer's public key"
            ),

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
            CrlParse { source, reason } => write!(f, "{source}: not a valid CRL: {reason}"),
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
                "notAfter {requested} would outlive the CA (notAfter {ca_not_after})"
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
                "profile `{profile}` signs locally: the CA's certificate and key are needed"
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
            Unseal { source, reason, .. } => {
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
                "notBefore {requested} would precede the CA's notBefore {ca_not_before}"
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
                "{source} is not a self-signed root: only a root is renewed with its own key"
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
                "{source} is already a certificate request: a key makes one only from a CSR JSON"
            ),
            RekeyCaKey { key, cert } => write!(
                f,
                "rekeying never replaces a CA key ({} belongs to the CA certificate {})",
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
                "rekeying replaces the key of {name} only together with a certificate for the new key, and the output has none"
            ),
            // issue 14: flags
            ServerWithoutSan { profile } => write!(
                f,
                "profile `{profile}` makes TLS server certificates, and this one would have no DNS name or IP address (no \"hosts\")"
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
            Pkcs11(error) => error.fmt(f),
            Vault(error) => error.fmt(f),
            // issue 18: batch
            BatchRemoteProfile { profile } => write!(
                f,
                "profile `{profile}` signs through a remote server, and a batch signs only with a CA key at hand"
            ),
            BatchNameInvalid {
                source,
                name,
                problem,
            } => write!(f, "{source}: name \"{name}\" cannot name files: {problem}"),
            BatchNameTaken {
                source,
                name,
                first,
            } => write!(f, "{source}: name \"{name}\" is taken by {first}"),
            BatchFileTaken {
                source,
                name,
                first,
                first_name,
            } => {
                let file = if name.len() > first_name.len() {
                    name
                } else {
                    first_name
                };
                write!(
                    f,
                    "{source}: name \"{name}\" would write {file}.pem, which {first} (name \"{first_name}\") writes"
                )
            }
            BatchNameMissing { source } => {
                write!(f, "{source}: no \"name\" to write its files under")
            }
            BatchTargetExists { path } => write!(
                f,
                "{} exists, and a batch never replaces a file",
                path.display()
            ),
            BatchLineTooLong { line, limit } => write!(
                f,
                "stdin line {line}: longer than {limit} bytes, the most a batch reads as one request"
            ),
            BatchNoInput { inputs } => write!(f, "no request to sign in {inputs}"),
            BatchIncomplete {
                issued,
                total,
                refused,
                undelivered,
            } => {
                let certificates = if *total == 1 {
                    "certificate"
                } else {
                    "certificates"
                };
                write!(f, "issued {issued} of {total} {certificates}")?;
                if *refused > 0 {
                    let inputs = if *refused == 1 { "input" } else { "inputs" };
                    write!(f, "; {refused} {inputs} refused")?;
                }
                if *undelivered > 0 {
                    write!(f, "; {undelivered} signed but not handed out")?;
                }
                Ok(())
            }
            // issue 19: exports (DER, PKCS#12, Kubernetes)
            BinaryToTerminal { what } => {
                write!(f, "refusing to print {what} in DER (binary) on a terminal")
            }
            SeveralObjectsForDer { path, count } => {
                write!(f, "{path} holds {count} objects, and a DER file holds one")
            }
            SealedKeyNotExportable { path, format } => write!(
                f,
                "{path} is an age-sealed key; refusing to write it unsealed as {format}"
            ),
            Pkcs11KeyNotExportable { uri } => write!(
                f,
                "{uri} is a key in a PKCS#11 token, whose private half never leaves it"
            ),
            NotOnlyCertificates { path, label } => write!(
                f,
                "{path} holds a {label} block besides certificates; refusing to copy it where certificates go"
            ),
            OutputNotRegular { path } => write!(
                f,
                "{} exists and is not a regular file (a device, a FIFO or a socket); refusing to replace it",
                path.display()
            ),
            InputTooLarge { source, limit } => {
                let size = if *limit >= 1 << 20 {
                    format!("{} MiB", limit >> 20)
                } else {
                    format!("{} KiB", limit >> 10)
                };
                write!(
                    f,
                    "{source} is larger than {size}; refusing to read more of it"
                )
            }
            PassphraseNotText { source } => write!(
                f,
                "the passphrase in {source} is not UTF-8 text (or holds a NUL byte)"
            ),
            ChainOutOfOrder { path, index } => write!(
                f,
                "{path}: certificate {index} did not sign the certificate before it; a chain goes from the leaf's issuer up to the root"
            ),
            // issue 19: PKCS#12
            Pkcs12(error) => write!(f, "{error}"),
            // issue 19: Kubernetes Secret and kubeconfig
            Kube(error) => error.fmt(f),
            // issue 20: CA keys sealed to a quorum
            Quorum(error) => error.fmt(f),
        }
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
