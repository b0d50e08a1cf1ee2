#!/usr/bin/env bash
# Root rotation with a cross-signed certificate, in one directory:
#
#   old-root.pem, old-root-key.pem     the root every client trusts today
#   new-root.pem, new-root-key.pem     its successor (pathlen 1)
#   new-root-cross.pem                 the new root's name and key, issued by the old root
#   intermediate.pem, -key.pem         an issuing CA under the new root (pathlen 0)
#   server.pem, server-key.pem         a leaf issued by the intermediate
#   server-chain.pem                   what the server sends: server + intermediate + cross
#   ledger.jsonl                       the old root's issuance ledger (the cross certificate)
#
# Then it checks, with openssl, that a client trusting only the old root and
# a client trusting only the new root both accept server.pem.
#
# Usage: examples/root-rotation/run.sh [DIR]          (default: ./rotation)
#        CERTSMITH=/path/to/certsmith examples/root-rotation/run.sh /tmp/rotation
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
OUT=${1:-./rotation}
OUT=${OUT%/}

die() {
    echo "run.sh: $*" >&2
    exit 1
}
step() {
    echo >&2
    echo "== $*" >&2
}

command -v "$CERTSMITH" >/dev/null 2>&1 ||
    die "certsmith not found as '$CERTSMITH' (put it on PATH or set CERTSMITH=/path/to/certsmith)"
command -v openssl >/dev/null 2>&1 || die "openssl not found (it checks what certsmith made)"

[[ -e "$OUT/old-root-key.pem" ]] && die "$OUT/old-root-key.pem exists: use a new directory"
mkdir -p "$OUT"
cd "$OUT"

step "1. the old root, trusted by every client today"
cat >old-root-csr.json <<'JSON'
{
  "CN": "Example Root CA 2015",
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 256 },
  "ca": { "expiry": "87600h", "pathlen": 2 }
}
JSON
"$CERTSMITH" initca old-root-csr.json | "$CERTSMITH" split-json old-root

step "2. the new root, its successor"
cat >new-root-csr.json <<'JSON'
{
  "CN": "Example Root CA 2025",
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 384 },
  "ca": { "expiry": "175200h", "pathlen": 1 }
}
JSON
"$CERTSMITH" initca new-root-csr.json | "$CERTSMITH" split-json new-root

step "3. the old root cross-signs the new root (recorded in the old root's ledger)"
"$CERTSMITH" cross-sign --ca old-root.pem --ca-key old-root-key.pem --ledger ledger.jsonl \
    new-root.pem | "$CERTSMITH" split-json new-root-cross
openssl x509 -noout -subject -issuer -enddate -in new-root-cross.pem >&2
"$CERTSMITH" ledger verify --ca old-root.pem ledger.jsonl

step "4. an intermediate and a server certificate under the new root"
cat >intermediate-csr.json <<'JSON'
{
  "CN": "Example Issuing CA 2025",
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 256 },
  "ca": {}
}
JSON
"$CERTSMITH" genkey intermediate-csr.json | "$CERTSMITH" split-json intermediate
"$CERTSMITH" sign --ca new-root.pem --ca-key new-root-key.pem --profile intermediate \
    intermediate.csr | "$CERTSMITH" split-json intermediate
cat >server-csr.json <<'JSON'
{
  "CN": "www.example.com",
  "hosts": ["www.example.com", "192.0.2.10"],
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 256 }
}
JSON
"$CERTSMITH" sign --ca intermediate.pem --ca-key intermediate-key.pem --profile server \
    server-csr.json | "$CERTSMITH" split-json server
cat server.pem intermediate.pem new-root-cross.pem >server-chain.pem

step "5. a client that trusts only the old root"
openssl verify -x509_strict -CAfile old-root.pem \
    -untrusted new-root-cross.pem -untrusted intermediate.pem server.pem >&2 ||
    die "server.pem does not verify from the old root through new-root-cross.pem"
# The same chain without the cross certificate does not: it is what bridges the roots.
if openssl verify -x509_strict -CAfile old-root.pem -untrusted intermediate.pem server.pem \
    >/dev/null 2>&1; then
    die "server.pem verifies from the old root without the cross certificate"
fi
echo "without new-root-cross.pem: refused, as it should be" >&2

step "6. a client that trusts only the new root"
openssl verify -x509_strict -CAfile new-root.pem -untrusted intermediate.pem server.pem >&2 ||
    die "server.pem does not verify from the new root"

step "done: $OUT"
