//! Kubernetes' files, made from the files certsmith (or cfssl) writes,
//! written as YAML through [`yaml::quoted`] (issue 19).

pub mod yaml;
