//! The decisions [`super::decide`] makes, pinned one by one: validity
//! clamped to the issuer's (or refused under `strict`), usages filtered by
//! key type, pathlen bounded by the issuer, and the profile (not the CSR)
//! deciding; and the signature [`super::encode`] checks.

use std::time::Duration;

use time::OffsetDateTime;

use super::{Options, SignedBy, TbsParams, decide, issue};
use crate::ca::Issuer;
use crate::cfssl::config::{CaConstraint, Config, Profile};
use crate::cfssl::request::{CaSection, CertRequest, PathLen};
use crate::keys::{KeyAlgorithm, KeyMaker, NewKey, PrivateKey, Signer};
use crate::x509::certificate::Certificate;
use crate::x509::csr::{self, CertificateRequest};
use crate::x509::san::San;
use crate::x509::usage::{KeyUsageBit, Usage};
use crate::{Error, Note};

const DAY: Duration = Duration::from_secs(24 * 3600);

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc().replace_nanosecond(0).unwrap()
}

/// A CSR made from `json` (a CSR JSON document) with `key`.
fn request(json: &str, key: &dyn Signer) -> CertificateRequest {
    let (req, _) = CertRequest::from_json(json.as_bytes(), "csr.json").unwrap();
    let der = csr::build_for_request(&req, key).unwrap();
    CertificateRequest::from_bytes(&der, "test.csr").unwrap()
}

/// A CA profile: cert sign and CRL sign, `path_len`, valid over `window`.
fn ca_profile(path_len: PathLen, window: (OffsetDateTime, OffsetDateTime)) -> Profile {
    let mut p = Config::builtin().default;
    p.name = "test-ca".into();
    p.usages = vec![
        Usage::Key(KeyUsageBit::KeyCertSign),
        Usage::Key(KeyUsageBit::CrlSign),
    ];
    p.ca = Some(CaConstraint { path_len });
    p.not_before = Some(window.0);
    p.not_after = Some(window.1);
    p
}

/// The certificate of a new self-signed root for `key`.
pub(crate) fn self_signed_root(key: &dyn Signer) -> Certificate {
    let profile = ca_profile(None, (now() - DAY, now() + 30 * DAY));
    root_cert(key, &profile)
}

fn root_cert(key: &dyn Signer, profile: &Profile) -> Certificate {
    let csr = request(r#"{"CN":"Test Root"}"#, key);
    let issued = issue(
        &csr,
        profile,
        SignedBy::Itself(key),
        &Options::default(),
        now(),
    )
    .unwrap();
    Certificate::from_der(issued.der, "ca.pem").unwrap()
}

/// An issuing CA with `path_len`, valid over `window`.
fn ca(path_len: PathLen, window: (OffsetDateTime, OffsetDateTime)) -> Issuer {
    let key = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let cert = root_cert(&key, &ca_profile(path_len, window));
    Issuer::new(cert, "ca.pem", key, "ca-key.pem").unwrap()
}

fn leaf_key() -> PrivateKey {
    PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap()
}

fn decide_leaf(issuer: &Issuer, profile: &Profile, options: &Options) -> crate::Result<TbsParams> {
    let csr = request(r#"{"CN":"leaf","hosts":["leaf.example"]}"#, &leaf_key());
    decide(&csr, profile, SignedBy::Ca(issuer), options, now())
}

#[test]
fn not_after_is_clamped_to_the_issuers() {
    let issuer = ca(None, (now() - DAY, now() + 30 * DAY));
    let profile = Config::builtin().default; // a year
    let params = decide_leaf(&issuer, &profile, &Options::default()).unwrap();
    assert_eq!(params.not_after, issuer.cert.not_after);
    assert!(
        params
            .notes
            .iter()
            .any(|n| matches!(n, Note::NotAfterClamped { .. }))
    );
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let refused = decide_leaf(&issuer, &profile, &strict).unwrap_err();
    assert!(matches!(refused, Error::OutlivesCa { .. }), "{refused}");
}

#[test]
fn not_before_is_clamped_to_a_younger_issuer() {
    let issuer = ca(None, (now() - DAY, now() + 30 * DAY));
    let mut profile = Config::builtin().default;
    profile.not_before = Some(now() - 2 * DAY);
    profile.not_after = Some(now() + DAY);
    let params = decide_leaf(&issuer, &profile, &Options::default()).unwrap();
    assert_eq!(params.not_before, issuer.cert.not_before);
    assert_eq!(Some(params.not_after), profile.not_after);
    assert!(
        params
            .notes
            .iter()
            .any(|n| matches!(n, Note::NotBeforeClamped { .. }))
    );
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let refused = decide_leaf(&issuer, &profile, &strict).unwrap_err();
    assert!(matches!(refused, Error::PredatesCa { .. }), "{refused}");
}

#[test]
fn the_default_backdate_is_cut_quietly_under_a_ca_younger_than_it() {
    // A CA made a minute ago: the 5-minute backdate would predate it. Even
    // under strict, the notBefore is the CA's, with no note about it.
    let issuer = ca(None, (now() - Duration::from_secs(60), now() + 400 * DAY));
    let options = Options {
        strict: true,
        ..Options::default()
    };
    let params = decide_leaf(&issuer, &Config::builtin().default, &options).unwrap();
    assert_eq!(params.not_before, issuer.cert.not_before);
    assert!(
        !params
            .notes
            .iter()
            .any(|n| matches!(n, Note::NotBeforeClamped { .. }))
    );
}

#[test]
fn a_window_outside_the_issuers_is_refused() {
    let issuer = ca(None, (now() - DAY, now() + 30 * DAY));
    let mut profile = Config::builtin().default;
    profile.not_before = Some(now() + 40 * DAY);
    profile.not_after = Some(now() + 50 * DAY);
    let refused = decide_leaf(&issuer, &profile, &Options::default()).unwrap_err();
    assert!(
        matches!(refused, Error::OutsideCaValidity { .. }),
        "{refused}"
    );
}

#[test]
fn key_usages_are_filtered_by_key_type() {
    use x509_cert::ext::pkix::KeyUsages;
    let issuer = ca(None, (now() - DAY, now() + 400 * DAY));
    // cfssl's default profile: signing, key encipherment, server and client auth.
    let mut profile = Config::builtin().default;
    let json = r#"{"CN":"leaf","hosts":["leaf.example"]}"#;
    let usages = |key: &dyn Signer, profile: &Profile| {
        let csr = request(json, key);
        decide(
            &csr,
            profile,
            SignedBy::Ca(&issuer),
            &Options::default(),
            now(),
        )
        .unwrap()
    };
    let rsa = PrivateKey::generate(KeyAlgorithm::Rsa(2048)).unwrap();
    let params = usages(&rsa, &profile);
    assert_eq!(
        params.key_usage,
        KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment
    );
    // RFC 8813 §3: no key encipherment for ECDSA; quietly, in a shipped profile...
    let params = usages(&leaf_key(), &profile);
    assert_eq!(
        params.key_usage,
        flagset::FlagSet::from(KeyUsages::DigitalSignature)
    );
    assert!(params.notes.is_empty(), "{:?}", params.notes);
    // ...with a note in the user's own.
    profile.shipped = false;
    let params = usages(&leaf_key(), &profile);
    assert_eq!(
        params.key_usage,
        flagset::FlagSet::from(KeyUsages::DigitalSignature)
    );
    assert_eq!(
        params.notes,
        vec![Note::UsagesLeftOut {
            profile: profile.name.clone(),
            usages: vec!["key encipherment"],
            key: "ECDSA".into(),
            rule: "RFC 8813 §3",
        }]
    );
}

/// A subordinate CA decided under `issuer` by a CA profile asking for `asked`.
fn decide_sub_ca(issuer: &Issuer, asked: PathLen) -> crate::Result<TbsParams> {
    let window = (now() - DAY, now() + DAY);
    let csr = request(r#"{"CN":"sub","ca":{"pathlen":9}}"#, &leaf_key());
    let profile = ca_profile(asked, window);
    decide(
        &csr,
        &profile,
        SignedBy::Ca(issuer),
        &Options::default(),
        now(),
    )
}

#[test]
fn the_issuers_pathlen_bounds_the_childs() {
    let window = (now() - DAY, now() + 30 * DAY);
    let issuer = ca(Some(1), window);
    // Asked for 3 or for no limit: 0, with a note.
    for asked in [Some(3), None] {
        let params = decide_sub_ca(&issuer, asked).unwrap();
        assert_eq!(params.ca, Some(Some(0)));
        assert_eq!(
            params.notes,
            vec![Note::PathLenClamped {
                requested: asked,
                allowed: 0
            }]
        );
    }
    // Within the bound, as asked (the CSR's pathlen 9 proposes nothing).
    let params = decide_sub_ca(&issuer, Some(0)).unwrap();
    assert_eq!(params.ca, Some(Some(0)));
    assert!(params.notes.is_empty());
    // Under no bound, the profile's.
    let params = decide_sub_ca(&ca(None, window), Some(4)).unwrap();
    assert_eq!(params.ca, Some(Some(4)));
    // Under pathlen 0, no CA at all.
    let refused = decide_sub_ca(&ca(Some(0), window), None).unwrap_err();
    assert!(
        matches!(refused, Error::PathLenExhausted { .. }),
        "{refused}"
    );
}

#[test]
fn initcas_ca_section_wins_over_the_profile() {
    let key = leaf_key();
    let csr = request(r#"{"CN":"root"}"#, &key);
    let mut profile = ca_profile(Some(5), (now() - DAY, now() + DAY));
    profile.not_before = None;
    profile.not_after = None;
    profile.expiry = Some(30 * DAY);
    let options = Options {
        ca_override: Some(CaSection {
            path_len: Some(Some(2)),
            expiry: Some(2 * DAY),
            backdate: Some(Duration::from_secs(60)),
        }),
        ..Options::default()
    };
    let at = now();
    let params = decide(&csr, &profile, SignedBy::Itself(&key), &options, at).unwrap();
    assert_eq!(params.ca, Some(Some(2)));
    assert_eq!(params.not_before, at - Duration::from_secs(60));
    assert_eq!(params.not_after - params.not_before, 2 * DAY);
    // A self-signed certificate names itself as issuer, by its own key.
    assert_eq!(params.issuer_der, params.subject_der);
    assert_eq!(params.authority_key_id, params.subject_key_id);
}

#[test]
fn the_profile_not_the_csr_decides() {
    let issuer = ca(None, (now() - DAY, now() + 400 * DAY));
    let leaf = Config::builtin().default;
    // A CSR asking for CA:TRUE is refused under a leaf profile...
    let ca_csr = request(r#"{"CN":"sub","ca":{}}"#, &leaf_key());
    let refused = decide(
        &ca_csr,
        &leaf,
        SignedBy::Ca(&issuer),
        &Options::default(),
        now(),
    )
    .unwrap_err();
    assert!(
        matches!(refused, Error::CaRequestUnderLeafProfile { .. }),
        "{refused}"
    );
    // ...and one that does not ask is a CA under a CA profile.
    let csr = request(r#"{"CN":"sub"}"#, &leaf_key());
    let profile = ca_profile(Some(0), (now() - DAY, now() + DAY));
    let params = decide(
        &csr,
        &profile,
        SignedBy::Ca(&issuer),
        &Options::default(),
        now(),
    )
    .unwrap();
    assert_eq!(params.ca, Some(Some(0)));
    // The caller's hosts replace the CSR's, once each.
    let csr = request(
        r#"{"CN":"leaf","hosts":["csr.example","10.0.0.1"]}"#,
        &leaf_key(),
    );
    let hosts = San::parse_list("given.example,given.example,192.0.2.1").unwrap();
    let options = Options {
        hosts: Some(hosts),
        ..Options::default()
    };
    let params = decide(&csr, &leaf, SignedBy::Ca(&issuer), &options, now()).unwrap();
    assert_eq!(
        params.sans,
        San::parse_list("given.example,192.0.2.1").unwrap()
    );
    assert_eq!(params.issuer_der, issuer.cert.subject_der);
    assert_eq!(params.issuer_spki_der, issuer.cert.spki_der);
}

/// Signs as the key it holds, but says it is another key's signer.
#[derive(Debug)]
struct Impostor {
    signs: PrivateKey,
    claims: PrivateKey,
}

impl Signer for Impostor {
    fn source(&self) -> &str {
        "impostor"
    }
    fn algorithm(&self) -> KeyAlgorithm {
        self.claims.algorithm()
    }
    fn spki_der(&self) -> &[u8] {
        self.claims.spki_der()
    }
    fn public_key_bits(&self) -> &[u8] {
        self.claims.public_key_bits()
    }
    fn signature_algorithm(&self) -> spki::AlgorithmIdentifierOwned {
        self.claims.signature_algorithm()
    }
    fn sign(&self, tbs: &[u8]) -> crate::Result<Vec<u8>> {
        self.signs.sign(tbs)
    }
}

#[test]
fn a_signature_that_does_not_verify_is_never_handed_out() {
    let Ok(NewKey::InMemory(claims)) = KeyMaker::InMemory.generate(KeyAlgorithm::EcdsaP256) else {
        panic!("a key made in memory");
    };
    let cert = self_signed_root(&claims);
    let impostor = Impostor {
        signs: leaf_key(),
        claims,
    };
    // The key check passes (the impostor claims the CA's key)...
    let issuer = Issuer::new(
        cert,
        "ca.pem",
        Box::new(impostor) as Box<dyn Signer>,
        "token",
    )
    .unwrap();
    // ...but what it signs is checked with the CA certificate's key.
    let csr = request(r#"{"CN":"leaf","hosts":["leaf.example"]}"#, &leaf_key());
    let refused = issue(
        &csr,
        &Config::builtin().default,
        SignedBy::Ca(&issuer),
        &Options::default(),
        now(),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "signing failed: the signature made with impostor does not verify with the issuer's public key"
    );
}
