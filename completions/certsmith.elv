
use builtin;
use str;

set edit:completion:arg-completer[certsmith] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'certsmith'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'certsmith'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand initca 'Make a self-signed CA certificate and its key: {"cert","csr","key"}'
            cand genkey 'Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key)'
            cand csr 'Make a CSR for an existing key: {"csr"}'
            cand sign 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})'
            cand split-json 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …'
            cand bundle 'Build and verify a certificate''s chain: {"bundle","crt","root",…}'
            cand inspect 'Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees)'
            cand key 'Seal, open and describe private keys; make age identities'
            cand remote 'Talk to a cfssl signer (cfssl serve, multirootca), or to Vault''s or OpenBao''s PKI engine (--vault)'
            cand gencert 'cfssl''s gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign'
            cand certinfo 'cfssl''s certinfo: describe one certificate or CSR as JSON (inspect''s fields)'
            cand print-defaults 'Print starter files (cfssl print-defaults): csr, config, list'
            cand revoke 'Record that a certificate is revoked; `certsmith crl` publishes it'
            cand crl 'Print a signed v2 CRL (PEM, or DER with --der): from the ledger''s revocations, or from a list of serials'
            cand cross-sign 'Re-issue a new root''s certificate under an old root: {"cert"}'
            cand renew 'Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key'
            cand ledger 'Check the issuance ledger that --ledger writes'
            cand export 'Write a certificate and key in the form another tool takes: PKCS#12, a Kubernetes Secret, a kubeconfig, DER'
            cand import 'Read a file another tool wrote into certsmith''s (cfssl''s) JSON'
            cand selfsign 'Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}'
            cand gencrl 'Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line'
            cand info 'Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)'
            cand version 'Print certsmith''s version (cfssl version)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;initca'= {
            cand --key 'Make a new certificate for this existing CA key (plain or age-sealed, or pkcs11:… in a token) instead of a new key'
            cand --pkcs11-key 'Make the new key in a PKCS#11 token, labelled by the URI''s object= (pkcs11:token=…;object=…); no key is written'
            cand --ca 'With --key: renew this root certificate (its subject, SKI and pathlen) instead of reading a CSR JSON'
            cand --config 'Config JSON whose profile shapes the root (default: built-in)'
            cand --profile 'CA profile to use from the config (default: a 43800h root)'
            cand --ledger 'Start (or extend) this ledger with the root''s issuance'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;genkey'= {
            cand --pkcs11-key 'Make the key in a PKCS#11 token, labelled by the URI''s object= (pkcs11:token=…;object=…); only the CSR is printed'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;csr'= {
            cand --key 'The private key to make the request for, plain or age-sealed, or pkcs11:… in a token'
            cand --from-cert 'Take subject and SANs from this certificate instead of a CSR JSON'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;sign'= {
            cand --ca 'The issuing CA''s certificate, optionally followed by the CAs above it (not needed when the profile signs remotely)'
            cand --ca-key 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --tls-remote-ca 'For a profile with `remote` or `auth_remote`: the CA the signer''s TLS certificate chains to'
            cand --config 'Config JSON with signing profiles (default: built-in)'
            cand --profile 'Signing profile (default: the config''s default profile)'
            cand --hostname 'Replace the request''s SANs: comma-separated DNS names, IPs, emails, URIs'
            cand --ledger 'Record the issuance in this ledger (one signed JSON line per certificate)'
            cand --key 'Make the request from the CSR JSON for this existing private key (plain or age-sealed) instead of a new one'
            cand --out-dir 'With --batch: write NAME.pem, NAME-key.pem (0600) and NAME.csr into DIR instead of printing JSON lines; an existing file is never replaced (that input is refused)'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --strict 'Refuse, instead of clamping, a validity that would start before the CA or outlive it'
            cand --batch 'Sign every INPUT in one run (files, directories, - for JSON lines), recorded a chunk at a time'
            cand --keep-going 'With --batch: report and skip a refused input instead of stopping there (exit 1 still)'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;split-json'= {
            cand -f 'The JSON to split (default: stdin)'
            cand --file 'The JSON to split (default: stdin)'
            cand --bare 'Accepted for cfssljson compatibility: both shapes are always read'
            cand --stdout 'Print the PEM parts on stdout instead of writing files'
            cand --force 'Replace an existing key file that holds a different key'
            cand --rekey 'Replace NAME''s key with the new one if NAME is a leaf (its certificate is no CA''s)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;bundle'= {
            cand --intermediates 'Intermediate CA certificates: a file or a directory (repeatable)'
            cand --roots 'Trusted roots: a file or a directory of self-signed CA certificates (repeatable)'
            cand --federate 'Print one PEM trust bundle of these roots (files or directories), each checked and listed once'
            cand --pem 'Print the chain as PEM (leaf, then intermediates; no root) instead of JSON'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;inspect'= {
            cand --expiring-within 'List only the certificates that expire within DURATION (Go syntax: 720h, 30d), expired ones included; exit 0 if any is listed, 1 if none, 2 on error'
            cand --needs-renewal 'List only the certificates that have lived FRACTION of their lifetime (0.75, 75% or 2/3; default 2/3, as step), expired ones included; exit 0 if any is listed, 1 if none, 2 on error'
            cand --json 'Print a JSON array (cfssl certinfo''s fields for certificates, plus certsmith''s)'
            cand --short 'One line per certificate (other objects are left out): PATH: SUBJECT expires NOTAFTER (TIME left), ending in `renew` or `ok` with --needs-renewal or --expiring-within, which then list every certificate'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand encrypt 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout'
            cand decrypt 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)'
            cand public 'Print the public key (PEM) of a key, CSR or certificate'
            cand fingerprint 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print'
            cand identity 'Make an age X25519 identity (age-keygen''s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr'
            cand share 'A custodian''s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file'
            cand reshare 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;key;encrypt'= {
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --force 'Replace an existing FILE'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;decrypt'= {
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --force 'Replace an existing FILE'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;public'= {
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;fingerprint'= {
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;identity'= {
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --force 'Replace an existing FILE'
            cand -p 'Seal the identity file with a passphrase (scrypt), as `age -p` would: no plaintext identity is ever written'
            cand --passphrase 'Seal the identity file with a passphrase (scrypt), as `age -p` would: no plaintext identity is ever written'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;share'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand release 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)'
            cand check 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;key;share;release'= {
            cand -i 'Your identity file (age, SSH, or passphrase-protected): it opens your share'
            cand --identity 'Your identity file (age, SSH, or passphrase-protected): it opens your share'
            cand --to 'The ceremony machine''s one-time recipient (age1…), which alone can open the released share'
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --force 'Replace an existing FILE'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;share;check'= {
            cand -i 'A custodian''s identity file (repeatable); with --share, the one-time identity'
            cand --identity 'A custodian''s identity file (repeatable); with --share, the one-time identity'
            cand --share 'A share released to the identity given with -i (repeatable)'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;share;help'= {
            cand release 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)'
            cand check 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;key;share;help;release'= {
        }
        &'certsmith;key;share;help;check'= {
        }
        &'certsmith;key;share;help;help'= {
        }
        &'certsmith;key;reshare'= {
            cand --ca 'The CA certificate whose key this is: a quorum file for another key is refused before any custodian opens a share, and an opened key that is not the certificate''s is refused'
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --force 'Replace an existing FILE'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;key;help'= {
            cand encrypt 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout'
            cand decrypt 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)'
            cand public 'Print the public key (PEM) of a key, CSR or certificate'
            cand fingerprint 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print'
            cand identity 'Make an age X25519 identity (age-keygen''s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr'
            cand share 'A custodian''s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file'
            cand reshare 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;key;help;encrypt'= {
        }
        &'certsmith;key;help;decrypt'= {
        }
        &'certsmith;key;help;public'= {
        }
        &'certsmith;key;help;fingerprint'= {
        }
        &'certsmith;key;help;identity'= {
        }
        &'certsmith;key;help;share'= {
            cand release 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)'
            cand check 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written'
        }
        &'certsmith;key;help;share;release'= {
        }
        &'certsmith;key;help;share;check'= {
        }
        &'certsmith;key;help;reshare'= {
        }
        &'certsmith;key;help;help'= {
        }
        &'certsmith;remote'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand sign 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON'
            cand info 'Ask a signer for its certificate, usages and expiry (with --vault: the mount''s CA chain)'
            cand revoke 'Have Vault''s or OpenBao''s PKI engine revoke a certificate it issued'
            cand token 'Print cfssl''s authentication token (base64 HMAC-SHA256) of a file''s bytes'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;remote;sign'= {
            cand --remote 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order'
            cand --tls-remote-ca 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)'
            cand --client-cert 'A client certificate for mutual TLS'
            cand --client-key 'The client certificate''s private key'
            cand --label 'The CA label (multirootca); empty for the server''s default'
            cand --profile 'The signing profile on the server'
            cand --vault 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order'
            cand --mount 'The PKI secrets engine''s mount path (pki_int)'
            cand --token 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)'
            cand --approle-role-id 'Log in with AppRole: the role id from env:VAR or file:PATH'
            cand --approle-secret-id 'The AppRole secret id, from env:VAR or file:PATH'
            cand --namespace 'The namespace (X-Vault-Namespace)'
            cand --role 'With --vault: the role that signs (MOUNT/sign/ROLE)'
            cand --ttl 'With --vault: the certificate''s lifetime (Vault''s syntax: 24h, 30m), instead of the role''s'
            cand --auth-key 'Authenticate with the hex key in env:VAR or file:PATH (uses /authsign)'
            cand --hostname 'Replace the request''s SANs: comma-separated DNS names, IPs, emails, URIs'
            cand --ca 'The signer''s CA chain: the returned certificate must verify against it'
            cand --key 'Make the request from the CSR JSON for this existing private key (plain or age-sealed) instead of a new one'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --verbatim 'With --vault: sign-verbatim, the CSR''s subject and extensions as the role allows'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;remote;info'= {
            cand --remote 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order'
            cand --tls-remote-ca 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)'
            cand --client-cert 'A client certificate for mutual TLS'
            cand --client-key 'The client certificate''s private key'
            cand --label 'The CA label (multirootca); empty for the server''s default'
            cand --profile 'The signing profile on the server'
            cand --vault 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order'
            cand --mount 'The PKI secrets engine''s mount path (pki_int)'
            cand --token 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)'
            cand --approle-role-id 'Log in with AppRole: the role id from env:VAR or file:PATH'
            cand --approle-secret-id 'The AppRole secret id, from env:VAR or file:PATH'
            cand --namespace 'The namespace (X-Vault-Namespace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;remote;revoke'= {
            cand --remote 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order'
            cand --tls-remote-ca 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)'
            cand --client-cert 'A client certificate for mutual TLS'
            cand --client-key 'The client certificate''s private key'
            cand --label 'The CA label (multirootca); empty for the server''s default'
            cand --profile 'The signing profile on the server'
            cand --vault 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order'
            cand --mount 'The PKI secrets engine''s mount path (pki_int)'
            cand --token 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)'
            cand --approle-role-id 'Log in with AppRole: the role id from env:VAR or file:PATH'
            cand --approle-secret-id 'The AppRole secret id, from env:VAR or file:PATH'
            cand --namespace 'The namespace (X-Vault-Namespace)'
            cand --serial 'The certificate''s serial number, hex (colons allowed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;remote;token'= {
            cand --auth-key 'The auth key, named as env:VAR or file:PATH (the file holds hex)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;remote;help'= {
            cand sign 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON'
            cand info 'Ask a signer for its certificate, usages and expiry (with --vault: the mount''s CA chain)'
            cand revoke 'Have Vault''s or OpenBao''s PKI engine revoke a certificate it issued'
            cand token 'Print cfssl''s authentication token (base64 HMAC-SHA256) of a file''s bytes'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;remote;help;sign'= {
        }
        &'certsmith;remote;help;info'= {
        }
        &'certsmith;remote;help;revoke'= {
        }
        &'certsmith;remote;help;token'= {
        }
        &'certsmith;remote;help;help'= {
        }
        &'certsmith;gencert'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;certinfo'= {
            cand --cert 'A certificate file, or - for stdin'
            cand --csr 'A CSR file, or - for stdin'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;print-defaults'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand csr 'A CSR JSON'
            cand config 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)'
            cand list 'The names print-defaults knows'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;print-defaults;csr'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;print-defaults;config'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;print-defaults;list'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;print-defaults;help'= {
            cand csr 'A CSR JSON'
            cand config 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)'
            cand list 'The names print-defaults knows'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;print-defaults;help;csr'= {
        }
        &'certsmith;print-defaults;help;config'= {
        }
        &'certsmith;print-defaults;help;list'= {
        }
        &'certsmith;print-defaults;help;help'= {
        }
        &'certsmith;revoke'= {
            cand --ca 'The issuing CA''s certificate, optionally followed by the CAs above it'
            cand --ca-key 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --ledger 'The CA''s issuance ledger (verified before the revocation is added)'
            cand --serial 'The serial to revoke, in hex as openssl prints it (any case, colons allowed); the ledger must record it as issued by this CA'
            cand --cert 'The certificate to revoke: accepted when this CA signed it, even if the ledger does not know it (issued before the ledger existed)'
            cand --reason 'Why it is revoked: one of RFC 5280''s reason names (any case)'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --force 'Revoke a --serial that the ledger does not record (a certificate issued before the ledger existed, whose file is gone)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;crl'= {
            cand --ca 'The issuing CA''s certificate, optionally followed by the CAs above it'
            cand --ca-key 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --ledger 'The CA''s ledger: its revocations go in, the CRL number follows the last one published'
            cand --revoked 'A file of serials (hex), one per line, each optionally followed by a reason'
            cand --next-update 'How long until the next CRL is due (Go duration)'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --der 'Print the CRL in DER (binary), as a distribution point serves it (application/pkix-crl), instead of PEM; refused on a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;cross-sign'= {
            cand --ca 'The issuing CA''s certificate, optionally followed by the CAs above it'
            cand --ca-key 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --config 'Config JSON with a CA profile to use instead of the new root''s own constraints'
            cand --profile 'CA profile to sign with'
            cand --ledger 'Record the issuance in this ledger'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;renew'= {
            cand --ca 'The issuing CA''s certificate, optionally followed by the CAs above it'
            cand --ca-key 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)'
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --config 'Config JSON with signing profiles (default: built-in)'
            cand --profile 'Signing profile (default: the config''s default profile)'
            cand --key 'CERT''s private key (plain or age-sealed): checked to match CERT, and signs a new CSR'
            cand --ledger 'Record the issuance in this ledger (one signed JSON line per certificate)'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --strict 'Refuse, instead of clamping, a validity that would start before the CA or outlive it'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;ledger'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Check a ledger against its CA; name the first line that fails'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;ledger;verify'= {
            cand --ca 'The CA certificate whose key signed the ledger'
            cand --every-signature 'Check every line''s signature, not only the first and last (slower: an audit)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;ledger;help'= {
            cand verify 'Check a ledger against its CA; name the first line that fails'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;ledger;help;verify'= {
        }
        &'certsmith;ledger;help;help'= {
        }
        &'certsmith;export'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand p12 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers'
            cand k8s-secret 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON'
            cand kubeconfig 'Write a kubeconfig with the CA, certificate and key embedded'
            cand der 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;export;p12'= {
            cand --cert 'The certificate (PEM or DER), or - for stdin; certificates after the first in the file start the chain'
            cand --key 'Its private key, plaintext (PEM or DER), or - for stdin [default: NAME-key.pem for --cert NAME.pem]'
            cand --chain 'The CA certificates above it, the issuer first (split-json''s NAME-bundle.pem: a copy of the certificate at its start is skipped)'
            cand --ca 'The root CA certificate, after the chain'
            cand --name 'The entry''s name (friendlyName; keytool shows it lower-cased as the alias) [default: the certificate''s CN, else its first SAN]'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -o 'Write to FILE (mode 0600, atomically); - for stdout, never a terminal'
            cand --output 'Write to FILE (mode 0600, atomically); - for stdout, never a terminal'
            cand --legacy 'Protect with 3DES and a SHA-1 MAC instead, for Java before 8u301, Windows Server 2016 and older macOS (OpenSSL 3 reads it too)'
            cand --no-password 'Protect the file with the empty password (still encrypted and MACed: Java skips unencrypted keys)'
            cand --allow-weak-passphrase 'Protect with a password shorter than 12 characters'
            cand --force 'Replace an existing FILE'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;export;k8s-secret'= {
            cand --cert 'The certificate (PEM or DER): tls.crt'
            cand --key 'The certificate''s private key (plaintext PEM or DER), or - for stdin: tls.key'
            cand --chain 'Issuers to add after the certificate in tls.crt, each followed by its own issuer (a bundle works: certificates already there are skipped)'
            cand --ca 'The CA certificate(s) that clients of the Secret trust: ca.crt'
            cand --name 'The Secret''s name (a DNS-1123 subdomain: app-tls)'
            cand -n 'The Secret''s namespace (a DNS-1123 label); without it, kubectl''s current one'
            cand --namespace 'The Secret''s namespace (a DNS-1123 label); without it, kubectl''s current one'
            cand -l 'A label, KEY=VALUE (repeat for more)'
            cand --label 'A label, KEY=VALUE (repeat for more)'
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --json 'Write JSON instead of YAML'
            cand --force 'Replace an existing FILE'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;export;kubeconfig'= {
            cand --server 'The API server: https://HOST[:PORT]'
            cand --ca 'The CA certificate(s) the API server''s certificate is checked against'
            cand --cert 'The client certificate (PEM or DER)'
            cand --key 'The client certificate''s private key (plaintext PEM or DER), or - for stdin'
            cand --cluster 'The cluster''s name in the file'
            cand --user 'The user''s name in the file [default: the certificate''s CN]'
            cand --context 'The context''s name in the file, made the current context'
            cand -o 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --output 'Write to FILE (mode 0600, atomically) instead of stdout'
            cand --force 'Replace an existing FILE'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;export;der'= {
            cand -o 'Write to FILE (atomically; 0600 for a key, 0644 otherwise) instead of stdout'
            cand --output 'Write to FILE (atomically; 0600 for a key, 0644 otherwise) instead of stdout'
            cand --force 'Replace an existing FILE'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;export;help'= {
            cand p12 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers'
            cand k8s-secret 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON'
            cand kubeconfig 'Write a kubeconfig with the CA, certificate and key embedded'
            cand der 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;export;help;p12'= {
        }
        &'certsmith;export;help;k8s-secret'= {
        }
        &'certsmith;export;help;kubeconfig'= {
        }
        &'certsmith;export;help;der'= {
        }
        &'certsmith;export;help;help'= {
        }
        &'certsmith;import'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand p12 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;import;p12'= {
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand --no-password 'The file''s password is empty'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;import;help'= {
            cand p12 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;import;help;p12'= {
        }
        &'certsmith;import;help;help'= {
        }
        &'certsmith;selfsign'= {
            cand --config 'Config JSON whose profile shapes the certificate (default: built-in, 2190h)'
            cand --profile 'Signing profile (default: the config''s default profile)'
            cand -r 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand --recipient 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians'
            cand -R 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --recipients-file 'Seal the private key to every recipient listed in FILE (repeatable)'
            cand --threshold 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -p 'Seal the private key with a passphrase (scrypt)'
            cand --passphrase 'Seal the private key with a passphrase (scrypt)'
            cand --allow-weak-passphrase 'Seal with a passphrase shorter than 12 characters'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;gencrl'= {
            cand -i 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --identity 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for'
            cand --share 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)'
            cand --pkcs11-module 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE'
            cand --pin-file 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt'
            cand --passphrase-file 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;info'= {
            cand --remote 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order'
            cand --tls-remote-ca 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)'
            cand --client-cert 'A client certificate for mutual TLS'
            cand --client-key 'The client certificate''s private key'
            cand --label 'The CA label (multirootca); empty for the server''s default'
            cand --profile 'The signing profile on the server'
            cand --vault 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order'
            cand --mount 'The PKI secrets engine''s mount path (pki_int)'
            cand --token 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)'
            cand --approle-role-id 'Log in with AppRole: the role id from env:VAR or file:PATH'
            cand --approle-secret-id 'The AppRole secret id, from env:VAR or file:PATH'
            cand --namespace 'The namespace (X-Vault-Namespace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;version'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;help'= {
            cand initca 'Make a self-signed CA certificate and its key: {"cert","csr","key"}'
            cand genkey 'Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key)'
            cand csr 'Make a CSR for an existing key: {"csr"}'
            cand sign 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})'
            cand split-json 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …'
            cand bundle 'Build and verify a certificate''s chain: {"bundle","crt","root",…}'
            cand inspect 'Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees)'
            cand key 'Seal, open and describe private keys; make age identities'
            cand remote 'Talk to a cfssl signer (cfssl serve, multirootca), or to Vault''s or OpenBao''s PKI engine (--vault)'
            cand gencert 'cfssl''s gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign'
            cand certinfo 'cfssl''s certinfo: describe one certificate or CSR as JSON (inspect''s fields)'
            cand print-defaults 'Print starter files (cfssl print-defaults): csr, config, list'
            cand revoke 'Record that a certificate is revoked; `certsmith crl` publishes it'
            cand crl 'Print a signed v2 CRL (PEM, or DER with --der): from the ledger''s revocations, or from a list of serials'
            cand cross-sign 'Re-issue a new root''s certificate under an old root: {"cert"}'
            cand renew 'Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key'
            cand ledger 'Check the issuance ledger that --ledger writes'
            cand export 'Write a certificate and key in the form another tool takes: PKCS#12, a Kubernetes Secret, a kubeconfig, DER'
            cand import 'Read a file another tool wrote into certsmith''s (cfssl''s) JSON'
            cand selfsign 'Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}'
            cand gencrl 'Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line'
            cand info 'Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)'
            cand version 'Print certsmith''s version (cfssl version)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;help;initca'= {
        }
        &'certsmith;help;genkey'= {
        }
        &'certsmith;help;csr'= {
        }
        &'certsmith;help;sign'= {
        }
        &'certsmith;help;split-json'= {
        }
        &'certsmith;help;bundle'= {
        }
        &'certsmith;help;inspect'= {
        }
        &'certsmith;help;key'= {
            cand encrypt 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout'
            cand decrypt 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)'
            cand public 'Print the public key (PEM) of a key, CSR or certificate'
            cand fingerprint 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print'
            cand identity 'Make an age X25519 identity (age-keygen''s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr'
            cand share 'A custodian''s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file'
            cand reshare 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way'
        }
        &'certsmith;help;key;encrypt'= {
        }
        &'certsmith;help;key;decrypt'= {
        }
        &'certsmith;help;key;public'= {
        }
        &'certsmith;help;key;fingerprint'= {
        }
        &'certsmith;help;key;identity'= {
        }
        &'certsmith;help;key;share'= {
            cand release 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)'
            cand check 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written'
        }
        &'certsmith;help;key;share;release'= {
        }
        &'certsmith;help;key;share;check'= {
        }
        &'certsmith;help;key;reshare'= {
        }
        &'certsmith;help;remote'= {
            cand sign 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON'
            cand info 'Ask a signer for its certificate, usages and expiry (with --vault: the mount''s CA chain)'
            cand revoke 'Have Vault''s or OpenBao''s PKI engine revoke a certificate it issued'
            cand token 'Print cfssl''s authentication token (base64 HMAC-SHA256) of a file''s bytes'
        }
        &'certsmith;help;remote;sign'= {
        }
        &'certsmith;help;remote;info'= {
        }
        &'certsmith;help;remote;revoke'= {
        }
        &'certsmith;help;remote;token'= {
        }
        &'certsmith;help;gencert'= {
        }
        &'certsmith;help;certinfo'= {
        }
        &'certsmith;help;print-defaults'= {
            cand csr 'A CSR JSON'
            cand config 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)'
            cand list 'The names print-defaults knows'
        }
        &'certsmith;help;print-defaults;csr'= {
        }
        &'certsmith;help;print-defaults;config'= {
        }
        &'certsmith;help;print-defaults;list'= {
        }
        &'certsmith;help;revoke'= {
        }
        &'certsmith;help;crl'= {
        }
        &'certsmith;help;cross-sign'= {
        }
        &'certsmith;help;renew'= {
        }
        &'certsmith;help;ledger'= {
            cand verify 'Check a ledger against its CA; name the first line that fails'
        }
        &'certsmith;help;ledger;verify'= {
        }
        &'certsmith;help;export'= {
            cand p12 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers'
            cand k8s-secret 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON'
            cand kubeconfig 'Write a kubeconfig with the CA, certificate and key embedded'
            cand der 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)'
        }
        &'certsmith;help;export;p12'= {
        }
        &'certsmith;help;export;k8s-secret'= {
        }
        &'certsmith;help;export;kubeconfig'= {
        }
        &'certsmith;help;export;der'= {
        }
        &'certsmith;help;import'= {
            cand p12 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json'
        }
        &'certsmith;help;import;p12'= {
        }
        &'certsmith;help;selfsign'= {
        }
        &'certsmith;help;gencrl'= {
        }
        &'certsmith;help;info'= {
        }
        &'certsmith;help;version'= {
        }
        &'certsmith;help;help'= {
        }
    ]
    $completions[$command]
}
