//! CA keys in a PKCS#11 token (issue 16), against a real token: SoftHSM2
//! (Debian softhsm2), its keys made by OpenSC's pkcs11-tool, each signature
//! checked by openssl with the public key pkcs11-tool reads out.
//!
//! SoftHSM reads `SOFTHSM2_CONF` once per process, when the module is
//! initialised, and a test cannot set a variable of its own process safely
//! (other tests' threads read the environment). So each test makes its
//! token directory and runs its library half in a child process of this
//! test binary, with `SOFTHSM2_CONF` set for that child only: tests run in
//! parallel and leave nothing behind.

use std::path::{Path, PathBuf};
use std::process::Output;

use certsmith::keys::pkcs11::{Pin, Pkcs11Uri, TokenSigner};
use certsmith::keys::signer::check_ca_key;
use certsmith::keys::{KeyAlgorithm, KeySource, Signer, open_ca_key};
use certsmith::x509::certificate::Certificate;
use certsmith::{Error, PinTries, Pkcs11Error};

use crate::support::{command, require};

mod ceremony;
mod cli;
mod hostile;

/// Debian's libsofthsm2 (a symlink to the multiarch path).
const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const PIN: &str = "123456";
const SO_PIN: &str = "12345678";
/// The child's token directory; set only for the child.
const CHILD_DIR: &str = "CERTSMITH_TEST_SOFTHSM_DIR";

/// The keys the signing test makes: pkcs11-tool's key type, label, id, and
/// what certsmith reads the key as.
const KEYS: [(&str, &str, &str, KeyAlgorithm); 5] = [
    ("rsa:2048", "rsa-2048", "01", KeyAlgorithm::Rsa(2048)),
    ("EC:prime256v1", "p-256", "02", KeyAlgorithm::EcdsaP256),
    ("EC:secp384r1", "p-384", "03", KeyAlgorithm::EcdsaP384),
    ("EC:secp521r1", "p-521", "04", KeyAlgorithm::EcdsaP521),
    ("EC:edwards25519", "ed25519", "05", KeyAlgorithm::Ed25519),
];

/// A SoftHSM2 token directory of its own, in a temporary directory.
struct SoftToken {
    dir: tempfile::TempDir,
}

impl SoftToken {
    fn new() -> SoftToken {
        SoftToken::with_conf("")
    }

    /// A token directory whose softhsm2.conf has `extra` lines too.
    fn with_conf(extra: &str) -> SoftToken {
        require("softhsm2-util");
        require("pkcs11-tool");
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("tokens")).expect("tokens dir");
        std::fs::write(
            dir.path().join("softhsm2.conf"),
            format!(
                "directories.tokendir = {}\n{extra}",
                dir.path().join("tokens").display()
            ),
        )
        .expect("softhsm2.conf");
        SoftToken { dir }
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("softhsm2.conf")
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        let out = command(program)
            .args(args)
            .env("SOFTHSM2_CONF", self.conf())
            .env("PIN", PIN)
            .output()
            .expect(program);
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// The private keys in the token labelled `label`, as pkcs11-tool
    /// lists them once logged in (the PIN from the environment, never argv).
    fn private_keys(&self, label: &str) -> String {
        let out = self.run(
            "pkcs11-tool",
            &[
                "--module",
                MODULE,
                "--token-label",
                label,
                "--login",
                "--pin",
                "env:PIN",
                "--list-objects",
                "--type",
                "privkey",
            ],
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A new token labelled `label` in a free slot.
    fn init(&self, label: &str) {
        self.run(
            "softhsm2-util",
            &[
                "--init-token",
                "--free",
                "--label",
                label,
                "--pin",
                PIN,
                "--so-pin",
                SO_PIN,
            ],
        );
    }

    /// A key pair made in `token` by pkcs11-tool (sensitive, not
    /// extractable: pkcs11-tool's defaults for a private key).
    fn keypair(&self, token: &str, key_type: &str, label: &str, id: &str) {
        self.run(
            "pkcs11-tool",
            &[
                "--module",
                MODULE,
                "--token-label",
                token,
                "--login",
                "--pin",
                "env:PIN",
                "--keypairgen",
                "--key-type",
                key_type,
                "--label",
                label,
                "--id",
                id,
            ],
        );
    }

    /// Runs the ignored test `name` of this binary in a child process that
    /// sees this token directory.
    fn run_child(&self, name: &str) {
        let out = command(std::env::current_exe().expect("test binary"))
            .args([
                name,
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("SOFTHSM2_CONF", self.conf())
            .env(CHILD_DIR, self.dir.path())
            .output()
            .expect("child test");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{name}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The child's token directory, or `None` when the test runs outside its
/// parent (`--ignored`): then there is no token to test, and the ignore
/// reason names the test that runs it.
fn child_dir() -> Option<PathBuf> {
    std::env::var_os(CHILD_DIR).map(PathBuf::from)
}

fn open(uri: &str, module: &str) -> certsmith::Result<Box<dyn Signer>> {
    open_with_pin(uri, module, PIN)
}

fn open_with_pin(uri: &str, module: &str, pin: &str) -> certsmith::Result<Box<dyn Signer>> {
    let uri = Pkcs11Uri::parse(uri)?;
    open_ca_key(KeySource::Pkcs11 {
        uri: &uri,
        module: Path::new(module),
        pin: &Pin::from(pin),
    })
}

fn pkcs11_error(result: certsmith::Result<Box<dyn Signer>>) -> Pkcs11Error {
    match result {
        Err(Error::Pkcs11(error)) => error,
        Err(other) => panic!("not a PKCS#11 error: {other}"),
        Ok(signer) => panic!("opened {signer:?}"),
    }
}

#[test]
fn token_keys_sign_through_the_signer_seam_and_openssl_verifies() {
    let token = SoftToken::new();
    token.init("certsmith-ca");
    for (key_type, label, id, _) in KEYS {
        token.keypair("certsmith-ca", key_type, label, id);
    }
    token.run_child("pkcs11::child_token_keys_sign");
}

#[test]
#[ignore = "run by token_keys_sign_through_the_signer_seam_and_openssl_verifies"]
fn child_token_keys_sign() {
    let Some(dir) = child_dir() else { return };
    require("openssl");
    let tbs = dir.join("tbs.bin");
    std::fs::write(&tbs, b"a tbsCertificate, a CRL or a ledger line").unwrap();
    // Signs the certificates openssl makes for the token's keys.
    let issuer_key = dir.join("issuer-key.pem");
    let out = command("openssl")
        .args(["genpkey", "-algorithm", "ED25519", "-out"])
        .arg(&issuer_key)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut previous: Option<Certificate> = None;
    for (_, label, _, algorithm) in KEYS {
        let uri = format!("pkcs11:token=certsmith-ca;object={label}");
        let signer = open(&uri, MODULE).unwrap_or_else(|e| panic!("{uri}: {e}"));
        assert_eq!(signer.algorithm(), algorithm, "{uri}");
        assert_eq!(signer.source(), uri);
        assert!(signer.checks_each_signature());
        let spki = dir.join(format!("{label}.spki.der"));
        std::fs::write(&spki, signer.spki_der()).unwrap();
        let public = dir.join(format!("{label}.pub.pem"));
        openssl(&["pkey", "-pubin", "-inform", "DER", "-in"], &spki, &public);
        // The public key is the token's, as pkcs11-tool reads it out
        // (openssl's verdicts below prove it is the signing key's too).
        if let Some(exported) = pkcs11_tool_public_key(&dir, label) {
            assert_eq!(
                exported,
                signer.spki_der(),
                "{label}: pkcs11-tool's public key"
            );
        }
        // The key is the one of a certificate for it, as openssl encodes
        // the key there (an RSA modulus with its leading zero byte), and not
        // the one of another key's certificate.
        let cert = dir.join(format!("{label}.cert.der"));
        let out = command("openssl")
            .args([
                "x509",
                "-new",
                "-subj",
                "/CN=token",
                "-outform",
                "DER",
                "-key",
            ])
            .arg(&issuer_key)
            .arg("-force_pubkey")
            .arg(&public)
            .arg("-out")
            .arg(&cert)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cert = Certificate::from_der(std::fs::read(&cert).unwrap(), "ca.pem").unwrap();
        check_ca_key(&cert, "ca.pem", signer.as_ref(), signer.source()).unwrap();
        if let Some(other) = previous.replace(cert) {
            assert!(matches!(
                check_ca_key(&other, "other.pem", signer.as_ref(), signer.source()),
                Err(Error::CaKeyMismatch { .. })
            ));
        }
        // Signatures from several threads at once: the session is shared.
        let signatures: Vec<Vec<u8>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..3)
                .map(|_| s.spawn(|| signer.sign(&std::fs::read(&tbs).unwrap()).unwrap()))
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        for (n, signature) in signatures.iter().enumerate() {
            let file = dir.join(format!("{label}.{n}.sig"));
            std::fs::write(&file, signature).unwrap();
            openssl_verifies(algorithm, &public, &tbs, &file);
        }
    }
}

/// The public key `label` as pkcs11-tool reads it out, as DER. OpenSC 0.23
/// writes Ed25519 keys as PEM, and cannot read out a P-384 key at all
/// ("cannot create EVP_PKEY"): `None` then.
fn pkcs11_tool_public_key(dir: &Path, label: &str) -> Option<Vec<u8>> {
    let exported = dir.join(format!("{label}.pkcs11-tool.pub"));
    let out = command("pkcs11-tool")
        .args(["--module", MODULE, "--token-label", "certsmith-ca"])
        .args(["--read-object", "--type", "pubkey", "--label", label, "-o"])
        .arg(&exported)
        .output()
        .unwrap();
    if label == "p-384" {
        assert!(!out.status.success(), "pkcs11-tool reads P-384 keys now");
        return None;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&exported).unwrap();
    if !bytes.starts_with(b"-----BEGIN") {
        return Some(bytes);
    }
    let der = dir.join(format!("{label}.pkcs11-tool.der"));
    openssl(
        &["pkey", "-pubin", "-outform", "DER", "-in"],
        &exported,
        &der,
    );
    Some(std::fs::read(der).unwrap())
}

fn openssl(args: &[&str], input: &Path, output: &Path) {
    let out = command("openssl")
        .args(args)
        .arg(input)
        .arg("-out")
        .arg(output)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `key` signs `tbs`, and openssl verifies the signature with the public
/// key certsmith read from the token (written out as LABEL.pub.pem).
fn signs_as_openssl_checks(dir: &Path, label: &str, key: &dyn Signer, tbs: &Path) {
    let spki = dir.join(format!("{label}.spki.der"));
    std::fs::write(&spki, key.spki_der()).unwrap();
    let public = dir.join(format!("{label}.pub.pem"));
    openssl(&["pkey", "-pubin", "-inform", "DER", "-in"], &spki, &public);
    let signature = dir.join(format!("{label}.sig"));
    std::fs::write(&signature, key.sign(&std::fs::read(tbs).unwrap()).unwrap()).unwrap();
    openssl_verifies(key.algorithm(), &public, tbs, &signature);
}

/// openssl's verdict on `signature` over `message`, with the hash certsmith
/// signs with for the key (RFC 5480 §4; pure Ed25519).
fn openssl_verifies(algorithm: KeyAlgorithm, public: &Path, message: &Path, signature: &Path) {
    let mut openssl = command("openssl");
    match algorithm {
        KeyAlgorithm::Ed25519 => openssl
            .args(["pkeyutl", "-verify", "-rawin", "-pubin", "-inkey"])
            .arg(public)
            .arg("-in")
            .arg(message)
            .arg("-sigfile")
            .arg(signature),
        _ => {
            let hash = match algorithm {
                KeyAlgorithm::EcdsaP384 => "-sha384",
                KeyAlgorithm::EcdsaP521 => "-sha512",
                KeyAlgorithm::Rsa(bits) if bits >= 4096 => "-sha512",
                KeyAlgorithm::Rsa(bits) if bits >= 3072 => "-sha384",
                _ => "-sha256",
            };
            openssl
                .args(["dgst", hash, "-verify"])
                .arg(public)
                .arg("-signature")
                .arg(signature)
                .arg(message)
        }
    };
    let out = openssl.output().unwrap();
    assert!(
        out.status.success(),
        "{algorithm:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn token_refusals_name_what_is_missing() {
    let token = SoftToken::new();
    token.init("certsmith-ca");
    token.keypair("certsmith-ca", "EC:prime256v1", "root-key", "01");
    token.keypair("certsmith-ca", "EC:prime256v1", "twin", "10");
    token.keypair("certsmith-ca", "EC:prime256v1", "twin", "11");
    token.init("pin-test");
    token.keypair("pin-test", "EC:prime256v1", "key", "01");
    token.run_child("pkcs11::child_token_refusals");
}

#[test]
#[ignore = "run by token_refusals_name_what_is_missing"]
fn child_token_refusals() {
    if child_dir().is_none() {
        return;
    }
    let root = "pkcs11:token=certsmith-ca;object=root-key";
    assert!(open(root, MODULE).is_ok());
    match pkcs11_error(open(root, "/nonexistent/libpkcs11.so")) {
        Pkcs11Error::ModuleLoad { module, reason } => {
            assert_eq!(module, Path::new("/nonexistent/libpkcs11.so"));
            assert!(reason.contains("No such file"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        pkcs11_error(open("pkcs11:token=other;object=root-key", MODULE)),
        Pkcs11Error::NoSuchToken {
            uri: "pkcs11:token=other;object=root-key".into()
        }
    );
    assert_eq!(
        pkcs11_error(open("pkcs11:token=certsmith-ca;object=nope", MODULE)),
        Pkcs11Error::NoSuchKey {
            uri: "pkcs11:token=certsmith-ca;object=nope".into()
        }
    );
    // Two keys with one label: the id says which.
    assert_eq!(
        pkcs11_error(open("pkcs11:token=certsmith-ca;object=twin", MODULE)),
        Pkcs11Error::AmbiguousKey {
            uri: "pkcs11:token=certsmith-ca;object=twin".into(),
            count: 2
        }
    );
    let twin = open("pkcs11:token=certsmith-ca;object=twin;id=%11", MODULE).unwrap();
    assert_eq!(
        twin.source(),
        "pkcs11:token=certsmith-ca;object=twin;id=%11"
    );
    assert_eq!(
        pkcs11_error(open(
            "pkcs11:token=certsmith-ca;object=root-key;type=cert",
            MODULE
        )),
        Pkcs11Error::NotAPrivateKey {
            uri: "pkcs11:token=certsmith-ca;object=root-key;type=cert".into()
        }
    );
    // A wrong PIN is reported once, with what the token says of the tries
    // left: SoftHSM sets CKF_USER_PIN_COUNT_LOW after the first.
    let wrong = pkcs11_error(open_with_pin("pkcs11:token=pin-test", MODULE, "000000"));
    assert!(
        matches!(&wrong, Pkcs11Error::WrongPin { token, tries } if token == "pin-test" && *tries == PinTries::Low),
        "{wrong:?}"
    );
    assert!(!wrong.to_string().contains("000000"));
    assert!(open_with_pin("pkcs11:token=pin-test", MODULE, PIN).is_ok());
}

#[test]
fn keys_made_in_the_token_are_sensitive_and_sign() {
    let token = SoftToken::new();
    token.init("made");
    token.run_child("pkcs11::child_keys_made_in_the_token");
}

#[test]
#[ignore = "run by keys_made_in_the_token_are_sensitive_and_sign"]
fn child_keys_made_in_the_token() {
    let Some(dir) = child_dir() else { return };
    let tbs = dir.join("tbs.bin");
    std::fs::write(&tbs, b"a root certificate").unwrap();
    let pin = Pin::from(PIN);
    for (_, label, _, algorithm) in KEYS {
        let uri = Pkcs11Uri::parse(&format!("pkcs11:token=made;object={label}")).unwrap();
        let made = TokenSigner::generate(Path::new(MODULE), &uri, &pin, algorithm).unwrap();
        assert_eq!(made.algorithm(), algorithm);
        // Found again by its URI, the same key.
        let found = open(&uri.to_string(), MODULE).unwrap();
        assert_eq!(found.spki_der(), made.spki_der());
        signs_as_openssl_checks(&dir, label, &made, &tbs);
        // A second key by that name is refused.
        let again = TokenSigner::generate(Path::new(MODULE), &uri, &pin, algorithm);
        assert!(
            matches!(&again, Err(Error::Pkcs11(Pkcs11Error::ObjectExists { token, .. })) if token == "made"),
            "{again:?}"
        );
    }
    // Every private key: made in the token, never readable out of it.
    let out = command("pkcs11-tool")
        .args(["--module", MODULE, "--token-label", "made", "--login"])
        .args(["--pin", "env:PIN", "--list-objects", "--type", "privkey"])
        .env("PIN", PIN)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    let access = "Access:     sensitive, always sensitive, never extractable, local";
    assert_eq!(listed.matches(access).count(), KEYS.len(), "{listed}");
    // A CA key signs, and neither decrypts, unwraps nor derives.
    let usages: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Usage:"))
        .map(str::trim)
        .collect();
    assert_eq!(usages, vec!["sign"; KEYS.len()], "{listed}");
    let unnamed = Pkcs11Uri::parse("pkcs11:token=made").unwrap();
    assert!(matches!(
        TokenSigner::generate(Path::new(MODULE), &unnamed, &pin, KeyAlgorithm::EcdsaP256),
        Err(Error::Pkcs11(Pkcs11Error::NewKeyWithoutLabel { .. }))
    ));
}

/// SoftHSM's allow-list of mechanisms: a token that cannot make Ed25519 keys.
const WITHOUT_EDDSA: &str = "slots.mechanisms = CKM_RSA_PKCS_KEY_PAIR_GEN,CKM_RSA_PKCS,CKM_EC_KEY_PAIR_GEN,CKM_ECDSA,CKM_SHA256\n";

#[test]
fn a_token_says_which_keys_it_cannot_make() {
    let token = SoftToken::with_conf(WITHOUT_EDDSA);
    token.init("no-eddsa");
    token.run_child("pkcs11::child_a_token_without_eddsa");
}

#[test]
#[ignore = "run by a_token_says_which_keys_it_cannot_make"]
fn child_a_token_without_eddsa() {
    if child_dir().is_none() {
        return;
    }
    let pin = Pin::from(PIN);
    let uri = Pkcs11Uri::parse("pkcs11:token=no-eddsa;object=ed").unwrap();
    let refused = TokenSigner::generate(Path::new(MODULE), &uri, &pin, KeyAlgorithm::Ed25519);
    assert_eq!(
        refused.unwrap_err().to_string(),
        "token \"no-eddsa\" cannot make or sign with Ed25519 keys"
    );
    // Nothing was made; a key the token can make is.
    assert!(matches!(
        pkcs11_error(open(&uri.to_string(), MODULE)),
        Pkcs11Error::NoSuchKey { .. }
    ));
    TokenSigner::generate(Path::new(MODULE), &uri, &pin, KeyAlgorithm::EcdsaP256).unwrap();
}

/// PKCS#11 has no unique labels: a key made by another run between
/// certsmith's check that the label is free and its own key's making is
/// found after, and certsmith's key is destroyed. (SoftHSM caches a token's
/// objects per process and misses another process's key once it has
/// written one itself, so the rival is made in this process, by a hook.)
#[cfg(feature = "fault-injection")]
#[test]
fn a_rival_key_made_between_check_and_making_undoes_ours() {
    let token = SoftToken::new();
    token.init("race");
    token.run_child("pkcs11::child_a_rival_key");
}

#[cfg(feature = "fault-injection")]
#[test]
#[ignore = "run by a_rival_key_made_between_check_and_making_undoes_ours"]
fn child_a_rival_key() {
    if child_dir().is_none() {
        return;
    }
    let uri = Pkcs11Uri::parse("pkcs11:token=race;object=root").unwrap();
    let rival = uri.clone();
    certsmith::fault::set_hook("pkcs11-label-checked", move || {
        TokenSigner::generate(
            Path::new(MODULE),
            &rival,
            &Pin::from(PIN),
            KeyAlgorithm::EcdsaP256,
        )
        .expect("the rival's key");
    });
    let ours = TokenSigner::generate(
        Path::new(MODULE),
        &uri,
        &Pin::from(PIN),
        KeyAlgorithm::EcdsaP384,
    );
    assert!(
        matches!(&ours, Err(Error::Pkcs11(Pkcs11Error::RivalKey { .. }))),
        "{ours:?}"
    );
    // One key by that label is left, the rival's (P-256), and it signs.
    let found = open(&uri.to_string(), MODULE).unwrap();
    assert_eq!(found.algorithm(), KeyAlgorithm::EcdsaP256);
    found.sign(b"still usable").unwrap();
}

/// A key the token will not sign with (`CKA_SIGN` false) is refused when
/// it is opened, not at the first `C_Sign`. pkcs11-tool cannot make one
/// (SoftHSM turns `CKA_SIGN` on by default), so cryptoki makes it here.
#[test]
fn a_key_that_may_not_sign_is_refused_when_opened() {
    let token = SoftToken::new();
    token.init("no-sign");
    token.run_child("pkcs11::child_a_key_that_may_not_sign");
}

#[test]
#[ignore = "run by a_key_that_may_not_sign_is_refused_when_opened"]
fn child_a_key_that_may_not_sign() {
    use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
    use cryptoki::mechanism::Mechanism;
    use cryptoki::object::Attribute;
    use cryptoki::session::UserType;
    if child_dir().is_none() {
        return;
    }
    let p11 = Pkcs11::new(MODULE).unwrap();
    p11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .unwrap();
    let slot = p11.get_slots_with_initialized_token().unwrap()[0];
    let session = p11.open_rw_session(slot).unwrap();
    session
        .login(UserType::User, Some(&Pin::from(PIN)))
        .unwrap();
    let id = Attribute::Id(vec![0x42]);
    let label = Attribute::Label(b"decrypt-only".to_vec());
    session
        .generate_key_pair(
            &Mechanism::RsaPkcsKeyPairGen,
            &[
                Attribute::Token(true),
                Attribute::ModulusBits(2048.into()),
                Attribute::PublicExponent(vec![1, 0, 1]),
                id.clone(),
                label.clone(),
            ],
            &[Attribute::Token(true), Attribute::Sign(false), id, label],
        )
        .unwrap();
    assert!(matches!(
        pkcs11_error(open("pkcs11:token=no-sign;object=decrypt-only", MODULE)),
        Pkcs11Error::CannotSign { .. }
    ));
}

/// SoftHSM's allow-list of mechanisms: RSA only through its hashing
/// mechanisms (`CKM_SHA*_RSA_PKCS`), no raw `CKM_RSA_PKCS`.
const WITHOUT_RAW_RSA: &str = "slots.mechanisms = CKM_RSA_PKCS_KEY_PAIR_GEN,CKM_SHA256_RSA_PKCS,CKM_SHA384_RSA_PKCS,CKM_SHA512_RSA_PKCS,CKM_SHA256\n";

/// A token that signs RSA only through its hashing mechanisms is used
/// through them: the hash certsmith would have made, made by the token.
#[test]
fn a_token_without_raw_rsa_signs_through_its_hashing_mechanisms() {
    let token = SoftToken::with_conf(WITHOUT_RAW_RSA);
    token.init("hashing");
    token.run_child("pkcs11::child_a_token_without_raw_rsa");
}

#[test]
#[ignore = "run by a_token_without_raw_rsa_signs_through_its_hashing_mechanisms"]
fn child_a_token_without_raw_rsa() {
    let Some(dir) = child_dir() else { return };
    let tbs = dir.join("tbs.bin");
    std::fs::write(&tbs, b"a certificate signed by hashing").unwrap();
    let pin = Pin::from(PIN);
    for algorithm in [KeyAlgorithm::Rsa(2048), KeyAlgorithm::Rsa(3072)] {
        let label = format!("rsa-{algorithm:?}").replace(['(', ')'], "");
        let uri = Pkcs11Uri::parse(&format!("pkcs11:token=hashing;object={label}")).unwrap();
        let made = TokenSigner::generate(Path::new(MODULE), &uri, &pin, algorithm).unwrap();
        signs_as_openssl_checks(&dir, &label, &made, &tbs);
    }
    // No ECDSA mechanism: refused before anything is made.
    let uri = Pkcs11Uri::parse("pkcs11:token=hashing;object=ec").unwrap();
    assert!(matches!(
        TokenSigner::generate(Path::new(MODULE), &uri, &pin, KeyAlgorithm::EcdsaP256),
        Err(Error::Pkcs11(Pkcs11Error::KeyTypeUnsupported { .. }))
    ));
}
