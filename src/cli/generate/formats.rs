//! certsmith-csr-json(5) and certsmith-config(5): the two file formats
//! certsmith reads, as section 5 man pages. Every key that `src/cfssl/request.rs`,
//! `src/cfssl/config.rs` and `src/cfssl/profile.rs` read is described here (a
//! test reads those files and checks that every key they name is in the
//! rendered page).
//!
//! Text in `backticks` is set in bold: keys, values and commands.

use clap_mangen::roff::{Inline, Roff, bold, roman};

pub struct Page {
    /// The page's name, without the section: `certsmith-csr-json`.
    pub name: &'static str,
    /// The NAME line's description.
    about: &'static str,
    sections: &'static [Section],
}

struct Section {
    heading: &'static str,
    blocks: &'static [Block],
}

enum Block {
    Paragraph(&'static str),
    /// A tagged paragraph: a key (or value) and what it means.
    Item(&'static str, &'static str),
    /// Lines shown as they are: JSON, commands.
    Verbatim(&'static str),
}

use Block::{Item, Paragraph, Verbatim};

pub const PAGES: [&Page; 2] = [&CSR_JSON, &CONFIG];

const CSR_JSON: Page = Page {
    name: "certsmith-csr-json",
    about: "the CSR JSON file: who a certificate is for, and what key to make",
    sections: &[
        Section {
            heading: "DESCRIPTION",
            blocks: &[
                Paragraph(
                    "A CSR JSON file is cfssl's certificate request template, read by \
                     `certsmith initca`, `genkey`, `csr`, `sign` (when given one instead of \
                     a CSR), `gencert` and `remote sign`. `certsmith print-defaults csr` \
                     prints a starter file. cfssl reads the same files.",
                ),
                Paragraph(
                    "It only proposes: a subject, names and a key. The signing profile \
                     decides everything else in the certificate (validity, usages, the CA \
                     flag, URLs; see certsmith-config(5)), except for `initca`, where the \
                     `ca` section shapes the new root.",
                ),
                Paragraph(
                    "Keys are matched case-insensitively, as Go's encoding/json matches \
                     them (`cn` works). A key certsmith does not know is named in a note \
                     on stderr and otherwise ignored, so that a typo does not pass \
                     silently. Every value is checked when the file is read, before a key \
                     is made; a bad one is an error naming the file and the field.",
                ),
            ],
        },
        Section {
            heading: "FIELDS",
            blocks: &[
                Item(
                    "CN",
                    "The subject's common name, at most 64 characters. A request needs a \
                     `CN` or `hosts` (or `sign --hostname`).",
                ),
                Item(
                    "names",
                    "A list of objects with the subject attributes below the CN: `C` \
                     (country: two upper-case letters, ISO 3166), `ST` (state or province, \
                     at most 128 characters), `L` (locality, 128), `O` (organization, 64), \
                     `OU` (organizational unit, 64) and `E` (emailAddress, 255). Each value \
                     becomes its own RDN, in Go's order (C, ST, L, O, OU, CN, serialNumber, \
                     emailAddress): two entries with an `O` each (Kubernetes groups) give \
                     two O attributes. A `SerialNumber` in an entry is read and dropped, \
                     as cfssl does.",
                ),
                Item(
                    "hosts",
                    "The subject alternative names, each classified in cfssl's order: an \
                     IP address, an email address, a URI (a scheme followed by //, or \
                     urn:), else a DNS name. Malformed names are refused: a DNS name with \
                     a space, a non-ASCII name (write its xn-- form), host:port. Empty \
                     strings are skipped with a note. `sign --hostname` replaces the list.",
                ),
                Item(
                    "key",
                    "The key to make: `{\"algo\": ALGO, \"size\": BITS}`. `algo` is `rsa` \
                     (`size` 2048 to 8192, default 2048; cfssl requires one), `ecdsa` (or \
                     `ec`; `size` 256, 384 or 521, default 256) or `ed25519` (`size` is ignored). \
                     Without `key`: ECDSA P-256, as cfssl. Keys are written as PKCS#8.",
                ),
                Item(
                    "ca",
                    "Makes the request one for a CA certificate (CA:TRUE). With `initca` \
                     its fields shape the root and win over the profile's: `pathlen` (0 \
                     to 255; 0 means no limit unless `pathlenzero` is true, as in cfssl), \
                     `pathlenzero`, `expiry` (a Go duration; default 43800h) and \
                     `backdate` (default 5m). With `genkey` or `sign` the CSR asks for \
                     CA:TRUE and the CA profile that signs it decides the rest. An empty \
                     section, `\"ca\": {}`, is enough to ask.",
                ),
                Item(
                    "serialnumber",
                    "The subject's serialNumber attribute (not the certificate's serial \
                     number, which is always 20 random bytes).",
                ),
                Item(
                    "crl_url",
                    "For `initca` (as in cfssl 1.6): the CRL distribution point written \
                     into the root certificate.",
                ),
            ],
        },
        Section {
            heading: "EXAMPLES",
            blocks: &[
                Paragraph("A leaf:"),
                Verbatim(
                    r#"{
  "CN": "www.example.net",
  "hosts": ["www.example.net", "example.net", "10.0.0.7"],
  "key": { "algo": "ecdsa", "size": 256 },
  "names": [{ "C": "US", "ST": "California", "L": "San Francisco", "O": "Example" }]
}"#,
                ),
                Paragraph("A root CA, for initca:"),
                Verbatim(
                    r#"{
  "CN": "Example Root CA",
  "key": { "algo": "ecdsa", "size": 384 },
  "names": [{ "C": "US", "O": "Example" }],
  "ca": { "expiry": "87600h", "pathlen": 1 }
}"#,
                ),
                Paragraph("Making and using them:"),
                Verbatim(
                    "certsmith print-defaults csr > server-csr.json\n\
                     certsmith initca ca-csr.json | certsmith split-json ca\n\
                     certsmith sign --ca ca.pem --ca-key ca-key.pem --profile server \\\n    \
                     server-csr.json | certsmith split-json server",
                ),
            ],
        },
        Section {
            heading: "SEE ALSO",
            blocks: &[Paragraph(
                "certsmith(1), certsmith-initca(1), certsmith-genkey(1), certsmith-csr(1), \
                 certsmith-sign(1), certsmith-print-defaults(1), certsmith-config(5)",
            )],
        },
    ],
};

const CONFIG: Page = Page {
    name: "certsmith-config",
    about: "the config JSON file: signing profiles, the policy of what a CA signs",
    sections: &[
        Section {
            heading: "DESCRIPTION",
            blocks: &[
                Paragraph(
                    "A config file is cfssl's signing configuration, read by `certsmith \
                     sign`, `renew`, `initca`, `cross-sign` and `gencert` through \
                     `--config`. Without `--config` they use the built-in config, which \
                     `certsmith print-defaults config` prints: the profiles `default`, \
                     `server`, `client`, `peer`, `kubernetes` and `intermediate`. cfssl \
                     reads the same files.",
                ),
                Paragraph(
                    "A profile is the policy of the certificates it signs: it decides \
                     validity, usages, basic constraints, URLs, policies and name \
                     constraints, and the CSR only proposes a subject, names and a key. \
                     `--profile NAME` picks one; an unknown name is an error listing the \
                     known ones (cfssl silently signs with `default` instead).",
                ),
                Paragraph(
                    "Keys are matched case-insensitively, as Go does, except profile, \
                     auth key and remote names, which are exact. A key certsmith does not \
                     know is named in a note on stderr and otherwise ignored.",
                ),
            ],
        },
        Section {
            heading: "TOP LEVEL",
            blocks: &[
                Item(
                    "signing",
                    "An object with `default` (the profile used without `--profile`, or \
                     with `--profile default`) and `profiles` (an object of named \
                     profiles). Without `default`, cfssl's: 8760h, with the usages \
                     signing, key encipherment, server auth and client auth.",
                ),
                Item(
                    "auth_keys",
                    "Named keys for cfssl's authenticated signing API: `{\"NAME\": \
                     {\"type\": \"standard\", \"key\": KEY}}`. KEY is hex, or `env:VAR` (the \
                     environment variable VAR holds the hex) or `file:PATH` (the file \
                     does).",
                ),
                Item(
                    "remotes",
                    "Named signer addresses: `{\"NAME\": \"ca.example:8888\"}` \
                     (https://host:port, http://host:port or host:port, which means \
                     http; a comma list fails over in order).",
                ),
            ],
        },
        Section {
            heading: "PROFILE FIELDS",
            blocks: &[
                Item(
                    "expiry",
                    "How long certificates are valid, as a Go duration: `8760h`, `1h30m`, \
                     `90s`; certsmith also reads `d` (24h) and `y` (8760h), which cfssl \
                     does not. A profile needs `expiry` or `not_after`. A certificate \
                     that would outlive its CA is clamped to the CA's notAfter, with a \
                     note (`--strict` refuses instead).",
                ),
                Item(
                    "backdate",
                    "How long before now notBefore is set, a margin for clock skew \
                     (default 5m).",
                ),
                Item(
                    "not_before, not_after",
                    "A fixed validity, as RFC 3339 times (`2030-01-01T00:00:00Z`), \
                     instead of now minus `backdate` and `expiry` after it.",
                ),
                Item(
                    "usages",
                    "A list of usage strings (see USAGES). KeyUsage is one critical \
                     extension, ExtendedKeyUsage one non-critical extension. An unknown \
                     string is an error (cfssl drops it silently). A usage the key type \
                     forbids is left out with a note: key and data encipherment for \
                     ECDSA (RFC 8813) and Ed25519 (RFC 8410) keys, key agreement for RSA \
                     keys (RFC 3279).",
                ),
                Item(
                    "ca_constraint",
                    "`{\"is_ca\": true, \"max_path_len\": N, \"max_path_len_zero\": B}` \
                     makes a CA profile, which must have the usage `cert sign` (and a \
                     leaf profile must not). `max_path_len` (0 to 255) limits the CAs \
                     below; as in Go, 0 means no limit unless `max_path_len_zero` is \
                     true. A path length is clamped to what the issuer allows, with a \
                     note. A CSR that asks for CA:TRUE is refused under a leaf profile.",
                ),
                Item(
                    "crl_url, ocsp_url, issuer_urls",
                    "The CRL distribution point, the OCSP responder and the CA issuers \
                     URLs (a list) of the certificates. A profile without them takes the \
                     default profile's.",
                ),
                Item(
                    "ocsp_no_check",
                    "When true, adds the id-pkix-ocsp-nocheck extension (for OCSP \
                     responder certificates).",
                ),
                Item(
                    "name_whitelist",
                    "A regular expression (RE2 syntax, as Go's) that the CN and every \
                     DNS, email and URI name must match.",
                ),
                Item(
                    "policies",
                    "Certificate policies: `[{\"ID\": \"1.2.3.4\", \"Qualifiers\": \
                     [{\"Type\": \"id-qt-cps\", \"Value\": \"https://example.com/cps\"}]}]`; a \
                     qualifier's `Type` is `id-qt-cps` (an ASCII URI) or `id-qt-unotice` \
                     (explicit text).",
                ),
                Item(
                    "CSRWhitelist",
                    "Which parts of the CSR are copied, each true or false: `Subject`, \
                     `DNSNames`, `IPAddresses`, `EmailAddresses`, `URIs`. The public key \
                     is always copied: `PublicKey`, `PublicKeyAlgorithm` and \
                     `SignatureAlgorithm` are read and need no value.",
                ),
                Item(
                    "name_constraints",
                    "RFC 5280 name constraints for the CA certificates a CA profile \
                     makes (see NAME CONSTRAINTS). A leaf profile with them is refused.",
                ),
                Item(
                    "remote",
                    "Sign remotely: the name of a `remotes` entry, or an address. Local \
                     signing with such a profile is refused with a clear error.",
                ),
                Item(
                    "auth_key",
                    "With `remote`: the name of the `auth_keys` entry that authenticates \
                     the request (cfssl's authsign).",
                ),
                Item(
                    "auth_remote",
                    "`{\"remote\": NAME, \"auth_key\": NAME}`: `remote` and `auth_key` in \
                     one object, as cfssl writes them.",
                ),
                Item(
                    "prev_auth_key",
                    "Read for cfssl compatibility (a signer's previous key, during \
                     rotation) and not used: a client signs with `auth_key`.",
                ),
                Item(
                    "copy_extensions",
                    "Read and ignored, with a note: the profile decides every extension, \
                     so a CSR cannot bring its own (in cfssl it can, bypassing \
                     `name_whitelist`).",
                ),
            ],
        },
        Section {
            heading: "NAME CONSTRAINTS",
            blocks: &[
                Paragraph(
                    "`name_constraints` is `{\"critical\": B, \"permitted\": {…}, \
                     \"excluded\": {…}}`. `critical` defaults to true, as RFC 5280 \
                     requires (false is for clients that do not know the extension). \
                     `permitted` and `excluded` each hold lists of:",
                ),
                Item(
                    "dns_domains",
                    "`example.com` (the domain and its subdomains) or `.example.com` \
                     (subdomains only). No wildcards, no trailing dot; non-ASCII domains \
                     in their xn-- form.",
                ),
                Item(
                    "ip_ranges",
                    "CIDR ranges: `10.0.0.0/8`, `fd00::/8`. An IPv4-mapped IPv6 range is \
                     refused (certificates carry IPv4 addresses in 4 bytes).",
                ),
                Item(
                    "email_addresses",
                    "A mailbox (`ops@example.com`), a host (`example.com`: mailboxes at \
                     that host) or `.example.com` (mailboxes at any subdomain).",
                ),
                Item(
                    "uri_domains",
                    "The host of URI names: `host.example.com` (that host) or \
                     `.example.com` (any subdomain).",
                ),
                Paragraph(
                    "At least one list must be given. When signing, every name of the new \
                     certificate (CN and SANs) is checked against the constraints of the \
                     issuing CA and of every CA certificate given with `--ca`, in the \
                     strictest reading of the verifiers: names are compared in one \
                     canonical form (lower case; IPv4-mapped addresses as IPv4), a \
                     permitted email or URI host without a leading dot is that host \
                     only, and an excluded one covers its subdomains too.",
                ),
            ],
        },
        Section {
            heading: "USAGES",
            blocks: &[
                Item("signing, digital signature", "KeyUsage digitalSignature"),
                Item(
                    "content commitment",
                    "KeyUsage contentCommitment (cfssl 1.2's spelling `content \
                     committment` is read too)",
                ),
                Item("key encipherment", "KeyUsage keyEncipherment"),
                Item("key agreement", "KeyUsage keyAgreement"),
                Item("data encipherment", "KeyUsage dataEncipherment"),
                Item("cert sign, crl sign", "KeyUsage keyCertSign, cRLSign"),
                Item(
                    "encipher only, decipher only",
                    "KeyUsage encipherOnly, decipherOnly",
                ),
                Item("any", "ExtendedKeyUsage anyExtendedKeyUsage"),
                Item(
                    "server auth, client auth",
                    "ExtendedKeyUsage serverAuth, clientAuth",
                ),
                Item("code signing", "ExtendedKeyUsage codeSigning"),
                Item(
                    "email protection, s/mime",
                    "ExtendedKeyUsage emailProtection",
                ),
                Item(
                    "ipsec end system, ipsec tunnel, ipsec user",
                    "ExtendedKeyUsage ipsecEndSystem, ipsecTunnel, ipsecUser",
                ),
                Item(
                    "timestamping, ocsp signing",
                    "ExtendedKeyUsage timeStamping, OCSPSigning",
                ),
                Item(
                    "microsoft sgc, netscape sgc",
                    "ExtendedKeyUsage 1.3.6.1.4.1.311.10.3.3, 2.16.840.1.113730.4.1",
                ),
            ],
        },
        Section {
            heading: "ENVIRONMENT",
            blocks: &[Item(
                "VAR",
                "An `auth_keys` key written as `env:VAR` is read from the environment \
                 variable VAR when a profile signs remotely.",
            )],
        },
        Section {
            heading: "EXAMPLES",
            blocks: &[
                Paragraph("Two leaf profiles and an intermediate CA limited to one domain:"),
                Verbatim(
                    r#"{
  "signing": {
    "default": { "expiry": "8760h", "usages": ["digital signature", "server auth"] },
    "profiles": {
      "server": { "expiry": "2160h", "usages": ["digital signature", "server auth"] },
      "client": { "expiry": "720h", "usages": ["digital signature", "client auth"] },
      "intermediate": {
        "expiry": "43800h",
        "usages": ["digital signature", "cert sign", "crl sign"],
        "ca_constraint": { "is_ca": true, "max_path_len": 0, "max_path_len_zero": true },
        "name_constraints": {
          "permitted": { "dns_domains": ["example.com"], "ip_ranges": ["10.0.0.0/8"] }
        },
        "crl_url": "http://pki.example.com/root.crl"
      }
    }
  }
}"#,
                ),
                Paragraph("A client config for a cfssl signer with an auth key:"),
                Verbatim(
                    r#"{
  "signing": {
    "profiles": {
      "server": { "auth_remote": { "remote": "ca", "auth_key": "primary" } }
    }
  },
  "auth_keys": { "primary": { "type": "standard", "key": "env:CFSSL_AUTH_KEY" } },
  "remotes": { "ca": "https://ca.example.com:8888" }
}"#,
                ),
                Verbatim(
                    "certsmith print-defaults config > ca-config.json\n\
                     certsmith sign --ca ca.pem --ca-key ca-key.pem --config ca-config.json \\\n    \
                     --profile server server-csr.json | certsmith split-json server",
                ),
            ],
        },
        Section {
            heading: "SEE ALSO",
            blocks: &[Paragraph(
                "certsmith(1), certsmith-sign(1), certsmith-renew(1), certsmith-initca(1), \
                 certsmith-cross-sign(1), certsmith-print-defaults(1), \
                 certsmith-csr-json(5)",
            )],
        },
    ],
};

/// `text` with its `backticked` parts in bold.
fn inline(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { bold(part) } else { roman(part) })
        .collect()
}

pub fn render(page: &Page) -> String {
    let mut roff = Roff::new();
    let source = format!("certsmith {}", env!("CARGO_PKG_VERSION"));
    roff.control(
        "TH",
        [page.name, "5", "\"\"", source.as_str(), "certsmith manual"],
    );
    roff.control("nh", []).control("ad", ["l"]);
    roff.control("SH", ["NAME"]);
    roff.text([roman(format!("{} - {}", page.name, page.about))]);
    for section in page.sections {
        roff.control("SH", [section.heading]);
        for block in section.blocks {
            match block {
                Paragraph(text) => {
                    roff.control("PP", []);
                    roff.text(inline(text));
                }
                Item(term, text) => {
                    roff.control("TP", []);
                    roff.text(inline(&format!("`{term}`")));
                    roff.text(inline(text));
                }
                Verbatim(text) => {
                    roff.control("PP", []);
                    roff.control("RS", ["4"]);
                    roff.control("EX", []);
                    for line in text.lines() {
                        roff.text([roman(line)]);
                    }
                    roff.control("EE", []);
                    roff.control("RE", []);
                }
            }
        }
    }
    roff.render()
}
