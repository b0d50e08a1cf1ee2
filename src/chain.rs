//! Chain building and verification (`bundle`): from a leaf, through a pool of
//! intermediates, to one of the roots the caller trusts, checking every link
//! the way a relying party does (RFC 5280 §6.1, simplified to what a private
//! PKI uses); and federation, a trust bundle of several autonomous roots.
//!
//! A private PKI has no system trust store, so the roots are always given.
//! Path building is a depth-first search over candidate issuers (same subject
//! name; same key identifier when both certificates carry one), so that
//! distractors (unrelated CAs, a re-keyed CA with the same name) and several
//! valid paths (a cross-signed root) are handled. When no path is complete,
//! the failure reached deepest in the search is reported: it names the link
//! that is missing or the check that failed.

use std::path::Path;

use ::time::OffsetDateTime;

use crate::time::rfc3339;
use crate::x509::certificate::{BasicConstraints, Certificate};
use crate::x509::san::San;
use crate::x509::signature::{self, VerifyError};
use crate::{Error, Result, files, x509::name_constraints};

/// A certificate of a chain given to [`check_chain`], with where it was read.
pub struct ChainLink<'a> {
    pub cert: &'a Certificate,
    /// The file it came from.
    pub source: &'a str,
    /// Its place among that file's certificates, from 1.
    pub index: usize,
}

/// Checks that each certificate of a chain *as given* (not built, as
/// [`build`] does) signed the one before it, the first one `leaf`: the order
/// a PKCS#12 entry's chain is read in (Java presents it as it is) and a
/// `tls.crt` is sent in, checked by signature, not by names.
pub fn check_chain(leaf: &Certificate, chain: &[ChainLink<'_>]) -> Result<()> {
    let mut below = leaf;
    for link in chain {
        if !below.is_signed_by(link.cert) {
            return Err(Error::ChainOutOfOrder {
                path: link.source.into(),
                index: link.index,
            });
        }
        below = link.cert;
    }
    Ok(())
}

/// The longest chain searched, leaf and root included.
pub const MAX_DEPTH: usize = 8;

/// A verified chain: leaf, intermediates in order (the leaf's issuer first),
/// and the trusted root they lead to.
#[derive(Debug, Clone)]
pub struct Chain {
    pub leaf: Certificate,
    pub intermediates: Vec<Certificate>,
    pub root: Certificate,
}

impl Chain {
    /// Leaf, intermediates, root.
    pub fn certificates(&self) -> impl Iterator<Item = &Certificate> {
        std::iter::once(&self.leaf)
            .chain(&self.intermediates)
            .chain(std::iter::once(&self.root))
    }

    /// The earliest notAfter in the chain: when it stops verifying.
    pub fn expires(&self) -> OffsetDateTime {
        self.certificates()
            .map(|c| c.not_after)
            .min()
            .expect("a chain has a leaf")
    }
}

/// A certificate read from `source` (a file, or a file inside a directory).
#[derive(Debug, Clone)]
pub struct Sourced {
    pub source: String,
    pub cert: Certificate,
}

/// Every certificate in a file, or in the files under a directory (walked
/// recursively, in name order). Inside a directory, files that hold no
/// certificate are skipped; a file named directly must hold one.
pub fn load_certificates(path: &Path) -> Result<Vec<Sourced>> {
    let source = path.display().to_string();
    if !path.is_dir() {
        let bytes = files::read(path)?;
        return Ok(Certificate::all_from_bytes(&bytes, &source)?
            .into_iter()
            .map(|cert| Sourced {
                source: source.clone(),
                cert,
            })
            .collect());
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::ReadFile {
            path: e.path().unwrap_or(path).to_path_buf(),
            source: e.into_io_error().unwrap_or_else(|| {
                std::io::Error::other("file system loop while walking the directory")
            }),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let source = entry.path().display().to_string();
        let bytes = files::read(entry.path())?;
        if let Ok(certs) = Certificate::all_from_bytes(&bytes, &source) {
            found.extend(certs.into_iter().map(|cert| Sourced {
                source: source.clone(),
                cert,
            }));
        }
    }
    Ok(found)
}

/// Builds and verifies a chain from `leaf` to one of `roots` through
/// `intermediates`, at time `now`. `leaf_source` names the leaf in errors.
///
/// Among several complete paths, the one that stays valid longest wins (the
/// latest earliest-notAfter over the certificates above the leaf), then the
/// shorter one.
pub fn build(
    leaf: &Certificate,
    leaf_source: &str,
    intermediates: &[Certificate],
    roots: &[Certificate],
    now: OffsetDateTime,
) -> Result<Chain> {
    let incomplete = |reason: String| Error::ChainIncomplete {
        cert: leaf_source.to_string(),
        reason,
    };
    if let Err(reason) = check_validity(leaf, "leaf", now) {
        return Err(incomplete(reason));
    }
    let mut pool: Vec<Candidate> = Vec::new();
    for (cert, is_root) in roots
        .iter()
        .map(|c| (c, true))
        .chain(intermediates.iter().map(|c| (c, false)))
    {
        if !pool.iter().any(|p| p.cert.der == cert.der) {
            pool.push(Candidate { cert, is_root });
        }
    }
    let mut search = Search {
        n_intermediates: pool.iter().filter(|c| !c.is_root).count(),
        n_roots: pool.iter().filter(|c| c.is_root).count(),
        pool,
        now,
        failure: None,
        complete: Vec::new(),
    };
    let mut path = vec![leaf];
    search.extend(&mut path);
    let best = search
        .complete
        .iter()
        .max_by_key(|p| {
            let expires = p[1..].iter().map(|c| c.not_after).min();
            (expires, std::cmp::Reverse(p.len()))
        })
        .cloned();
    match best {
        Some(path) => Ok(Chain {
            leaf: leaf.clone(),
            intermediates: path[1..path.len() - 1]
                .iter()
                .map(|c| (*c).clone())
                .collect(),
            root: path[path.len() - 1].clone(),
        }),
        None => Err(incomplete(
            search
                .failure
                .map(|f| f.reason)
                .unwrap_or_else(|| "no path found".into()),
        )),
    }
}

struct Candidate<'a> {
    cert: &'a Certificate,
    is_root: bool,
}

/// Why a path stopped, and how far from the leaf (certificates in the path).
struct Failure {
    depth: usize,
    reason: String,
}

struct Search<'a> {
    pool: Vec<Candidate<'a>>,
    n_intermediates: usize,
    n_roots: usize,
    now: OffsetDateTime,
    failure: Option<Failure>,
    complete: Vec<Vec<&'a Certificate>>,
}

impl<'a> Search<'a> {
    /// Keeps the deepest failure; at equal depth, the first one found.
    fn fail(&mut self, depth: usize, reason: String) {
        if self.failure.as_ref().is_none_or(|f| depth > f.depth) {
            self.failure = Some(Failure { depth, reason });
        }
    }

    fn extend(&mut self, path: &mut Vec<&'a Certificate>) {
        let child = *path.last().expect("the path starts at the leaf");
        let depth = path.len();
        if depth >= MAX_DEPTH {
            self.fail(
                depth,
                format!("no root within {MAX_DEPTH} certificates of the leaf"),
            );
            return;
        }
        let aki = &child.authority_key_id;
        let mut other_key = 0;
        let mut candidates = Vec::new();
        for (i, cand) in self.pool.iter().enumerate() {
            if cand.cert.subject_der != child.issuer_der {
                continue;
            }
            if let (Some(aki), Some(ski)) = (&aki, &cand.cert.subject_key_id)
                && aki != ski
            {
                other_key += 1;
                continue;
            }
            if path.iter().any(|p| p.der == cand.cert.der) {
                continue;
            }
            candidates.push(i);
        }
        if candidates.is_empty() {
            let reason = if child.subject_der == child.issuer_der {
                format!(
                    "\"{}\" is self-signed but not among the roots",
                    child.subject_text()
                )
            } else {
                let mut reason = format!(
                    "no issuer found for \"{}\" (looked for subject \"{}\" among {} and {}",
                    child.subject_text(),
                    child.issuer_text(),
                    plural(self.n_intermediates, "intermediate"),
                    plural(self.n_roots, "root"),
                );
                if other_key > 0 {
                    reason += &format!(
                        "; {} with that subject {} another key",
                        plural(other_key, "certificate"),
                        if other_key == 1 { "has" } else { "have" }
                    );
                }
                reason + ")"
            };
            self.fail(depth, reason);
            return;
        }
        for i in candidates {
            let Candidate { cert, is_root } = self.pool[i];
            if let Err(reason) = check_link(child, cert, is_root, path.len() - 1, self.now) {
                self.fail(depth, reason);
                continue;
            }
            path.push(cert);
            if is_root {
                self.finish(path);
            } else {
                self.extend(path);
            }
            path.pop();
        }
    }

    /// A path that reached a root: the leaf's names against the name
    /// constraints of every CA above it.
    fn finish(&mut self, path: &[&'a Certificate]) {
        let leaf = path[0];
        for ca in &path[1..] {
            let source = format!("\"{}\"", ca.subject_text());
            if let Err(e) = name_constraints::check_chain(
                [*ca],
                &source,
                leaf.common_name.as_deref(),
                &leaf.sans,
            ) {
                self.fail(path.len(), e.to_string());
                return;
            }
        }
        self.complete.push(path.to_vec());
    }
}

/// Whether `parent` may have issued `child`: signature, CA flag, key usage,
/// path length (`cas_below`: CA certificates between `parent` and the leaf),
/// validity at `now`.
fn check_link(
    child: &Certificate,
    parent: &Certificate,
    parent_is_root: bool,
    cas_below: usize,
    now: OffsetDateTime,
) -> std::result::Result<(), String> {
    check_signature(child, parent)?;
    if !parent.is_ca() {
        return Err(format!(
            "\"{}\" is not a CA certificate (BasicConstraints cA is not set) and cannot issue \"{}\"",
            parent.subject_text(),
            child.subject_text()
        ));
    }
    if parent.key_cert_sign() == Some(false) {
        return Err(format!(
            "\"{}\" cannot issue \"{}\": its KeyUsage lacks keyCertSign",
            parent.subject_text(),
            child.subject_text()
        ));
    }
    if let BasicConstraints::Ca {
        path_len: Some(path_len),
    } = parent.basic_constraints
        && cas_below > usize::from(path_len)
    {
        return Err(format!(
            "\"{}\" has pathlen {path_len} but {} below it in the chain",
            parent.subject_text(),
            plural(cas_below, "CA certificate")
        ));
    }
    check_validity(
        parent,
        if parent_is_root {
            "root"
        } else {
            "intermediate"
        },
        now,
    )
}

fn check_signature(child: &Certificate, parent: &Certificate) -> std::result::Result<(), String> {
    signature::verify_with_key(
        parent.key_algorithm,
        &parent.public_key_bits,
        &child.signature_algorithm,
        child.tbs_der(),
        &child.signature,
    )
    .map_err(|e| match e {
        VerifyError::Invalid => format!(
            "signature of \"{}\" does not verify with \"{}\"",
            child.subject_text(),
            parent.subject_text()
        ),
        VerifyError::Unsupported(oid) => format!(
            "signature of \"{}\" uses algorithm {oid}, which certsmith does not verify",
            child.subject_text()
        ),
    })
}

fn check_validity(
    cert: &Certificate,
    kind: &str,
    now: OffsetDateTime,
) -> std::result::Result<(), String> {
    if now < cert.not_before {
        return Err(format!(
            "{kind} \"{}\" is not valid before {}",
            cert.subject_text(),
            rfc3339(cert.not_before)
        ));
    }
    if now > cert.not_after {
        return Err(format!(
            "{kind} \"{}\" expired on {}",
            cert.subject_text(),
            rfc3339(cert.not_after)
        ));
    }
    Ok(())
}

/// Checks that a certificate may go into a federation trust bundle: a
/// self-signed CA certificate (subject = issuer, signature by its own key,
/// cA set) valid at `now`.
pub fn check_federable(cert: &Certificate, now: OffsetDateTime) -> std::result::Result<(), String> {
    let name = &cert.subject_text();
    if cert.subject_der != cert.issuer_der {
        return Err(format!(
            "\"{name}\" is not self-signed (issued by \"{}\")",
            cert.issuer_text()
        ));
    }
    check_signature(cert, cert).map_err(|_| {
        format!("\"{name}\" is not self-signed (its signature does not verify with its own key)")
    })?;
    if !cert.is_ca() {
        return Err(format!(
            "\"{name}\" is not a CA certificate (BasicConstraints cA is not set)"
        ));
    }
    check_validity(cert, "root", now)
}

/// A federation trust bundle: every certificate checked with
/// [`check_federable`], each distinct certificate once, in the order given.
pub fn federate(roots: Vec<Sourced>, now: OffsetDateTime) -> Result<Vec<Certificate>> {
    let mut bundle: Vec<Certificate> = Vec::new();
    for Sourced { source, cert } in roots {
        check_federable(&cert, now).map_err(|reason| Error::NotFederable { source, reason })?;
        if !bundle.iter().any(|c| c.der == cert.der) {
            bundle.push(cert);
        }
    }
    Ok(bundle)
}

/// The names a client checks a server certificate against, as cfssl's
/// bundle lists them: DNS names and IP addresses, else the CN.
pub fn hostnames(cert: &Certificate) -> Vec<String> {
    let names: Vec<String> = cert
        .sans
        .iter()
        .filter_map(|s| match s {
            San::Dns(d) => Some(d.clone()),
            San::Ip(ip) => Some(ip.to_string()),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        cert.common_name.clone().into_iter().collect()
    } else {
        names
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
