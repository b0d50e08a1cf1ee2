#!/usr/bin/env bash
# Builds a small offline-root PKI with certsmith alone:
#
#   root          ECDSA P-384, 10 years, pathlen 1        (root.pem, root-key.pem)
#   intermediate  ECDSA P-256, profile intermediate       (intermediate.pem, intermediate-key.pem)
#     server      ECDSA P-256, profile server, DNS + IP   (server.pem, server-key.pem)
#     client      ECDSA P-256, profile client, email SAN  (client.pem, client-key.pem)
#     peer        RSA 2048,    profile peer,   DNS + IP   (peer.pem, peer-key.pem)
#   chain.pem     intermediate.pem followed by root.pem (no leaf)
#
# Usage: examples/demo/build.sh [OUTDIR]        (default: demo-pki)
#        CERTSMITH=/path/to/certsmith examples/demo/build.sh
#
# Safe to re-run: a step whose outputs exist is skipped, and an existing key is
# never replaced (a missing certificate is re-issued for the key already on
# disk). Delete a leaf's NAME.pem to re-issue it; delete the whole OUTDIR to
# start over.
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
OUT=${1:-demo-pki}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
    echo "build.sh: $*" >&2
    exit 1
}
note() {
    echo "build.sh: $*" >&2
}

command -v "$CERTSMITH" >/dev/null 2>&1 ||
    die "certsmith not found as '$CERTSMITH' (put it on PATH or set CERTSMITH=/path/to/certsmith)"
command -v openssl >/dev/null 2>&1 || die "openssl not found (it verifies what certsmith made)"

mkdir -p "$OUT"

# The root: made once. A root key without its certificate cannot be repaired
# here (a new self-signed certificate would be a different root), so stop.
if [[ -e "$OUT/root-key.pem" ]]; then
    [[ -e "$OUT/root.pem" ]] || die "$OUT/root-key.pem exists but $OUT/root.pem does not; refusing to touch the root key"
    note "root: kept (root-key.pem exists)"
else
    [[ -e "$OUT/root.pem" ]] && die "$OUT/root.pem exists without root-key.pem; remove it or use another OUTDIR"
    note "root: initca $HERE/root-csr.json"
    "$CERTSMITH" initca "$HERE/root-csr.json" | "$CERTSMITH" split-json "$OUT/root"
fi

# issue NAME ISSUER PROFILE
# Signs NAME under ISSUER with PROFILE. Without a key on disk, `sign` makes the
# key from NAME-csr.json; with one, a CSR is made for that key and signed, so
# a re-run never replaces a key.
issue() {
    local name=$1 issuer=$2 profile=$3
    if [[ -e "$OUT/$name.pem" && -e "$OUT/$name-key.pem" ]]; then
        note "$name: kept ($name.pem exists)"
        return
    fi
    if [[ -e "$OUT/$name-key.pem" ]]; then
        note "$name: re-issuing for the existing $name-key.pem"
        "$CERTSMITH" csr --key "$OUT/$name-key.pem" "$HERE/$name-csr.json" | "$CERTSMITH" split-json "$OUT/$name"
        "$CERTSMITH" sign --ca "$OUT/$issuer.pem" --ca-key "$OUT/$issuer-key.pem" --profile "$profile" "$OUT/$name.csr" |
            "$CERTSMITH" split-json "$OUT/$name"
    else
        note "$name: sign --profile $profile $HERE/$name-csr.json"
        "$CERTSMITH" sign --ca "$OUT/$issuer.pem" --ca-key "$OUT/$issuer-key.pem" --profile "$profile" "$HERE/$name-csr.json" |
            "$CERTSMITH" split-json "$OUT/$name"
    fi
}

# The intermediate: its key is made by genkey (as it would be on the issuing
# host), and only its CSR goes to the root. The CSR JSON's `ca` section makes
# the CSR ask for CA:TRUE; the intermediate profile decides (pathlen 0).
if [[ -e "$OUT/intermediate.pem" && -e "$OUT/intermediate-key.pem" ]]; then
    note "intermediate: kept (intermediate.pem exists)"
else
    if [[ ! -e "$OUT/intermediate-key.pem" ]]; then
        note "intermediate: genkey $HERE/intermediate-csr.json"
        "$CERTSMITH" genkey "$HERE/intermediate-csr.json" | "$CERTSMITH" split-json "$OUT/intermediate"
    elif [[ ! -e "$OUT/intermediate.csr" ]]; then
        "$CERTSMITH" csr --key "$OUT/intermediate-key.pem" "$HERE/intermediate-csr.json" |
            "$CERTSMITH" split-json "$OUT/intermediate"
    fi
    note "intermediate: sign --profile intermediate intermediate.csr (by the root)"
    "$CERTSMITH" sign --ca "$OUT/root.pem" --ca-key "$OUT/root-key.pem" --profile intermediate "$OUT/intermediate.csr" |
        "$CERTSMITH" split-json "$OUT/intermediate"
fi

issue server intermediate server
issue client intermediate client
issue peer intermediate peer

# chain.pem: what a relying party needs above any leaf (intermediate, then root).
cat "$OUT/intermediate.pem" "$OUT/root.pem" >"$OUT/chain.pem"

# Independent checks: openssl, not certsmith, decides whether this is a PKI.
openssl verify -x509_strict -CAfile "$OUT/root.pem" "$OUT/intermediate.pem" >&2 ||
    die "intermediate.pem does not verify against root.pem (left over from another root? remove $OUT/intermediate.pem)"
for leaf in server client peer; do
    openssl verify -x509_strict -CAfile "$OUT/root.pem" -untrusted "$OUT/intermediate.pem" "$OUT/$leaf.pem" >&2 ||
        die "$leaf.pem does not verify through intermediate.pem to root.pem (remove $OUT/$leaf.pem to re-issue it)"
done

echo >&2
for name in root intermediate server client peer; do
    {
        echo "$name.pem"
        openssl x509 -noout -subject -enddate -fingerprint -sha256 -nameopt oneline -in "$OUT/$name.pem" | sed 's/^/  /'
    } >&2
done
note "done: $OUT (chain.pem = intermediate.pem + root.pem)"
