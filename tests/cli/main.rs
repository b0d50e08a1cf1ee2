//! certsmith's integration tests: one binary, one module per subcommand
//! (mirroring src/cli/), every certificate checked by independent verifiers
//! (openssl, cfssl, pkilint) through `support`.

mod support;

mod batch;
mod bundle;
mod cfssl_flags;
mod compat;
#[cfg(feature = "fault-injection")]
mod core_dump;
mod crl;
mod cross_sign;
mod csr;
mod der;
mod docs;
mod ecosystem_examples;
mod error_messages;
mod examples;
mod federation;
mod fuzz_regressions;
mod generate;
mod genkey;
mod hostile;
mod initca;
mod inspect;
mod issue13_keys;
mod key;
mod kube;
mod ledger;
mod ledger_scan;
mod messages;
mod name_constraints;
mod offline_root;
mod passphrase;
mod pkcs11;
mod pkcs12;
mod profiles;
mod quorum;
mod quorum_keys;
mod quorum_root;
mod quorum_split;
mod remote;
mod renew;
mod rerun;
mod review15;
mod review19;
mod review20;
mod review20_labels;
mod revoke;
mod rotation_examples;
mod sign;
mod split_json;
mod split_json_atomic;
mod vault;
mod vault_remote;
mod vault_renewal;
