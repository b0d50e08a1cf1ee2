//! What can go wrong writing a Kubernetes Secret or a kubeconfig (issue 19).
//! One enum of its own, as [`crate::Error::Kube`].

use std::fmt;

use crate::kube::Holder;

/// A refusal of `export k8s-secret` or `export kubeconfig`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KubeError {
    /// A key sealed with age, where the file made holds the key in the
    /// clear: opening it is the user's decision, made with its own command.
    SealedKey { path: String, holder: Holder },
    /// A key in a PKCS#11 token, which never leaves it.
    TokenKey { uri: String, holder: Holder },
    /// A key whose public key is not the certificate's.
    KeyNotForCertificate { cert: String, key: String },
    /// A chain certificate (`index` from 1, in the chain file) that did not
    /// sign the certificate before it.
    ChainOutOfOrder { chain: String, index: usize },
    /// A name Kubernetes would refuse: `rule` says which rule it breaks.
    InvalidName {
        what: &'static str,
        value: String,
        rule: &'static str,
    },
    /// A label that is not `KEY=VALUE`.
    LabelWithoutValue { label: String },
    /// A label key given twice.
    DuplicateLabel { key: String },
    /// An API server address that is not an https:// (or http://) URL with
    /// a host: `problem` says what is wrong.
    InvalidServer {
        value: String,
        problem: &'static str,
    },
    /// A kubeconfig name (`what`: cluster, user, context) that is empty.
    EmptyName { what: &'static str },
    /// A client certificate without a CN to name the kubeconfig's user after.
    NoCommonName { cert: String },
}

impl fmt::Display for KubeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KubeError::SealedKey { path, holder } => write!(
                f,
                "{path} is sealed with age, and {holder} holds its key in the clear; refusing to open it here"
            ),
            KubeError::TokenKey { uri, holder } => write!(
                f,
                "{uri}: a key in a PKCS#11 token never leaves it, and {holder} holds the key itself"
            ),
            KubeError::KeyNotForCertificate { cert, key } => write!(
                f,
                "{key} is not the key of {cert}: their public keys differ"
            ),
            KubeError::ChainOutOfOrder { chain, index } => write!(
                f,
                "{chain}: certificate {index} did not sign the certificate before it; a chain goes from the leaf's issuer up"
            ),
            KubeError::InvalidName { what, value, rule } => {
                write!(f, "{what} \"{value}\" is not {rule}")
            }
            KubeError::LabelWithoutValue { label } => {
                write!(f, "label \"{label}\" has no '=': a label is KEY=VALUE")
            }
            KubeError::DuplicateLabel { key } => write!(f, "label \"{key}\" is given twice"),
            KubeError::InvalidServer { value, problem } => {
                write!(f, "\"{value}\" is not an API server address: {problem}")
            }
            KubeError::EmptyName { what } => write!(f, "the kubeconfig's {what} name is empty"),
            KubeError::NoCommonName { cert } => {
                write!(f, "{cert} has no CN to name the kubeconfig's user after")
            }
        }
    }
}
