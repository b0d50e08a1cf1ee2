//! What the user sees of an error: the library's message with the flag
//! names it leaves out (the library never names a flag or an environment
//! variable), and a hint for the next thing to try. Every text here is
//! pinned by tests/cli/error_messages.rs, which compiles this file on its
//! own: it uses nothing from the binary, only `certsmith::{Error, Note}` and
//! the PKCS#11 errors inside `Error`.

use certsmith::pkcs12::Pkcs12Error;
use certsmith::{Error, KubeError, Note, Pkcs11Error, QuorumError, UriProblem, VaultError};

/// The message after `error: `: the library's, and for a refusal that only a
/// flag causes or only a flag overrides, the flag's name.
pub fn message(err: &Error) -> String {
    use Error::*;
    match err {
        In { source, error } => format!("{source}: {}", message(error)),
        // Refused only under --strict; without it, the value is clamped (a note).
        OutlivesCa { .. } | PredatesCa { .. } | ServerWithoutSan { .. } => {
            format!("{err} and --strict is set")
        }
        MissingCa { profile } => {
            format!("profile `{profile}` signs locally: --ca and --ca-key are needed")
        }
        RenewRootNotSelfSigned { source } => {
            format!(
                "{source} is not a self-signed root: initca --key renews a root with its own key"
            )
        }
        KeyGivenForCsr { source } => format!(
            "{source} is already a certificate request: --key makes one only from a CSR JSON"
        ),
        RekeyCaKey { key, cert } => format!(
            "--rekey never replaces a CA key ({} belongs to the CA certificate {}); use --force to replace it anyway",
            key.display(),
            cert.display()
        ),
        RekeyWithoutCertificate { name } => format!(
            "--rekey replaces the key of {name} only together with a certificate for the new key, and the output has none"
        ),
        // issue 18: batch
        BatchRemoteProfile { profile } => format!(
            "profile `{profile}` signs through a remote server, and --batch signs only with --ca and --ca-key"
        ),
        BatchNameMissing { source } => {
            format!("{source}: no \"name\" to write its files under, which --out-dir needs")
        }
        _ => err.to_string(),
    }
}

/// A next step for the person who hit the error, when there is a useful one.
pub fn hint(err: &Error) -> Option<String> {
    use Error::*;
    Some(match err {
        In { error, .. } => return hint(error),
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
        InitcaNeedsCaProfile { .. } | CrossSignNeedsCaProfile { .. } => "omit --profile, or name a profile with \"ca_constraint\": {\"is_ca\": true}".into(),
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
        // remote.rs says so when the signer hung up during a handshake
        // that carried no client certificate.
        RemoteUnreachable { attempts } if attempts.iter().any(|a| a.contains("may require a client certificate")) => {
            "if the signer requires a client certificate, pass --client-cert and --client-key".into()
        }
        RemoteUnreachable { .. } => "check the address and that the server runs (cfssl serve, multirootca, or Vault/OpenBao)".into(),
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
        SecretOnCommandLine { option } => {
            let holding = if *option == "--auth-key" { "the hex" } else { "it" };
            format!("name it instead: {option} file:PATH (a file holding {holding}) or {option} env:VAR")
        }
        SecretToTerminal => "pass -o FILE to write it to a file made 0600, or pipe it on".into(),
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
        // issue 16: PKCS#11 tokens
        Pkcs11(error) => return pkcs11_hint(error),
        // issue 17: Vault and OpenBao
        Vault(error) => return vault_hint(error),
        // issue 18: batch
        BatchRemoteProfile { .. } => "pass --profile with a profile that signs here, or run `certsmith sign` once per request".into(),
        BatchNameInvalid { .. } => "a name is a file's base name, such as \"app\" for app.pem, app-key.pem and app.csr".into(),
        BatchNameTaken { .. } | BatchFileTaken { .. } => "give each input its own name (a stdin line's \"name\", or the file's name)".into(),
        BatchNameMissing { .. } => "add \"name\":\"…\" to each line, or leave out --out-dir to print JSON lines".into(),
        BatchTargetExists { .. } => "move it away first; sign | split-json NAME re-issues a certificate for the key NAME has".into(),
        BatchLineTooLong { .. } => "one request per line: a CSR JSON, or {\"name\":…,\"csr\":…} as genkey and csr print it".into(),
        BatchNoInput { .. } => "a batch reads CSR files (*.csr) and JSON files (*.json), directories of them, and JSON lines on stdin (-)".into(),
        // issue 19: exports (DER, PKCS#12, Kubernetes)
        BinaryToTerminal { what: "a CRL" } => "redirect it to a file: certsmith crl --der … > ca.crl".into(),
        BinaryToTerminal { .. } => "pass -o FILE, or redirect it to a file: certsmith export der ca.pem > ca.der".into(),
        SeveralObjectsForDer { .. } => "put each object in a file of its own and export that one; a chain goes as PEM (certsmith bundle --pem)".into(),
        SealedKeyNotExportable { path, format } => format!(
            "if {format} is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY {} | certsmith {}",
            shell_word(std::path::Path::new(path)),
            export_into(format)
        ),
        Pkcs11KeyNotExportable { .. } => "`certsmith key public URI` prints its public key; a key meant to leave as a file is made outside the token".into(),
        NotOnlyCertificates { .. } => "give a file of certificates only, such as split-json's NAME.pem or what certsmith bundle --pem prints".into(),
        OutputNotRegular { .. } => "give -o the path of a regular file (-o - is stdout)".into(),
        InputTooLarge { .. } => "check that it is the file meant: no certificate, key or CRL a PKI makes comes near that size".into(),
        PassphraseNotText { .. } => "write the passphrase as UTF-8 text; openssl, keytool and age read it so".into(),
        ChainOutOfOrder { .. } => "give the chain from the leaf's issuer up to the root, as certsmith bundle --pem prints it and split-json's NAME-bundle.pem holds it".into(),
        // issue 19: PKCS#12
        Pkcs12(error) => return pkcs12_hint(error),
        // issue 19: Kubernetes Secret and kubeconfig
        Kube(error) => return kube_hint(error),
        // issue 20: keys sealed to a quorum
        Quorum(error) => return quorum_hint(error),
        _ => return None,
    })
}

/// The export that takes a plaintext key on stdin into `format`, for the
/// hints on a sealed key refused by an export.
fn export_into(format: &str) -> &'static str {
    match format {
        "a PKCS#12 file" => "export p12 --key - …",
        "a Kubernetes Secret" => "export k8s-secret --key - …",
        "a kubeconfig" => "export kubeconfig --key - …",
        _ => "export der - > key.der",
    }
}

// issue 19: PKCS#12
/// Hints for a PKCS#12 file made or opened.
fn pkcs12_hint(err: &Pkcs12Error) -> Option<String> {
    use Pkcs12Error::*;
    const REEXPORT: &str = "openssl pkcs12 -in FILE -nodes | openssl pkcs12 -export -out NEW.p12";
    Some(match err {
        TooLarge { .. } => "a PKCS#12 file of a key and its chain is a few kilobytes: check that it is the file meant".into(),
        NotPkcs12 { reason, .. } if reason.starts_with("cut short") => "the file was cut short on its way: copy it again from where it came from".into(),
        NotPkcs12 { path, .. } => format!("`certsmith inspect {path}` shows what it holds"),
        WrongPassword { .. } | WrongPasswordOrDamaged { .. } => "give the file's password with --passphrase-file FILE (or -), CERTSMITH_PASSPHRASE or at the prompt; --no-password for the empty one".into(),
        UnsupportedAlgorithm { .. } => format!("re-export it with OpenSSL 3's defaults (PBES2, AES-256, a SHA-256 MAC): {REEXPORT}"),
        ExcessiveWork { .. } => format!("if the file comes from someone you trust, re-export it with OpenSSL 3's defaults: {REEXPORT}"),
        NoKey { .. } => "it holds certificates only (a trust store): openssl pkcs12 -in FILE -nokeys prints them".into(),
        SeveralKeys { .. } => "make a file of one entry first: keytool -importkeystore -srckeystore FILE -srcalias ALIAS -destkeystore ONE.p12".into(),
        NoCertificateForKey { .. } => "make the file again with the key's certificate in it (certsmith export p12 --cert CERT --key KEY)".into(),
        BadName { .. } => "name the entry with --name, in printable characters".into(),
        NotBmp { .. } => "leave out the characters beyond U+FFFF (emoji and the like), or name the entry with --name".into(),
        EmptyPassword => "pass --no-password for the empty password (the file is still encrypted), or give one with --passphrase-file FILE or CERTSMITH_PASSPHRASE".into(),
        WeakPassword { .. } => "choose a longer one (four or more random words), or pass --allow-weak-passphrase (as for Java's \"changeit\")".into(),
        ToTerminal { what } if what.contains("PKCS#12") => "name the file to write: -o FILE.p12 (made 0600)".into(),
        ToTerminal { .. } => "pipe it to split-json, which writes the key 0600 (certsmith import p12 FILE | certsmith split-json NAME), or seal the key with -r, -R or -p".into(),
        _ => return None,
    })
}

/// Hints for Vault's or OpenBao's PKI engine.
fn vault_hint(err: &VaultError) -> Option<String> {
    Some(match err {
        VaultError::Refused {
            path,
            status,
            messages,
        ..
        } => {
            let said = |words: &str| messages.iter().any(|m| m.contains(words));
            if (300..400).contains(status) {
                return Some("the server redirected (a standby node?): name the active node, or the cluster's address, in --vault; certsmith never follows a redirect with a token".into());
            }
            // v1/MOUNT/sign/ROLE: the mount and role to name in the hint.
            let (mount, role) = path
                .trim_start_matches("v1/")
                .rsplit_once("/sign")
                .map(|(mount, rest)| (mount, rest.rsplit('/').next().unwrap_or("ROLE")))
                .unwrap_or(("MOUNT", "ROLE"));
            if *status == 403 || said("permission denied") {
                format!("the token's policy must allow \"update\" on {} (bao token lookup shows its policies)", path.trim_start_matches("v1/"))
            } else if said("unknown role") || said("role not found") || said("no role found") {
                format!("list the mount's roles: bao list {mount}/roles")
            } else if said("not allowed by this role") || said("not allowed") {
                format!("the role's allowed_domains (with allow_subdomains, allow_ip_sans, allowed_uri_sans) decide which names it signs: bao read {mount}/roles/{role}")
            } else {
                return None;
            }
        }
        VaultError::BadAnswer { .. } => "check that --vault names the Vault or OpenBao API address (port 8200), not a cfssl signer or a proxy".into(),
        VaultError::EmptyCredential { .. } => "put the token (or AppRole id) in that variable or file".into(),
        VaultError::NoToken => "name the token: --token env:VAR or --token file:PATH, or set VAULT_TOKEN (or BAO_TOKEN); or log in with --approle-role-id and --approle-secret-id".into(),
        VaultError::PlainHttp { url } => format!("use {} (plain HTTP only to 127.0.0.1 or localhost, as for a dev server)", url.replacen("http://", "https://", 1)),
        VaultError::BadName { .. } => "name it as `bao secrets list` (mounts) or `bao list MOUNT/roles` (roles) shows it".into(),
        VaultError::BadSerial { .. } => "give the serial as openssl prints it: openssl x509 -noout -serial -in CERT".into(),
        _ => return None,
    })
}

/// Hints for a CA key in a PKCS#11 token.
fn pkcs11_hint(err: &Pkcs11Error) -> Option<String> {
    use UriProblem::*;
    Some(match err {
        Pkcs11Error::PinInUri { .. } => "name where it is instead: pin-source=file:PATH in the URI, --pin-file FILE, or CERTSMITH_PKCS11_PIN".into(),
        Pkcs11Error::ModuleLoad { .. } => "name the token's PKCS#11 module by its absolute path (a shared library exporting C_GetFunctionList), e.g. /usr/lib/softhsm/libsofthsm2.so; install it if it is missing".into(),
        Pkcs11Error::NoSuchToken { .. } => "`pkcs11-tool --module MODULE --list-token-slots` lists the tokens with their labels and serials".into(),
        Pkcs11Error::AmbiguousToken { .. } => "add the token's serial= to the URI (`pkcs11-tool --module MODULE --list-token-slots` shows it)".into(),
        Pkcs11Error::WrongPin { .. } => "check the PIN before trying again: certsmith never retries it, and a token locks after a few wrong ones".into(),
        Pkcs11Error::RivalKey { .. } => "run once more when the other run is done: it then says whether the label is taken".into(),
        Pkcs11Error::RelativeModule { .. } => "give the module's absolute path: --pkcs11-module /usr/lib/softhsm/libsofthsm2.so".into(),
        Pkcs11Error::PinNotInitialized { .. } => "the token's security officer sets it: pkcs11-tool --module MODULE --token-label LABEL --login --login-type so --init-pin".into(),
        Pkcs11Error::CannotSign { .. } => "name the key that signs; a CA key made with certsmith initca --pkcs11-key (or genkey) always can".into(),
        Pkcs11Error::PublicKeyMismatch { .. } => "give each key pair its own id (pkcs11-tool --set-id), and import the key's own public key beside it".into(),
        Pkcs11Error::AmbiguousPublicKey { .. } => "give each key pair its own id (pkcs11-tool --set-id), or delete the stray public key object".into(),
        Pkcs11Error::PinLocked { .. } => "the token's security officer can set a new user PIN (pkcs11-tool --init-pin --login --login-type so)".into(),
        Pkcs11Error::NoSuchKey { .. } | Pkcs11Error::AmbiguousKey { .. } => "`pkcs11-tool --module MODULE --token-label LABEL --login --list-objects --type privkey` lists the keys with their labels and ids; name one by object= and id= (percent-encoded bytes: its ID 3640f5 is id=%36%40%f5)".into(),
        Pkcs11Error::NotAPrivateKey { .. } => "leave type= out, or write type=private".into(),
        Pkcs11Error::AlwaysAuthenticate { .. } => "use a key that does not ask again (a YubiKey's PIV slot 9a or 9d, not 9c)".into(),
        Pkcs11Error::NoPublicKey { .. } => "import the public key beside it with the same id: pkcs11-tool --write-object PUB.der --type pubkey --id ID".into(),
        Pkcs11Error::NewKeyWithoutLabel { .. } => "name the new key in the URI: pkcs11:token=TOKEN;object=KEY-LABEL".into(),
        Pkcs11Error::ObjectExists { .. } => "choose another object= (and id=); or, if it is the key an interrupted run made, use it: certsmith initca --key URI CSR_JSON (or csr --key URI CSR_JSON)".into(),
        Pkcs11Error::KeyTypeUnsupported { .. } => "`pkcs11-tool --module MODULE --list-mechanisms` lists what the token can do; RSA 2048 and ECDSA P-256 are the most widely supported".into(),
        Pkcs11Error::NoModule { .. } => "name the module (shared library): --pkcs11-module PATH, module-path=PATH in the URI, or CERTSMITH_PKCS11_MODULE".into(),
        Pkcs11Error::ModuleConflict { .. } => "name the module once: --pkcs11-module or module-path=, not both".into(),
        Pkcs11Error::PinSourceConflict { .. } => "name the PIN's file once: --pin-file or pin-source=, not both".into(),
        Pkcs11Error::NoPin { .. } | Pkcs11Error::EmptyPin { .. } => "name where the PIN is: pin-source=file:PATH in the URI, --pin-file FILE, or CERTSMITH_PKCS11_PIN".into(),
        Pkcs11Error::MalformedAnswer { .. } => "the module does not follow PKCS#11 here: check that it is the module for this token, and report it to its vendor".into(),
        Pkcs11Error::InvalidUri { problem, .. } => match problem {
            NotPkcs11 => return None,
            WrongPart { .. } | BadCharacter { character: ';', .. } => "token=, object=, id= and the like are separated by ; before the ?; module-path= and pin-source= come after it, separated by &: pkcs11:token=T;object=K?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/etc/pin".into(),
            BadCharacter { .. } | BadPercentEncoding { .. } | NotUtf8 { .. } => {
                "percent-encode it as UTF-8 bytes: a space is %20, / is %2F, % is %25".into()
            }
            ModuleName | RelativeModulePath { .. } => "give the module's absolute path: module-path=/usr/lib/softhsm/libsofthsm2.so".into(),
            BadPinSource { .. } => "name the file that holds the PIN: pin-source=file:/path/to/pin".into(),
            TooLong { .. } | BadSlotId { .. } | BadType { .. } => "`pkcs11-tool --list-token-slots` shows the token's label, serial and slot".into(),
            _ => "name a key by its token and label (RFC 7512), e.g. pkcs11:token=root-ca;object=root-key, or add id=%01 when labels repeat".into(),
        },
        _ => return None,
    })
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

/// A note as the user sees it: the library's text, with the flag that helps
/// where one does (the library never names a flag).
pub fn note(note: &Note) -> String {
    match note {
        Note::ServerWithoutSan { .. } => format!("{note} or pass --hostname"),
        _ => note.to_string(),
    }
}

/// A note about one input of `sign --batch`: the flags that help a single
/// `sign` (--hostname) set nothing per input of a batch.
pub fn batch_note(note: &Note) -> String {
    match note {
        Note::ServerWithoutSan { .. } => note.to_string(),
        _ => self::note(note),
    }
}

// issue 19: Kubernetes Secret and kubeconfig
/// Hints for `export k8s-secret` and `export kubeconfig`.
fn kube_hint(err: &KubeError) -> Option<String> {
    const NAMES: &str = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";
    const LABELS: &str = "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set";
    Some(match err {
        KubeError::InvalidName { what, .. } if what.starts_with("label") => {
            format!("kubectl would refuse it too: {LABELS}")
        }
        KubeError::InvalidName { .. } => format!("kubectl would refuse it too: {NAMES}"),
        KubeError::LabelWithoutValue { .. } => {
            "write --label KEY=VALUE (KEY= for an empty value)".into()
        }
        KubeError::DuplicateLabel { .. } => "give each label key once".into(),
        KubeError::InvalidServer { .. } => {
            "give the API server as https://HOST:PORT, e.g. https://127.0.0.1:6443".into()
        }
        KubeError::EmptyName { what } => {
            format!("give a name, or leave --{what} out for its default")
        }
        KubeError::NoCommonName { .. } => "name the user: --user NAME".into(),
        _ => return None,
    })
}

// issue 20: keys sealed to a quorum
/// Hints for sealing a key to a quorum and opening it.
fn quorum_hint(err: &QuorumError) -> Option<String> {
    use QuorumError::*;
    Some(match err {
        Locked { threshold, .. } => format!(
            "pass {threshold} custodians' identities with -i FILE, or a one-time identity with -i and the shares they released to it with --share FILE"
        ),
        Incomplete { .. } => "pass another custodian's identity with -i FILE, or a share they released with --share FILE".into(),
        IdentityOpensNothing { source, .. } => {
            format!("certsmith inspect {source} lists the custodians and their recipients")
        }
        ShareForeign { .. } => "each quorum file has its own shares: take the share from this file, or the file the share belongs to".into(),
        ShareCommitment { .. } => "the share was changed after it was sealed: take the custodian's block from an intact copy of the quorum file, or have them release it again".into(),
        ShareUnopenable { .. } => "the share's age file is damaged, cut short or not a share: take the custodian's block from an intact copy of the quorum file, or have them release it again".into(),
        ShareMisplaced { .. } => "take the quorum file from an intact copy: every block must stay under its own -> share line".into(),
        RecipientMismatch { .. } => "one of these shares, with its commitment line, was changed after the file was sealed (the header is not signed): sign again with another custodian in place of each to find which, and use an intact copy of the file".into(),
        ThresholdAboveCustodians { .. } => "give at least as many custodians (-r RECIPIENT, or lines of -R FILE) as --threshold".into(),
        ThresholdTooLow { .. } => "to let any one custodian open the key, seal to several recipients without --threshold".into(),
        DuplicateCustodian { .. } => "give each custodian's recipient once".into(),
        SharesWithoutQuorum { .. } => "--share is for a key sealed to a quorum (NAME-key.quorum); open an age-sealed key with -i alone".into(),
        ReleaseSeveral { .. } => "give one custodian's identity with -i FILE at a time".into(),
        ReleasedShareUnopened { .. } => "give the one-time identity it was released to with -i FILE: key share release --to named its recipient".into(),
        FileTooLarge { .. } => "seal to fewer custodians, or shorten their recipients: drop long SSH key comments (a # label line names a custodian), or give a custodian an age identity (certsmith key identity)".into(),
        ReleaseOverItsInput { .. } | ReleaseOverQuorum { .. } => "write the released share to a file of its own: -o NAME.share".into(),
        CustodianPassphrase { .. } => "custodians whose passphrases differ each type their own at the terminal: run without --passphrase-file and CERTSMITH_PASSPHRASE".into(),
        ReshareWithoutQuorum { .. } => "give --threshold M and the new custodians with -r RECIPIENT or -R FILE".into(),
        BadLabel { .. } => "label each custodian with the comment line before its recipient in the -R file (# alice), at most 64 printable characters, each label once".into(),
        // issue 20: a quorum file beside split-json's files and exports
        SameKeyOtherQuorum { .. } => "keep the custodians' file and split the new one under another NAME, or pass --force to replace it (the old shares no longer open the file there)".into(),
        NotExportable { path, format } => format!(
            "if {format} is to hold the key in the clear, the custodians open it together and pipe it in: certsmith key decrypt -i IDENTITY -i IDENTITY … {} | certsmith {}",
            shell_word(std::path::Path::new(path)),
            export_into(format)
        ),
        _ => return None,
    })
}
