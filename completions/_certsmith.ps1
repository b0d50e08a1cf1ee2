
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'certsmith' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'certsmith'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'certsmith' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('initca', 'initca', [CompletionResultType]::ParameterValue, 'Make a self-signed CA certificate and its key: {"cert","csr","key"}')
            [CompletionResult]::new('genkey', 'genkey', [CompletionResultType]::ParameterValue, 'Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Make a CSR for an existing key: {"csr"}')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})')
            [CompletionResult]::new('split-json', 'split-json', [CompletionResultType]::ParameterValue, 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Build and verify a certificate''s chain: {"bundle","crt","root",…}')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Seal, open and describe private keys; make age identities')
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Talk to a cfssl signer (cfssl serve, multirootca), or to Vault''s or OpenBao''s PKI engine (--vault)')
            [CompletionResult]::new('gencert', 'gencert', [CompletionResultType]::ParameterValue, 'cfssl''s gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign')
            [CompletionResult]::new('certinfo', 'certinfo', [CompletionResultType]::ParameterValue, 'cfssl''s certinfo: describe one certificate or CSR as JSON (inspect''s fields)')
            [CompletionResult]::new('print-defaults', 'print-defaults', [CompletionResultType]::ParameterValue, 'Print starter files (cfssl print-defaults): csr, config, list')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Record that a certificate is revoked; `certsmith crl` publishes it')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Print a signed v2 CRL (PEM, or DER with --der): from the ledger''s revocations, or from a list of serials')
            [CompletionResult]::new('cross-sign', 'cross-sign', [CompletionResultType]::ParameterValue, 'Re-issue a new root''s certificate under an old root: {"cert"}')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'Check the issuance ledger that --ledger writes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a certificate and key in the form another tool takes: PKCS#12, a Kubernetes Secret, a kubeconfig, DER')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read a file another tool wrote into certsmith''s (cfssl''s) JSON')
            [CompletionResult]::new('selfsign', 'selfsign', [CompletionResultType]::ParameterValue, 'Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}')
            [CompletionResult]::new('gencrl', 'gencrl', [CompletionResultType]::ParameterValue, 'Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print certsmith''s version (cfssl version)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;initca' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Make a new certificate for this existing CA key (plain or age-sealed, or pkcs11:… in a token) instead of a new key')
            [CompletionResult]::new('--pkcs11-key', '--pkcs11-key', [CompletionResultType]::ParameterName, 'Make the new key in a PKCS#11 token, labelled by the URI''s object= (pkcs11:token=…;object=…); no key is written')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'With --key: renew this root certificate (its subject, SKI and pathlen) instead of reading a CSR JSON')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON whose profile shapes the root (default: built-in)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CA profile to use from the config (default: a 43800h root)')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'Start (or extend) this ledger with the root''s issuance')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;genkey' {
            [CompletionResult]::new('--pkcs11-key', '--pkcs11-key', [CompletionResultType]::ParameterName, 'Make the key in a PKCS#11 token, labelled by the URI''s object= (pkcs11:token=…;object=…); only the CSR is printed')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;csr' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key to make the request for, plain or age-sealed, or pkcs11:… in a token')
            [CompletionResult]::new('--from-cert', '--from-cert', [CompletionResultType]::ParameterName, 'Take subject and SANs from this certificate instead of a CSR JSON')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;sign' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate, optionally followed by the CAs above it (not needed when the profile signs remotely)')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--tls-remote-ca', '--tls-remote-ca', [CompletionResultType]::ParameterName, 'For a profile with `remote` or `auth_remote`: the CA the signer''s TLS certificate chains to')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON with signing profiles (default: built-in)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Signing profile (default: the config''s default profile)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'Replace the request''s SANs: comma-separated DNS names, IPs, emails, URIs')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'Record the issuance in this ledger (one signed JSON line per certificate)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Make the request from the CSR JSON for this existing private key (plain or age-sealed) instead of a new one')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'With --batch: write NAME.pem, NAME-key.pem (0600) and NAME.csr into DIR instead of printing JSON lines; an existing file is never replaced (that input is refused)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse, instead of clamping, a validity that would start before the CA or outlive it')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Sign every INPUT in one run (files, directories, - for JSON lines), recorded a chunk at a time')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'With --batch: report and skip a refused input instead of stopping there (exit 1 still)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;split-json' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The JSON to split (default: stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The JSON to split (default: stdin)')
            [CompletionResult]::new('--bare', '--bare', [CompletionResultType]::ParameterName, 'Accepted for cfssljson compatibility: both shapes are always read')
            [CompletionResult]::new('--stdout', '--stdout', [CompletionResultType]::ParameterName, 'Print the PEM parts on stdout instead of writing files')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key file that holds a different key')
            [CompletionResult]::new('--rekey', '--rekey', [CompletionResultType]::ParameterName, 'Replace NAME''s key with the new one if NAME is a leaf (its certificate is no CA''s)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;bundle' {
            [CompletionResult]::new('--intermediates', '--intermediates', [CompletionResultType]::ParameterName, 'Intermediate CA certificates: a file or a directory (repeatable)')
            [CompletionResult]::new('--roots', '--roots', [CompletionResultType]::ParameterName, 'Trusted roots: a file or a directory of self-signed CA certificates (repeatable)')
            [CompletionResult]::new('--federate', '--federate', [CompletionResultType]::ParameterName, 'Print one PEM trust bundle of these roots (files or directories), each checked and listed once')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Print the chain as PEM (leaf, then intermediates; no root) instead of JSON')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;inspect' {
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'List only the certificates that expire within DURATION (Go syntax: 720h, 30d), expired ones included; exit 0 if any is listed, 1 if none, 2 on error')
            [CompletionResult]::new('--needs-renewal', '--needs-renewal', [CompletionResultType]::ParameterName, 'List only the certificates that have lived FRACTION of their lifetime (0.75, 75% or 2/3; default 2/3, as step), expired ones included; exit 0 if any is listed, 1 if none, 2 on error')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array (cfssl certinfo''s fields for certificates, plus certsmith''s)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'One line per certificate (other objects are left out): PATH: SUBJECT expires NOTAFTER (TIME left), ending in `renew` or `ok` with --needs-renewal or --expiring-within, which then list every certificate')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public key (PEM) of a key, CSR or certificate')
            [CompletionResult]::new('fingerprint', 'fingerprint', [CompletionResultType]::ParameterValue, 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print')
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Make an age X25519 identity (age-keygen''s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr')
            [CompletionResult]::new('share', 'share', [CompletionResultType]::ParameterValue, 'A custodian''s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file')
            [CompletionResult]::new('reshare', 'reshare', [CompletionResultType]::ParameterValue, 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;key;encrypt' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;decrypt' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;public' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;fingerprint' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;identity' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the identity file with a passphrase (scrypt), as `age -p` would: no plaintext identity is ever written')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the identity file with a passphrase (scrypt), as `age -p` would: no plaintext identity is ever written')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;share' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;key;share;release' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Your identity file (age, SSH, or passphrase-protected): it opens your share')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Your identity file (age, SSH, or passphrase-protected): it opens your share')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The ceremony machine''s one-time recipient (age1…), which alone can open the released share')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;share;check' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'A custodian''s identity file (repeatable); with --share, the one-time identity')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'A custodian''s identity file (repeatable); with --share, the one-time identity')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A share released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;share;help' {
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;key;share;help;release' {
            break
        }
        'certsmith;key;share;help;check' {
            break
        }
        'certsmith;key;share;help;help' {
            break
        }
        'certsmith;key;reshare' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA certificate whose key this is: a quorum file for another key is refused before any custodian opens a share, and an opened key that is not the certificate''s is refused')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;key;help' {
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public key (PEM) of a key, CSR or certificate')
            [CompletionResult]::new('fingerprint', 'fingerprint', [CompletionResultType]::ParameterValue, 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print')
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Make an age X25519 identity (age-keygen''s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr')
            [CompletionResult]::new('share', 'share', [CompletionResultType]::ParameterValue, 'A custodian''s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file')
            [CompletionResult]::new('reshare', 'reshare', [CompletionResultType]::ParameterValue, 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;key;help;encrypt' {
            break
        }
        'certsmith;key;help;decrypt' {
            break
        }
        'certsmith;key;help;public' {
            break
        }
        'certsmith;key;help;fingerprint' {
            break
        }
        'certsmith;key;help;identity' {
            break
        }
        'certsmith;key;help;share' {
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written')
            break
        }
        'certsmith;key;help;share;release' {
            break
        }
        'certsmith;key;help;share;check' {
            break
        }
        'certsmith;key;help;reshare' {
            break
        }
        'certsmith;key;help;help' {
            break
        }
        'certsmith;remote' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Ask a signer for its certificate, usages and expiry (with --vault: the mount''s CA chain)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Have Vault''s or OpenBao''s PKI engine revoke a certificate it issued')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print cfssl''s authentication token (base64 HMAC-SHA256) of a file''s bytes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;remote;sign' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order')
            [CompletionResult]::new('--tls-remote-ca', '--tls-remote-ca', [CompletionResultType]::ParameterName, 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate for mutual TLS')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The CA label (multirootca); empty for the server''s default')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The signing profile on the server')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order')
            [CompletionResult]::new('--mount', '--mount', [CompletionResultType]::ParameterName, 'The PKI secrets engine''s mount path (pki_int)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)')
            [CompletionResult]::new('--approle-role-id', '--approle-role-id', [CompletionResultType]::ParameterName, 'Log in with AppRole: the role id from env:VAR or file:PATH')
            [CompletionResult]::new('--approle-secret-id', '--approle-secret-id', [CompletionResultType]::ParameterName, 'The AppRole secret id, from env:VAR or file:PATH')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace (X-Vault-Namespace)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'With --vault: the role that signs (MOUNT/sign/ROLE)')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'With --vault: the certificate''s lifetime (Vault''s syntax: 24h, 30m), instead of the role''s')
            [CompletionResult]::new('--auth-key', '--auth-key', [CompletionResultType]::ParameterName, 'Authenticate with the hex key in env:VAR or file:PATH (uses /authsign)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'Replace the request''s SANs: comma-separated DNS names, IPs, emails, URIs')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The signer''s CA chain: the returned certificate must verify against it')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Make the request from the CSR JSON for this existing private key (plain or age-sealed) instead of a new one')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--verbatim', '--verbatim', [CompletionResultType]::ParameterName, 'With --vault: sign-verbatim, the CSR''s subject and extensions as the role allows')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;remote;info' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order')
            [CompletionResult]::new('--tls-remote-ca', '--tls-remote-ca', [CompletionResultType]::ParameterName, 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate for mutual TLS')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The CA label (multirootca); empty for the server''s default')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The signing profile on the server')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order')
            [CompletionResult]::new('--mount', '--mount', [CompletionResultType]::ParameterName, 'The PKI secrets engine''s mount path (pki_int)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)')
            [CompletionResult]::new('--approle-role-id', '--approle-role-id', [CompletionResultType]::ParameterName, 'Log in with AppRole: the role id from env:VAR or file:PATH')
            [CompletionResult]::new('--approle-secret-id', '--approle-secret-id', [CompletionResultType]::ParameterName, 'The AppRole secret id, from env:VAR or file:PATH')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace (X-Vault-Namespace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;remote;revoke' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order')
            [CompletionResult]::new('--tls-remote-ca', '--tls-remote-ca', [CompletionResultType]::ParameterName, 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate for mutual TLS')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The CA label (multirootca); empty for the server''s default')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The signing profile on the server')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order')
            [CompletionResult]::new('--mount', '--mount', [CompletionResultType]::ParameterName, 'The PKI secrets engine''s mount path (pki_int)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)')
            [CompletionResult]::new('--approle-role-id', '--approle-role-id', [CompletionResultType]::ParameterName, 'Log in with AppRole: the role id from env:VAR or file:PATH')
            [CompletionResult]::new('--approle-secret-id', '--approle-secret-id', [CompletionResultType]::ParameterName, 'The AppRole secret id, from env:VAR or file:PATH')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace (X-Vault-Namespace)')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The certificate''s serial number, hex (colons allowed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;remote;token' {
            [CompletionResult]::new('--auth-key', '--auth-key', [CompletionResultType]::ParameterName, 'The auth key, named as env:VAR or file:PATH (the file holds hex)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;remote;help' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Ask a signer for its certificate, usages and expiry (with --vault: the mount''s CA chain)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Have Vault''s or OpenBao''s PKI engine revoke a certificate it issued')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print cfssl''s authentication token (base64 HMAC-SHA256) of a file''s bytes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;remote;help;sign' {
            break
        }
        'certsmith;remote;help;info' {
            break
        }
        'certsmith;remote;help;revoke' {
            break
        }
        'certsmith;remote;help;token' {
            break
        }
        'certsmith;remote;help;help' {
            break
        }
        'certsmith;gencert' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;certinfo' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate file, or - for stdin')
            [CompletionResult]::new('--csr', '--csr', [CompletionResultType]::ParameterName, 'A CSR file, or - for stdin')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;print-defaults' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'A CSR JSON')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The names print-defaults knows')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;print-defaults;csr' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;print-defaults;config' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;print-defaults;list' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;print-defaults;help' {
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'A CSR JSON')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The names print-defaults knows')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;print-defaults;help;csr' {
            break
        }
        'certsmith;print-defaults;help;config' {
            break
        }
        'certsmith;print-defaults;help;list' {
            break
        }
        'certsmith;print-defaults;help;help' {
            break
        }
        'certsmith;revoke' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate, optionally followed by the CAs above it')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'The CA''s issuance ledger (verified before the revocation is added)')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The serial to revoke, in hex as openssl prints it (any case, colons allowed); the ledger must record it as issued by this CA')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate to revoke: accepted when this CA signed it, even if the ledger does not know it (issued before the ledger existed)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is revoked: one of RFC 5280''s reason names (any case)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Revoke a --serial that the ledger does not record (a certificate issued before the ledger existed, whose file is gone)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;crl' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate, optionally followed by the CAs above it')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'The CA''s ledger: its revocations go in, the CRL number follows the last one published')
            [CompletionResult]::new('--revoked', '--revoked', [CompletionResultType]::ParameterName, 'A file of serials (hex), one per line, each optionally followed by a reason')
            [CompletionResult]::new('--next-update', '--next-update', [CompletionResultType]::ParameterName, 'How long until the next CRL is due (Go duration)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'Print the CRL in DER (binary), as a distribution point serves it (application/pkix-crl), instead of PEM; refused on a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;cross-sign' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate, optionally followed by the CAs above it')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON with a CA profile to use instead of the new root''s own constraints')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CA profile to sign with')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'Record the issuance in this ledger')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;renew' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate, optionally followed by the CAs above it')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON with signing profiles (default: built-in)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Signing profile (default: the config''s default profile)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'CERT''s private key (plain or age-sealed): checked to match CERT, and signs a new CSR')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'Record the issuance in this ledger (one signed JSON line per certificate)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse, instead of clamping, a validity that would start before the CA or outlive it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;ledger' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a ledger against its CA; name the first line that fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;ledger;verify' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA certificate whose key signed the ledger')
            [CompletionResult]::new('--every-signature', '--every-signature', [CompletionResultType]::ParameterName, 'Check every line''s signature, not only the first and last (slower: an audit)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;ledger;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a ledger against its CA; name the first line that fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;ledger;help;verify' {
            break
        }
        'certsmith;ledger;help;help' {
            break
        }
        'certsmith;export' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('p12', 'p12', [CompletionResultType]::ParameterValue, 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers')
            [CompletionResult]::new('k8s-secret', 'k8s-secret', [CompletionResultType]::ParameterValue, 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Write a kubeconfig with the CA, certificate and key embedded')
            [CompletionResult]::new('der', 'der', [CompletionResultType]::ParameterValue, 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;export;p12' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate (PEM or DER), or - for stdin; certificates after the first in the file start the chain')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Its private key, plaintext (PEM or DER), or - for stdin [default: NAME-key.pem for --cert NAME.pem]')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'The CA certificates above it, the issuer first (split-json''s NAME-bundle.pem: a copy of the certificate at its start is skipped)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The root CA certificate, after the chain')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The entry''s name (friendlyName; keytool shows it lower-cased as the alias) [default: the certificate''s CN, else its first SAN]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically); - for stdout, never a terminal')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically); - for stdout, never a terminal')
            [CompletionResult]::new('--legacy', '--legacy', [CompletionResultType]::ParameterName, 'Protect with 3DES and a SHA-1 MAC instead, for Java before 8u301, Windows Server 2016 and older macOS (OpenSSL 3 reads it too)')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Protect the file with the empty password (still encrypted and MACed: Java skips unencrypted keys)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Protect with a password shorter than 12 characters')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;export;k8s-secret' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate (PEM or DER): tls.crt')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The certificate''s private key (plaintext PEM or DER), or - for stdin: tls.key')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Issuers to add after the certificate in tls.crt, each followed by its own issuer (a bundle works: certificates already there are skipped)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA certificate(s) that clients of the Secret trust: ca.crt')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The Secret''s name (a DNS-1123 subdomain: app-tls)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The Secret''s namespace (a DNS-1123 label); without it, kubectl''s current one')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The Secret''s namespace (a DNS-1123 label); without it, kubectl''s current one')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'A label, KEY=VALUE (repeat for more)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A label, KEY=VALUE (repeat for more)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write JSON instead of YAML')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;export;kubeconfig' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The API server: https://HOST[:PORT]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA certificate(s) the API server''s certificate is checked against')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The client certificate (PEM or DER)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The client certificate''s private key (plaintext PEM or DER), or - for stdin')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The cluster''s name in the file')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user''s name in the file [default: the certificate''s CN]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The context''s name in the file, made the current context')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (mode 0600, atomically) instead of stdout')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;export;der' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (atomically; 0600 for a key, 0644 otherwise) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (atomically; 0600 for a key, 0644 otherwise) instead of stdout')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing FILE')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;export;help' {
            [CompletionResult]::new('p12', 'p12', [CompletionResultType]::ParameterValue, 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers')
            [CompletionResult]::new('k8s-secret', 'k8s-secret', [CompletionResultType]::ParameterValue, 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Write a kubeconfig with the CA, certificate and key embedded')
            [CompletionResult]::new('der', 'der', [CompletionResultType]::ParameterValue, 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;export;help;p12' {
            break
        }
        'certsmith;export;help;k8s-secret' {
            break
        }
        'certsmith;export;help;kubeconfig' {
            break
        }
        'certsmith;export;help;der' {
            break
        }
        'certsmith;export;help;help' {
            break
        }
        'certsmith;import' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('p12', 'p12', [CompletionResultType]::ParameterValue, 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;import;p12' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'The file''s password is empty')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;import;help' {
            [CompletionResult]::new('p12', 'p12', [CompletionResultType]::ParameterValue, 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;import;help;p12' {
            break
        }
        'certsmith;import;help;help' {
            break
        }
        'certsmith;selfsign' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON whose profile shapes the certificate (default: built-in, 2190h)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Signing profile (default: the config''s default profile)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Seal the private key to this age (age1…) or SSH public key; repeat for several custodians')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Seal the private key to every recipient listed in FILE (repeatable)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Seal the private key to a quorum: any M of the recipients together, and no fewer, open it (NAME-key.quorum); each recipient is a custodian holding one share')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Seal the private key with a passphrase (scrypt)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Seal with a passphrase shorter than 12 characters')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;gencrl' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'An age identity file, SSH private key, or passphrase-protected identity file that opens a sealed key (repeatable); without one, a passphrase is asked for')
            [CompletionResult]::new('--share', '--share', [CompletionResultType]::ParameterName, 'A custodian''s share of a quorum-sealed key, released to the identity given with -i (repeatable)')
            [CompletionResult]::new('--pkcs11-module', '--pkcs11-module', [CompletionResultType]::ParameterName, 'The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read a token''s PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;info' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order')
            [CompletionResult]::new('--tls-remote-ca', '--tls-remote-ca', [CompletionResultType]::ParameterName, 'The CA the signer''s TLS certificate must chain to (default: the WebPKI roots)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate for mutual TLS')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The client certificate''s private key')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The CA label (multirootca); empty for the server''s default')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The signing profile on the server')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order')
            [CompletionResult]::new('--mount', '--mount', [CompletionResultType]::ParameterName, 'The PKI secrets engine''s mount path (pki_int)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)')
            [CompletionResult]::new('--approle-role-id', '--approle-role-id', [CompletionResultType]::ParameterName, 'Log in with AppRole: the role id from env:VAR or file:PATH')
            [CompletionResult]::new('--approle-secret-id', '--approle-secret-id', [CompletionResultType]::ParameterName, 'The AppRole secret id, from env:VAR or file:PATH')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace (X-Vault-Namespace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;version' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;help' {
            [CompletionResult]::new('initca', 'initca', [CompletionResultType]::ParameterValue, 'Make a self-signed CA certificate and its key: {"cert","csr","key"}')
            [CompletionResult]::new('genkey', 'genkey', [CompletionResultType]::ParameterValue, 'Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Make a CSR for an existing key: {"csr"}')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})')
            [CompletionResult]::new('split-json', 'split-json', [CompletionResultType]::ParameterValue, 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Build and verify a certificate''s chain: {"bundle","crt","root",…}')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Seal, open and describe private keys; make age identities')
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Talk to a cfssl signer (cfssl serve, multirootca), or to Vault''s or OpenBao''s PKI engine (--vault)')
            [CompletionResult]::new('gencert', 'gencert', [CompletionResultType]::ParameterValue, 'cfssl''s gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign')
            [CompletionResult]::new('certinfo', 'certinfo', [CompletionResultType]::ParameterValue, 'cfssl''s certinfo: describe one certificate or CSR as JSON (inspect''s fields)')
            [CompletionResult]::new('print-defaults', 'print-defaults', [CompletionResultType]::ParameterValue, 'Print starter files (cfssl print-defaults): csr, config, list')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Record that a certificate is revoked; `certsmith crl` publishes it')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Print a signed v2 CRL (PEM, or DER with --der): from the ledger''s revocations, or from a list of serials')
            [CompletionResult]::new('cross-sign', 'cross-sign', [CompletionResultType]::ParameterValue, 'Re-issue a new root''s certificate under an old root: {"cert"}')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'Check the issuance ledger that --ledger writes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a certificate and key in the form another tool takes: PKCS#12, a Kubernetes Secret, a kubeconfig, DER')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read a file another tool wrote into certsmith''s (cfssl''s) JSON')
            [CompletionResult]::new('selfsign', 'selfsign', [CompletionResultType]::ParameterValue, 'Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}')
            [CompletionResult]::new('gencrl', 'gencrl', [CompletionResultType]::ParameterValue, 'Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print certsmith''s version (cfssl version)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;help;initca' {
            break
        }
        'certsmith;help;genkey' {
            break
        }
        'certsmith;help;csr' {
            break
        }
        'certsmith;help;sign' {
            break
        }
        'certsmith;help;split-json' {
            break
        }
        'certsmith;help;bundle' {
            break
        }
        'certsmith;help;inspect' {
            break
        }
        'certsmith;help;key' {
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal)')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public key (PEM) of a key, CSR or certificate')
            [CompletionResult]::new('fingerprint', 'fingerprint', [CompletionResultType]::ParameterValue, 'Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of a key, CSR or certificate: the same for all three, and not the certificate SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print')
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Make an age X25519 identity (age-keygen''s format, or sealed with a passphrase as `age -p` seals it); its recipient goes to stderr')
            [CompletionResult]::new('share', 'share', [CompletionResultType]::ParameterValue, 'A custodian''s share of a key sealed to a quorum: release it to a ceremony elsewhere, or check it against the quorum file')
            [CompletionResult]::new('reshare', 'reshare', [CompletionResultType]::ParameterValue, 'Seal a key to new custodians and a new threshold, without it ever in plaintext on disk: the old custodians open it (-i, --share), and a new quorum identity and id seal it, so that no old share opens the new file. Any copy of the old file still opens with the old shares: destroy every copy. An age-sealed key moves to a quorum the same way')
            break
        }
        'certsmith;help;key;encrypt' {
            break
        }
        'certsmith;help;key;decrypt' {
            break
        }
        'certsmith;help;key;public' {
            break
        }
        'certsmith;help;key;fingerprint' {
            break
        }
        'certsmith;help;key;identity' {
            break
        }
        'certsmith;help;key;share' {
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Release your share to a ceremony elsewhere: it is opened with your identity and sealed, unchanged, to the ceremony machine''s one-time recipient (certsmith key identity there)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that your share opens and matches its commitment in the quorum file, as each custodian should after a seal or a reshare: nothing is combined, nothing is written')
            break
        }
        'certsmith;help;key;share;release' {
            break
        }
        'certsmith;help;key;share;check' {
            break
        }
        'certsmith;help;key;reshare' {
            break
        }
        'certsmith;help;remote' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Ask a signer for its certificate, usages and expiry (with --vault: the mount''s CA chain)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Have Vault''s or OpenBao''s PKI engine revoke a certificate it issued')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print cfssl''s authentication token (base64 HMAC-SHA256) of a file''s bytes')
            break
        }
        'certsmith;help;remote;sign' {
            break
        }
        'certsmith;help;remote;info' {
            break
        }
        'certsmith;help;remote;revoke' {
            break
        }
        'certsmith;help;remote;token' {
            break
        }
        'certsmith;help;gencert' {
            break
        }
        'certsmith;help;certinfo' {
            break
        }
        'certsmith;help;print-defaults' {
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'A CSR JSON')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The names print-defaults knows')
            break
        }
        'certsmith;help;print-defaults;csr' {
            break
        }
        'certsmith;help;print-defaults;config' {
            break
        }
        'certsmith;help;print-defaults;list' {
            break
        }
        'certsmith;help;revoke' {
            break
        }
        'certsmith;help;crl' {
            break
        }
        'certsmith;help;cross-sign' {
            break
        }
        'certsmith;help;renew' {
            break
        }
        'certsmith;help;ledger' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a ledger against its CA; name the first line that fails')
            break
        }
        'certsmith;help;ledger;verify' {
            break
        }
        'certsmith;help;export' {
            [CompletionResult]::new('p12', 'p12', [CompletionResultType]::ParameterValue, 'Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers')
            [CompletionResult]::new('k8s-secret', 'k8s-secret', [CompletionResultType]::ParameterValue, 'Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Write a kubeconfig with the CA, certificate and key embedded')
            [CompletionResult]::new('der', 'der', [CompletionResultType]::ParameterValue, 'Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8)')
            break
        }
        'certsmith;help;export;p12' {
            break
        }
        'certsmith;help;export;k8s-secret' {
            break
        }
        'certsmith;help;export;kubeconfig' {
            break
        }
        'certsmith;help;export;der' {
            break
        }
        'certsmith;help;import' {
            [CompletionResult]::new('p12', 'p12', [CompletionResultType]::ParameterValue, 'Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json')
            break
        }
        'certsmith;help;import;p12' {
            break
        }
        'certsmith;help;selfsign' {
            break
        }
        'certsmith;help;gencrl' {
            break
        }
        'certsmith;help;info' {
            break
        }
        'certsmith;help;version' {
            break
        }
        'certsmith;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
