//! What can go wrong writing a Kubernetes Secret or a kubeconfig (issue 19).
//! One enum of its own, as [`crate::Error::Kube`].

use std::fmt;

/// A refusal of `export k8s-secret` or `export kubeconfig`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KubeError {
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
