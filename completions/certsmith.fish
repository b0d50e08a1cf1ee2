# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_certsmith_global_optspecs
    string join \n h/help V/version
end

function __fish_certsmith_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_certsmith_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_certsmith_using_subcommand
    set -l cmd (__fish_certsmith_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c certsmith -n "__fish_certsmith_needs_command" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_needs_command" -s V -l version -d 'Print version'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "initca" -d 'Make a self-signed CA certificate and its key: {"cert","csr","key"}'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "genkey" -d 'Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key)'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "csr" -d 'Make a CSR for an existing key: {"csr"}'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "sign" -d 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "split-json" -d 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "bundle" -d 'Build and verify a certificate\'s chain: {"bundle","crt","root",…}'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "inspect" -d 'Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees)'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "key" -d 'Seal, open and describe private keys; make age identities'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "remote" -d 'Talk to a cfssl signer (cfssl serve, multirootca), or to Vault\'s or OpenBao\'s PKI engine (--vault)'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "gencert" -d 'cfssl\'s gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "certinfo" -d 'cfssl\'s certinfo: describe one certificate or CSR as JSON (inspect\'s fields)'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "print-defaults" -d 'Print starter files (cfssl print-defaults): csr, config, list'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "revoke" -d 'Record that a certificate is revoked; `certsmith crl` publishes it'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "crl" -d 'Print a signed v2 CRL (PEM, or DER with --der): from the ledger\'s revocations, or from a list of serials'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "cross-sign" -d 'Re-issue a new root\'s certificate under an old root: {"cert"}'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "renew" -d 'Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "ledger" -d 'Check the issuance ledger that --ledger writes'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "export" -d 'Write a certificate and key in the form another tool takes: PKCS#12, a Kubernetes Secret, a kubeconfig, DER'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "import" -d 'Read a file another tool wrote into certsmith\'s (cfssl\'s) JSON'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "selfsign" -d 'Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "gencrl" -d 'Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "info" -d 'Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "version" -d 'Print certsmith\'s version (cfssl version)'
complete -c certsmith -n "__fish_certsmith_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l key -d 'Make a new certificate for this existing CA key (plain or age-sealed, or pkcs11:… in a token) instead of a new key' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l pkcs11-key -d 'Make the new key in a PKCS#11 token, labelled by the URI\'s object= (pkcs11:token=…;object=…); no key is written' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l ca -d 'With --key: renew this root certificate (its subject, SKI and pathlen) instead of reading a CSR JSON' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l config -d 'Config JSON whose profile shapes the root (default: built-in)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l profile -d 'CA profile to use from the config (default: a 43800h root)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l ledger -d 'Start (or extend) this ledger with the root\'s issuance' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand initca" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -l pkcs11-key -d 'Make the key in a PKCS#11 token, labelled by the URI\'s object= (pkcs11:token=…;object=…); only the CSR is printed' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand genkey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -l key -d 'The private key to make the request for, plain or age-sealed, or pkcs11:… in a token' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -l from-cert -d 'Take subject and SANs from this certificate instead of a CSR JSON' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand csr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l ca -d 'The issuing CA\'s certificate, optionally followed by the CAs above it (not needed when the profile signs remotely)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l ca-key -d 'The issuing CA\'s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l tls-remote-ca -d 'For a profile with `remote` or `auth_remote`: the CA the signer\'s TLS certificate chains to' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l config -d 'Config JSON with signing profiles (default: built-in)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l profile -d 'Signing profile (default: the config\'s default profile)' -r -f -a "default\t''
server\t''
client\t''
peer\t''
kubernetes\t''
intermediate\t''"
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l hostname -d 'Replace the request\'s SANs: comma-separated DNS names, IPs, emails, URIs' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l ledger -d 'Record the issuance in this ledger (one signed JSON line per certificate)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l key -d 'Make the request from the CSR JSON for this existing private key (plain or age-sealed) instead of a new one' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l out-dir -d 'With --batch: write NAME.pem, NAME-key.pem (0600) and NAME.csr into DIR instead of printing JSON lines; an existing file is never replaced (that input is refused)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l strict -d 'Refuse, instead of clamping, a validity that would start before the CA or outlive it'
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l batch -d 'Sign every INPUT in one run (files, directories, - for JSON lines), recorded a chunk at a time'
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l keep-going -d 'With --batch: report and skip a refused input instead of stopping there (exit 1 still)'
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand split-json" -s f -l file -d 'The JSON to split (default: stdin)' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand split-json" -l bare -d 'Accepted for cfssljson compatibility: both shapes are always read'
complete -c certsmith -n "__fish_certsmith_using_subcommand split-json" -l stdout -d 'Print the PEM parts on stdout instead of writing files'
complete -c certsmith -n "__fish_certsmith_using_subcommand split-json" -l force -d 'Replace an existing key file that holds a different key'
complete -c certsmith -n "__fish_certsmith_using_subcommand split-json" -l rekey -d 'Replace NAME\'s key with the new one if NAME is a leaf (its certificate is no CA\'s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand split-json" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand bundle" -l intermediates -d 'Intermediate CA certificates: a file or a directory (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand bundle" -l roots -d 'Trusted roots: a file or a directory of self-signed CA certificates (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand bundle" -l federate -d 'Print one PEM trust bundle of these roots (files or directories), each checked and listed once' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand bundle" -l pem -d 'Print the chain as PEM (leaf, then intermediates; no root) instead of JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand bundle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand inspect" -l expiring-within -d 'List only the certificates that expire within DURATION (Go syntax: 720h, 30d), expired ones included; exit 0 if any is listed, 1 if none, 2 on error' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand inspect" -l needs-renewal -d 'List only the certificates that have lived FRACTION of their lifetime (0.75, 75% or 2/3; default 2/3, as step), expired ones included; exit 0 if any is listed, 1 if none, 2 on error' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand inspect" -l json -d 'Print a JSON array (cfssl certinfo\'s fields for certificates, plus certsmith\'s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand inspect" -l short -d 'One line per certificate (other objects are left out): PATH: SUBJECT expires NOTAFTER (TIME left), ending in `renew` or `ok` with --needs-renewal or --expiring-within, which then list every certificate'
complete -c certsmith -n "__fish_certsmith_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "encrypt" -d 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "decrypt" -d 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "public" -d 'Print the public key (PEM) of a key, CSR or certificate'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "fingerprint" -d 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "identity" -d 'Make an age X25519 identity (age-keygen\'s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "share" -d 'A custodian\'s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "reshare" -d 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and not __fish_seen_subcommand_from encrypt decrypt public fingerprint identity share reshare help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -s o -l output -d 'Write to FILE (mode 0600, atomically) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from encrypt" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from decrypt" -s o -l output -d 'Write to FILE (mode 0600, atomically) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from decrypt" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from decrypt" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from decrypt" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from decrypt" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from decrypt" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from public" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from public" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from public" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from public" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from public" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from public" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from fingerprint" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from fingerprint" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from fingerprint" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from fingerprint" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from fingerprint" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from fingerprint" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from identity" -s o -l output -d 'Write to FILE (mode 0600, atomically) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from identity" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from identity" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from identity" -s p -l passphrase -d 'Seal the identity file with a passphrase (scrypt), as `age -p` would: no plaintext identity is ever written'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from identity" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from identity" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from share" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from share" -f -a "release" -d 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine\'s one-time recipient (certsmith key identity there)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from share" -f -a "check" -d 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from share" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -l ca -d 'The CA certificate whose key this is: a quorum file for another key is refused before any custodian opens a share, and an opened key that is not the certificate\'s is refused' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -s o -l output -d 'Write to FILE (mode 0600, atomically) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from reshare" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "encrypt" -d 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "decrypt" -d 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "public" -d 'Print the public key (PEM) of a key, CSR or certificate'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "fingerprint" -d 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "identity" -d 'Make an age X25519 identity (age-keygen\'s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "share" -d 'A custodian\'s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "reshare" -d 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way'
complete -c certsmith -n "__fish_certsmith_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and not __fish_seen_subcommand_from sign info revoke token help" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and not __fish_seen_subcommand_from sign info revoke token help" -f -a "sign" -d 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and not __fish_seen_subcommand_from sign info revoke token help" -f -a "info" -d 'Ask a signer for its certificate, usages and expiry (with --vault: the mount\'s CA chain)'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and not __fish_seen_subcommand_from sign info revoke token help" -f -a "revoke" -d 'Have Vault\'s or OpenBao\'s PKI engine revoke a certificate it issued'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and not __fish_seen_subcommand_from sign info revoke token help" -f -a "token" -d 'Print cfssl\'s authentication token (base64 HMAC-SHA256) of a file\'s bytes'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and not __fish_seen_subcommand_from sign info revoke token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l remote -d 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l tls-remote-ca -d 'The CA the signer\'s TLS certificate must chain to (default: the WebPKI roots)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l client-cert -d 'A client certificate for mutual TLS' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l client-key -d 'The client certificate\'s private key' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l label -d 'The CA label (multirootca); empty for the server\'s default' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l profile -d 'The signing profile on the server' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l vault -d 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l mount -d 'The PKI secrets engine\'s mount path (pki_int)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l token -d 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l approle-role-id -d 'Log in with AppRole: the role id from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l approle-secret-id -d 'The AppRole secret id, from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l namespace -d 'The namespace (X-Vault-Namespace)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l role -d 'With --vault: the role that signs (MOUNT/sign/ROLE)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l ttl -d 'With --vault: the certificate\'s lifetime (Vault\'s syntax: 24h, 30m), instead of the role\'s' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l auth-key -d 'Authenticate with the hex key in env:VAR or file:PATH (uses /authsign)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l hostname -d 'Replace the request\'s SANs: comma-separated DNS names, IPs, emails, URIs' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l ca -d 'The signer\'s CA chain: the returned certificate must verify against it' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l key -d 'Make the request from the CSR JSON for this existing private key (plain or age-sealed) instead of a new one' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l verbatim -d 'With --vault: sign-verbatim, the CSR\'s subject and extensions as the role allows'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l remote -d 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l tls-remote-ca -d 'The CA the signer\'s TLS certificate must chain to (default: the WebPKI roots)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l client-cert -d 'A client certificate for mutual TLS' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l client-key -d 'The client certificate\'s private key' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l label -d 'The CA label (multirootca); empty for the server\'s default' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l profile -d 'The signing profile on the server' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l vault -d 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l mount -d 'The PKI secrets engine\'s mount path (pki_int)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l token -d 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l approle-role-id -d 'Log in with AppRole: the role id from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l approle-secret-id -d 'The AppRole secret id, from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -l namespace -d 'The namespace (X-Vault-Namespace)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l remote -d 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l tls-remote-ca -d 'The CA the signer\'s TLS certificate must chain to (default: the WebPKI roots)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l client-cert -d 'A client certificate for mutual TLS' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l client-key -d 'The client certificate\'s private key' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l label -d 'The CA label (multirootca); empty for the server\'s default' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l profile -d 'The signing profile on the server' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l vault -d 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l mount -d 'The PKI secrets engine\'s mount path (pki_int)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l token -d 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l approle-role-id -d 'Log in with AppRole: the role id from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l approle-secret-id -d 'The AppRole secret id, from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l namespace -d 'The namespace (X-Vault-Namespace)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -l serial -d 'The certificate\'s serial number, hex (colons allowed)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from token" -l auth-key -d 'The auth key, named as env:VAR or file:PATH (the file holds hex)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "info" -d 'Ask a signer for its certificate, usages and expiry (with --vault: the mount\'s CA chain)'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Have Vault\'s or OpenBao\'s PKI engine revoke a certificate it issued'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print cfssl\'s authentication token (base64 HMAC-SHA256) of a file\'s bytes'
complete -c certsmith -n "__fish_certsmith_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand gencert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand certinfo" -l cert -d 'A certificate file, or - for stdin' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand certinfo" -l csr -d 'A CSR file, or - for stdin' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand certinfo" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and not __fish_seen_subcommand_from csr config list help" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and not __fish_seen_subcommand_from csr config list help" -f -a "csr" -d 'A CSR JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and not __fish_seen_subcommand_from csr config list help" -f -a "config" -d 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and not __fish_seen_subcommand_from csr config list help" -f -a "list" -d 'The names print-defaults knows'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and not __fish_seen_subcommand_from csr config list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from csr" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from help" -f -a "csr" -d 'A CSR JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from help" -f -a "config" -d 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from help" -f -a "list" -d 'The names print-defaults knows'
complete -c certsmith -n "__fish_certsmith_using_subcommand print-defaults; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l ca -d 'The issuing CA\'s certificate, optionally followed by the CAs above it' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l ca-key -d 'The issuing CA\'s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l ledger -d 'The CA\'s issuance ledger (verified before the revocation is added)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l serial -d 'The serial to revoke, in hex as openssl prints it (any case, colons allowed); the ledger must record it as issued by this CA' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l cert -d 'The certificate to revoke: accepted when this CA signed it, even if the ledger does not know it (issued before the ledger existed)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l reason -d 'Why it is revoked: one of RFC 5280\'s reason names (any case)' -r -f -a "unspecified\t''
keyCompromise\t''
cACompromise\t''
affiliationChanged\t''
superseded\t''
cessationOfOperation\t''
certificateHold\t''
privilegeWithdrawn\t''
aACompromise\t''"
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -l force -d 'Revoke a --serial that the ledger does not record (a certificate issued before the ledger existed, whose file is gone)'
complete -c certsmith -n "__fish_certsmith_using_subcommand revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l ca -d 'The issuing CA\'s certificate, optionally followed by the CAs above it' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l ca-key -d 'The issuing CA\'s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l ledger -d 'The CA\'s ledger: its revocations go in, the CRL number follows the last one published' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l revoked -d 'A file of serials (hex), one per line, each optionally followed by a reason' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l next-update -d 'How long until the next CRL is due (Go duration)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -l der -d 'Print the CRL in DER (binary), as a distribution point serves it (application/pkix-crl), instead of PEM; refused on a terminal'
complete -c certsmith -n "__fish_certsmith_using_subcommand crl" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l ca -d 'The issuing CA\'s certificate, optionally followed by the CAs above it' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l ca-key -d 'The issuing CA\'s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l config -d 'Config JSON with a CA profile to use instead of the new root\'s own constraints' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l profile -d 'CA profile to sign with' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l ledger -d 'Record the issuance in this ledger' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand cross-sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l ca -d 'The issuing CA\'s certificate, optionally followed by the CAs above it' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l ca-key -d 'The issuing CA\'s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l config -d 'Config JSON with signing profiles (default: built-in)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l profile -d 'Signing profile (default: the config\'s default profile)' -r -f -a "default\t''
server\t''
client\t''
peer\t''
kubernetes\t''
intermediate\t''"
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l key -d 'CERT\'s private key (plain or age-sealed): checked to match CERT, and signs a new CSR' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l ledger -d 'Record the issuance in this ledger (one signed JSON line per certificate)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -l strict -d 'Refuse, instead of clamping, a validity that would start before the CA or outlive it'
complete -c certsmith -n "__fish_certsmith_using_subcommand renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check a ledger against its CA; name the first line that fails'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l ca -d 'The CA certificate whose key signed the ledger' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l every-signature -d 'Check every line\'s signature, not only the first and last (slower: an audit)'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a ledger against its CA; name the first line that fails'
complete -c certsmith -n "__fish_certsmith_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and not __fish_seen_subcommand_from p12 k8s-secret kubeconfig der help" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and not __fish_seen_subcommand_from p12 k8s-secret kubeconfig der help" -f -a "p12" -d 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and not __fish_seen_subcommand_from p12 k8s-secret kubeconfig der help" -f -a "k8s-secret" -d 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and not __fish_seen_subcommand_from p12 k8s-secret kubeconfig der help" -f -a "kubeconfig" -d 'Write a kubeconfig with the CA, certificate and key embedded'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and not __fish_seen_subcommand_from p12 k8s-secret kubeconfig der help" -f -a "der" -d 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and not __fish_seen_subcommand_from p12 k8s-secret kubeconfig der help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l cert -d 'The certificate (PEM or DER), or - for stdin; certificates after the first in the file start the chain' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l key -d 'Its private key, plaintext (PEM or DER), or - for stdin [default: NAME-key.pem for --cert NAME.pem]' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l chain -d 'The CA certificates above it, the issuer first (split-json\'s NAME-bundle.pem: a copy of the certificate at its start is skipped)' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l ca -d 'The root CA certificate, after the chain' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l name -d 'The entry\'s name (friendlyName; keytool shows it lower-cased as the alias) [default: the certificate\'s CN, else its first SAN]' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -s o -l output -d 'Write to FILE (mode 0600, atomically); - for stdout, never a terminal' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l legacy -d 'Protect with 3DES and a SHA-1 MAC instead, for Java before 8u301, Windows Server 2016 and older macOS (OpenSSL 3 reads it too)'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l no-password -d 'Protect the file with the empty password (still encrypted and MACed: Java skips unencrypted keys)'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l allow-weak-passphrase -d 'Protect with a password shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from p12" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l cert -d 'The certificate (PEM or DER): tls.crt' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l key -d 'The certificate\'s private key (plaintext PEM or DER), or - for stdin: tls.key' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l chain -d 'Issuers to add after the certificate in tls.crt, each followed by its own issuer (a bundle works: certificates already there are skipped)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l ca -d 'The CA certificate(s) that clients of the Secret trust: ca.crt' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l name -d 'The Secret\'s name (a DNS-1123 subdomain: app-tls)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -s n -l namespace -d 'The Secret\'s namespace (a DNS-1123 label); without it, kubectl\'s current one' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -s l -l label -d 'A label, KEY=VALUE (repeat for more)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -s o -l output -d 'Write to FILE (mode 0600, atomically) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l json -d 'Write JSON instead of YAML'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from k8s-secret" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l server -d 'The API server: https://HOST[:PORT]' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l ca -d 'The CA certificate(s) the API server\'s certificate is checked against' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l cert -d 'The client certificate (PEM or DER)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l key -d 'The client certificate\'s private key (plaintext PEM or DER), or - for stdin' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l cluster -d 'The cluster\'s name in the file' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l user -d 'The user\'s name in the file [default: the certificate\'s CN]' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l context -d 'The context\'s name in the file, made the current context' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -s o -l output -d 'Write to FILE (mode 0600, atomically) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from kubeconfig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from der" -s o -l output -d 'Write to FILE (atomically; 0600 for a key, 0644 otherwise) instead of stdout' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from der" -l force -d 'Replace an existing FILE'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from der" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "p12" -d 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "k8s-secret" -d 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "kubeconfig" -d 'Write a kubeconfig with the CA, certificate and key embedded'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "der" -d 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)'
complete -c certsmith -n "__fish_certsmith_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and not __fish_seen_subcommand_from p12 help" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and not __fish_seen_subcommand_from p12 help" -f -a "p12" -d 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and not __fish_seen_subcommand_from p12 help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -l no-password -d 'The file\'s password is empty'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from p12" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "p12" -d 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json'
complete -c certsmith -n "__fish_certsmith_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -l config -d 'Config JSON whose profile shapes the certificate (default: built-in, 2190h)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -l profile -d 'Signing profile (default: the config\'s default profile)' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -s r -l recipient -d 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -s R -l recipients-file -d 'Seal the private key to every recipient listed in FILE (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -l threshold -d 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -s p -l passphrase -d 'Seal the private key with a passphrase (scrypt)'
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -l allow-weak-passphrase -d 'Seal with a passphrase shorter than 12 characters'
complete -c certsmith -n "__fish_certsmith_using_subcommand selfsign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand gencrl" -s i -l identity -d 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand gencrl" -l share -d 'A custodian\'s share of a quorum-sealed key, released to the identity given with -i (repeatable)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand gencrl" -l pkcs11-module -d 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand gencrl" -l pin-file -d 'Read a token\'s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand gencrl" -l passphrase-file -d 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand gencrl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l remote -d 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l tls-remote-ca -d 'The CA the signer\'s TLS certificate must chain to (default: the WebPKI roots)' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l client-cert -d 'A client certificate for mutual TLS' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l client-key -d 'The client certificate\'s private key' -r -F
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l label -d 'The CA label (multirootca); empty for the server\'s default' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l profile -d 'The signing profile on the server' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l vault -d 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l mount -d 'The PKI secrets engine\'s mount path (pki_int)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l token -d 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l approle-role-id -d 'Log in with AppRole: the role id from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l approle-secret-id -d 'The AppRole secret id, from env:VAR or file:PATH' -r
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -l namespace -d 'The namespace (X-Vault-Namespace)' -r -f
complete -c certsmith -n "__fish_certsmith_using_subcommand info" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand version" -s h -l help -d 'Print help'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "initca" -d 'Make a self-signed CA certificate and its key: {"cert","csr","key"}'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "genkey" -d 'Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "csr" -d 'Make a CSR for an existing key: {"csr"}'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "sign" -d 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "split-json" -d 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "bundle" -d 'Build and verify a certificate\'s chain: {"bundle","crt","root",…}'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "inspect" -d 'Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "key" -d 'Seal, open and describe private keys; make age identities'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "remote" -d 'Talk to a cfssl signer (cfssl serve, multirootca), or to Vault\'s or OpenBao\'s PKI engine (--vault)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "gencert" -d 'cfssl\'s gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "certinfo" -d 'cfssl\'s certinfo: describe one certificate or CSR as JSON (inspect\'s fields)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "print-defaults" -d 'Print starter files (cfssl print-defaults): csr, config, list'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "revoke" -d 'Record that a certificate is revoked; `certsmith crl` publishes it'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "crl" -d 'Print a signed v2 CRL (PEM, or DER with --der): from the ledger\'s revocations, or from a list of serials'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "cross-sign" -d 'Re-issue a new root\'s certificate under an old root: {"cert"}'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "renew" -d 'Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "ledger" -d 'Check the issuance ledger that --ledger writes'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "export" -d 'Write a certificate and key in the form another tool takes: PKCS#12, a Kubernetes Secret, a kubeconfig, DER'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "import" -d 'Read a file another tool wrote into certsmith\'s (cfssl\'s) JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "selfsign" -d 'Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "gencrl" -d 'Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "info" -d 'Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "version" -d 'Print certsmith\'s version (cfssl version)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and not __fish_seen_subcommand_from initca genkey csr sign split-json bundle inspect key remote gencert certinfo print-defaults revoke crl cross-sign renew ledger export import selfsign gencrl info version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "encrypt" -d 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "decrypt" -d 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "public" -d 'Print the public key (PEM) of a key, CSR or certificate'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "fingerprint" -d 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "identity" -d 'Make an age X25519 identity (age-keygen\'s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "share" -d 'A custodian\'s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "reshare" -d 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "sign" -d 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "info" -d 'Ask a signer for its certificate, usages and expiry (with --vault: the mount\'s CA chain)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "revoke" -d 'Have Vault\'s or OpenBao\'s PKI engine revoke a certificate it issued'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "token" -d 'Print cfssl\'s authentication token (base64 HMAC-SHA256) of a file\'s bytes'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from print-defaults" -f -a "csr" -d 'A CSR JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from print-defaults" -f -a "config" -d 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from print-defaults" -f -a "list" -d 'The names print-defaults knows'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "verify" -d 'Check a ledger against its CA; name the first line that fails'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "p12" -d 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "k8s-secret" -d 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "kubeconfig" -d 'Write a kubeconfig with the CA, certificate and key embedded'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "der" -d 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)'
complete -c certsmith -n "__fish_certsmith_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "p12" -d 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json'
