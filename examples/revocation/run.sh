#!/usr/bin/env bash
# Revocation with an issuance ledger, in one directory:
#
#   ca.pem, ca-key.pem        a CA whose every act goes to ledger.jsonl
#   www.pem, api.pem (+keys)  two server certificates
#   ledger.jsonl              issued ×3 (the CA itself, www, api), revoked ×1, crl ×1
#   ca.crl                    the CRL (PEM), api.pem revoked for keyCompromise
#   outcomes.txt              what `openssl verify -crl_check` says of each leaf
#
# The script fails unless openssl verifies the CRL, reports api.pem as revoked,
# still accepts www.pem, and `certsmith ledger verify` accepts the ledger.
#
# Usage: examples/revocation/run.sh [DIR]          (default: ./revocation)
#        CERTSMITH=/path/to/certsmith examples/revocation/run.sh /tmp/revocation
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
OUT=${1:-./revocation}
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

[[ -e "$OUT/ca-key.pem" ]] && die "$OUT/ca-key.pem exists: use a new directory"
mkdir -p "$OUT"
cd "$OUT"

step "1. a CA that records everything it does in ledger.jsonl"
cat >ca-csr.json <<'JSON'
{
  "CN": "Example Issuing CA",
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 256 }
}
JSON
"$CERTSMITH" initca --ledger ledger.jsonl ca-csr.json | "$CERTSMITH" split-json ca

step "2. two server certificates"
for name in www api; do
    cat >"$name-csr.json" <<JSON
{
  "CN": "$name.example.com",
  "hosts": ["$name.example.com"],
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 256 }
}
JSON
    "$CERTSMITH" sign --ca ca.pem --ca-key ca-key.pem --profile server --ledger ledger.jsonl \
        "$name-csr.json" | "$CERTSMITH" split-json "$name"
done

step "3. api's key leaked: revoke api.pem for keyCompromise"
# --serial works as well, with the serial as openssl prints it:
#   certsmith revoke … --serial "$(openssl x509 -noout -serial -in api.pem | cut -d= -f2)"
"$CERTSMITH" revoke --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl \
    --cert api.pem --reason keyCompromise

step "4. publish the CRL (the ledger is verified first; the CRL is recorded in it)"
"$CERTSMITH" crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl --next-update 168h >ca.crl
checked=$(openssl crl -CAfile ca.pem -in ca.crl -noout 2>&1) || true
[[ $checked == *"verify OK"* ]] || die "openssl does not verify ca.crl against ca.pem: $checked"
echo "openssl crl -CAfile ca.pem: $checked" >&2
openssl crl -noout -text -in ca.crl | sed -n '/CRL Number/,+1p;/Serial Number/,/Key Compromise/p' >&2

step "5. what a client that checks the CRL sees"
: >outcomes.txt
for name in www api; do
    if result=$(openssl verify -x509_strict -crl_check -CRLfile ca.crl -CAfile ca.pem "$name.pem" 2>&1); then
        echo "$name.pem: accepted" >>outcomes.txt
    elif grep -q 'certificate revoked' <<<"$result"; then
        echo "$name.pem: revoked" >>outcomes.txt
    else
        die "openssl verify $name.pem: $result"
    fi
done
cat outcomes.txt >&2
[[ "$(cat outcomes.txt)" == $'www.pem: accepted\napi.pem: revoked' ]] ||
    die "unexpected outcomes: $(cat outcomes.txt)"

step "6. the ledger holds together"
"$CERTSMITH" ledger verify --ca ca.pem ledger.jsonl

step "done: $OUT"
