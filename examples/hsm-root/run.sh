#!/usr/bin/env bash
# An offline root ceremony with the root key in a PKCS#11 token, non-interactively,
# in one directory standing in for the token and two machines (see README.md):
#
#   hsm/        softhsm2.conf, tokens/            the token: a SoftHSM2 token directory of its
#                                                 own (SOFTHSM2_CONF), never ~/.config or /etc's
#   offline/    root.pem, root.csr                the root certificate (ECDSA P-384, 10 years);
#                                                 its key made in the token, and only there
#               ledger.jsonl                      every act of the root, signed by the token key
#               intermediate.csr → intermediate.pem   signed by the token key (pathlen 0)
#               root.crl                          the root's first CRL, signed by the token key
#               root-fingerprint.txt              SHA-256 of root.pem, as openssl prints it
#               ceremony-record.txt               what the operator writes down: fingerprints,
#                                                 token label and serial, key label and id, the
#                                                 key's URI, CRL number, the ledger's last hash
#   online/     intermediate-key.pem, intermediate.csr, intermediate.pem
#               server-key.pem, server.pem        a leaf issued by the intermediate
#               chain.pem                         intermediate.pem + root.pem
#
# The root key never exists outside the token: initca --pkcs11-key makes it
# there (sensitive, never extractable), and sign and crl use it by reference.
# pkcs11-tool (OpenSC) shows the key object's flags, and the script fails
# unless they say sensitive and never extractable. It fails too if any file
# outside the token directory but the online host's own keys holds a
# `PRIVATE KEY`.
#
# No PIN is ever an argument (ps shows arguments): each command that needs
# one gets it in its environment. certsmith reads $CERTSMITH_PKCS11_PIN (in a
# real ceremony the operator types it at certsmith's prompt instead), and
# pkcs11-tool reads `--pin env:VAR` / `--so-pin env:VAR`.
#
# Usage: examples/hsm-root/run.sh [DIR]          (default: ./hsm-ceremony)
#        CERTSMITH=/path/to/certsmith examples/hsm-root/run.sh /tmp/hsm-ceremony
#        MODULE=/path/to/libsofthsm2.so …        (default: Debian's /usr/lib/softhsm/libsofthsm2.so)
#        HSM_USER_PIN=… HSM_SO_PIN=… …           the new token's PINs (default: demo values)
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
MODULE=${MODULE:-/usr/lib/softhsm/libsofthsm2.so}
OUT=${1:-./hsm-ceremony}
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
command -v pkcs11-tool >/dev/null 2>&1 ||
    die "pkcs11-tool not found (Debian: apt-get install opensc); it initialises the token and shows its key"
[[ -f $MODULE ]] || die "no PKCS#11 module at $MODULE (Debian: apt-get install softhsm2, or set MODULE=/path/to/libsofthsm2.so)"

# A ceremony makes a new root in a new token: never on top of an old one.
[[ -e "$OUT/hsm" ]] && die "$OUT/hsm exists: a new ceremony needs a new directory"
mkdir -p "$OUT"
mkdir -m 700 "$OUT/hsm" "$OUT/hsm/tokens"
HSM=$(cd "$OUT/hsm" && pwd) OFF=$OUT/offline ON=$OUT/online

# The token and its key, by label: SoftHSM renumbers its slots, so a slot
# number would not name the same token twice.
TOKEN=example-root-ca
KEY=root-key
URI="pkcs11:token=$TOKEN;object=$KEY"
# The token's PINs: stand-ins for what the operator would type (and keep in
# the safe), unless given in the environment.
so_pin=${HSM_SO_PIN:-87654321}
user_pin=${HSM_USER_PIN:-246810}

# The token's PKCS#11 module, and the user PIN, for certsmith on the offline
# machine (--pkcs11-module and a prompt would do as well).
offline_certsmith() {
    CERTSMITH_PKCS11_MODULE=$MODULE CERTSMITH_PKCS11_PIN=$user_pin "$CERTSMITH" "$@"
}
# pkcs11-tool logged in as the token's user, the PIN from its environment.
as_user() {
    CERTSMITH_PKCS11_PIN=$user_pin pkcs11-tool --module "$MODULE" --token-label "$TOKEN" \
        --login --pin env:CERTSMITH_PKCS11_PIN "$@"
}

step "1. a new token, in its own SoftHSM2 directory"
# SoftHSM reads this file when the module is loaded, by every program below.
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\n' "$HSM" >"$HSM/softhsm2.conf"
export SOFTHSM2_CONF=$HSM/softhsm2.conf
# This script makes a token from nothing: with a real token's module, it would
# erase that token. Run the README's steps by hand there instead.
library=$(pkcs11-tool --module "$MODULE" --show-info 2>&1) || true
if ! grep -q '^Manufacturer *SoftHSM' <<<"$library"; then
    rm -r "$HSM"
    die "$MODULE is not SoftHSM's module: this script initialises a new token and is for SoftHSM only"
fi
mkdir -p "$OFF" "$ON"
# softhsm2-util takes the PINs only as arguments (--so-pin, --pin) or at a
# prompt; pkcs11-tool reads them from the environment.
SO_PIN=$so_pin pkcs11-tool --module "$MODULE" --init-token --label "$TOKEN" \
    --so-pin env:SO_PIN >&2
SO_PIN=$so_pin USER_PIN=$user_pin pkcs11-tool --module "$MODULE" --token-label "$TOKEN" \
    --login --login-type so --so-pin env:SO_PIN --init-pin --pin env:USER_PIN >&2
# The token's serial, from the block of the slot that holds our label.
serial=$(pkcs11-tool --module "$MODULE" --list-token-slots 2>/dev/null | awk -v label="$TOKEN" '
    /^ *token label *:/ { sub(/^[^:]*: /, ""); ours = ($0 == label) }
    ours && /^ *serial num *:/ { sub(/^[^:]*: /, ""); print; exit }')
[[ -n $serial ]] || die "pkcs11-tool lists no token labelled $TOKEN"
echo "token $TOKEN, serial $serial" >&2

step "2. the root key is made in the token, and the root certificate for it"
cat >"$OFF/root-csr.json" <<'EOF'
{
  "CN": "Example HSM Root CA",
  "names": [{ "C": "US", "O": "Example Corp", "OU": "PKI" }],
  "key": { "algo": "ecdsa", "size": 384 },
  "ca": { "expiry": "87600h", "pathlen": 1 }
}
EOF
made=0
offline_certsmith initca --pkcs11-key "$URI" --ledger "$OFF/ledger.jsonl" "$OFF/root-csr.json" \
    2>"$OFF/initca.log" | "$CERTSMITH" split-json "$OFF/root" 2>"$OFF/split.log" || made=$?
cat "$OFF/initca.log" "$OFF/split.log" >&2
[[ $made == 0 ]] || die "no root made"
[[ -e "$OFF/root.pem" && ! -e "$OFF/root-key.pem" ]] || die "initca --pkcs11-key wrote a root key file"

# The fingerprint of the root.pem that split-json wrote, which must be the one
# openssl computes from root.pem (compared by value: the hex after the last
# '=' or space); relying parties compare it when they install the root.
announced=$(sed -n 's/^wrote .*root\.pem: //p' "$OFF/split.log")
computed=$(openssl x509 -noout -fingerprint -sha256 -in "$OFF/root.pem")
[[ -n $announced && ${announced##*[= ]} == "${computed##*[= ]}" ]] ||
    die "split-json announced '$announced', openssl computes '$computed'"
echo "$computed" >"$OFF/root-fingerprint.txt"
rm "$OFF/initca.log" "$OFF/split.log"

# The key in the token is root.pem's key: same public key fingerprint.
key_fingerprint=$(offline_certsmith key fingerprint "$URI")
[[ $key_fingerprint == "$("$CERTSMITH" key fingerprint "$OFF/root.pem")" ]] ||
    die "the token's $KEY is not root.pem's key"
echo "$KEY in the token is root.pem's key: $key_fingerprint" >&2

step "3. pkcs11-tool shows the root key: sensitive, never extractable"
objects=$(as_user --list-objects --type privkey)
echo "$objects" >&2
[[ $(grep -c '^Private Key Object' <<<"$objects") == 1 ]] ||
    die "the token should hold exactly one private key"
# pkcs11-tool's Access line: sensitive, always sensitive, extractable, never
# extractable, local (made in the token), each when its attribute is true.
access=$(sed -n 's/^ *Access: *//p' <<<"$objects")
has() { [[ ", $access, " == *", $1, "* ]]; }
if ! has "sensitive" || ! has "always sensitive" || ! has "never extractable" ||
    ! has "local" || has "extractable"; then
    die "the root key's flags are '$access': it must be sensitive and never extractable"
fi
key_id=$(sed -n 's/^ *ID: *//p' <<<"$objects")
[[ $key_id =~ ^[0-9a-f]+$ ]] || die "no id for the root key in: $objects"
# The key's full URI for later ceremonies: the token's serial and the key's
# id name it even if another token or key takes the same label.
full_uri="pkcs11:token=$TOKEN;serial=$serial;object=$KEY;id=$(sed 's/../%&/g' <<<"${key_id^^}")"

step "4. the online host makes the intermediate's key and CSR; only the CSR travels"
cat >"$ON/intermediate-csr.json" <<'EOF'
{
  "CN": "Example Issuing CA 1",
  "names": [{ "C": "US", "O": "Example Corp", "OU": "PKI" }],
  "key": { "algo": "ecdsa", "size": 256 },
  "ca": {}
}
EOF
"$CERTSMITH" genkey "$ON/intermediate-csr.json" | "$CERTSMITH" split-json "$ON/intermediate"
cp "$ON/intermediate.csr" "$OFF/intermediate.csr" # carried to the offline machine

step "5. the token key signs the intermediate (pathlen 0)"
offline_certsmith sign --ca "$OFF/root.pem" --ca-key "$URI" --profile intermediate \
    --ledger "$OFF/ledger.jsonl" "$OFF/intermediate.csr" | "$CERTSMITH" split-json "$OFF/intermediate"
openssl verify -x509_strict -CAfile "$OFF/root.pem" "$OFF/intermediate.pem" >&2 ||
    die "intermediate.pem does not verify against root.pem"
cp "$OFF/intermediate.pem" "$ON/intermediate.pem" # carried back to the online host

step "6. the token key signs the root's first CRL (the key named by its full URI)"
echo "$full_uri" >&2
offline_certsmith crl --ca "$OFF/root.pem" --ca-key "$full_uri" --ledger "$OFF/ledger.jsonl" \
    --next-update 8760h >"$OFF/root.crl"
crl_check=$(openssl crl -noout -CAfile "$OFF/root.pem" -in "$OFF/root.crl" 2>&1) || true
[[ $crl_check == "verify OK" ]] || die "root.crl is not signed by root.pem's key: $crl_check"
openssl verify -x509_strict -crl_check -CAfile "$OFF/root.pem" -CRLfile "$OFF/root.crl" \
    "$OFF/intermediate.pem" >&2 || die "intermediate.pem does not pass root.crl"
crl_number=$(openssl crl -noout -crlnumber -in "$OFF/root.crl")
crl_number=$((16#${crl_number#crlNumber=0x})) # openssl prints it in hex
next_update=$(openssl crl -noout -nextupdate -in "$OFF/root.crl")
next_update=${next_update#nextUpdate=}

step "7. the ledger: every line signed by the token key, each linked to the one before"
"$CERTSMITH" ledger verify --ca "$OFF/root.pem" "$OFF/ledger.jsonl"
# The SHA-256 of the last line without its newline: the "prev" the next line
# will carry. Written down, it shows later that no line was cut from the end.
ledger_lines=$(wc -l <"$OFF/ledger.jsonl")
ledger_last=$(tail -n 1 "$OFF/ledger.jsonl" | tr -d '\n' | openssl dgst -sha256 -r)
ledger_last=${ledger_last%% *}

step "8. the online intermediate issues a server certificate"
cat >"$ON/server-csr.json" <<'EOF'
{
  "CN": "www.example.com",
  "hosts": ["www.example.com", "192.0.2.10"],
  "names": [{ "C": "US", "O": "Example Corp" }],
  "key": { "algo": "ecdsa", "size": 256 }
}
EOF
"$CERTSMITH" sign --ca "$ON/intermediate.pem" --ca-key "$ON/intermediate-key.pem" --profile server \
    "$ON/server-csr.json" | "$CERTSMITH" split-json "$ON/server"
cat "$ON/intermediate.pem" "$OFF/root.pem" >"$ON/chain.pem"
openssl verify -x509_strict -CAfile "$OFF/root.pem" -untrusted "$ON/intermediate.pem" "$ON/server.pem" >&2 ||
    die "server.pem does not verify through intermediate.pem to root.pem"

step "9. no private key outside the token but the online host's own key files"
# The token's own files hold its keys, encrypted under its PINs: not ours to read.
leaks=()
while IFS= read -r file; do
    case $file in
    "$OUT/hsm/"* | "$ON/intermediate-key.pem" | "$ON/server-key.pem") ;;
    *) leaks+=("$file") ;;
    esac
done < <(grep -rl -- 'PRIVATE KEY' "$OUT" || true)
[[ ${#leaks[@]} == 0 ]] || die "private key in: ${leaks[*]}"
echo "none" >&2

step "10. the ceremony record"
cat >"$OFF/ceremony-record.txt" <<EOF
root certificate:        $(cat "$OFF/root-fingerprint.txt")
root public key:         $key_fingerprint
token label:             $TOKEN
token serial:            $serial
key label:               $KEY
key id:                  $key_id
key URI:                 $full_uri
key flags:               $access
CRL number:              $crl_number (next update $next_update)
ledger:                  $ledger_lines lines, last line SHA-256 $ledger_last
EOF
cat "$OFF/ceremony-record.txt" >&2

step "done: $OUT"
