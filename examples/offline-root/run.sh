#!/usr/bin/env bash
# An offline root ceremony, non-interactively, in one directory standing in for
# three places (see README.md):
#
#   custodians/   custodian-1.age, custodian-2.age   age identities (0600), one per custodian,
#                                                    each sealed with its custodian's passphrase
#                 recipients.txt                     their public keys (age1…)
#   offline/      root.pem, root.csr                 the root certificate (ECDSA P-384, 10 years)
#                 root-key.age                       the root key, sealed to both custodians (0600)
#                 root-fingerprint.txt               the ceremony record: SHA-256 of root.pem
#                 intermediate.csr → intermediate.pem   signed with --profile intermediate (pathlen 0)
#   online/       intermediate-key.pem, intermediate.csr, intermediate.pem
#                 server-key.pem, server.pem         a leaf issued by the intermediate
#                 chain.pem                          intermediate.pem + root.pem
#
# The root key exists in plaintext only inside certsmith's memory: initca seals
# it before it is printed, and sign unlocks it with one custodian's identity.
# No identity is on disk in plaintext either: each is sealed with a passphrase
# (as `age -p` seals one), which a custodian types at the prompt; this script
# gives each command its custodian's passphrase in $CERTSMITH_PASSPHRASE instead.
# The script fails if any file but the online host's own keys holds a
# `PRIVATE KEY`, or any file an `AGE-SECRET-KEY`.
#
# Usage: examples/offline-root/run.sh [DIR]          (default: ./ceremony)
#        CERTSMITH=/path/to/certsmith examples/offline-root/run.sh /tmp/ceremony
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
OUT=${1:-./ceremony}
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

# A ceremony makes a new root: never on top of an old one.
[[ -e "$OUT/offline/root-key.age" ]] &&
    die "$OUT/offline/root-key.age exists: a new ceremony needs a new directory"
mkdir -p "$OUT/custodians" "$OUT/offline" "$OUT/online"
C=$OUT/custodians OFF=$OUT/offline ON=$OUT/online
# Stand-ins for what each custodian would type (and keep in their head).
passphrase_1="custodian one's passphrase, for the demo"
passphrase_2="custodian two's passphrase, for the demo"

step "1. each custodian makes an age identity (on their own machine, kept offline)"
: >"$C/recipients.txt"
for n in 1 2; do
    # The identity goes to the file (0600), sealed with the custodian's
    # passphrase; the public key is printed on stderr.
    passphrase=passphrase_$n
    CERTSMITH_PASSPHRASE=${!passphrase} \
        "$CERTSMITH" key identity --passphrase -o "$C/custodian-$n.age" 2>"$C/custodian-$n.log"
    recipient=$(sed -n 's/^Public key: //p' "$C/custodian-$n.log")
    [[ $recipient == age1* ]] || die "no recipient from key identity: $(cat "$C/custodian-$n.log")"
    rm "$C/custodian-$n.log"
    printf '# custodian %s\n%s\n' "$n" "$recipient" >>"$C/recipients.txt"
    echo "custodian $n: $recipient" >&2
done

step "2. the root is made on the offline machine, its key sealed to both custodians"
cat >"$OFF/root-csr.json" <<'EOF'
{
  "CN": "Example Offline Root CA",
  "names": [{ "C": "US", "O": "Example Corp", "OU": "PKI" }],
  "key": { "algo": "ecdsa", "size": 384 },
  "ca": { "expiry": "87600h", "pathlen": 1 }
}
EOF
"$CERTSMITH" initca -R "$C/recipients.txt" "$OFF/root-csr.json" 2>"$OFF/initca.log" |
    "$CERTSMITH" split-json "$OFF/root" 2>"$OFF/split.log"
cat "$OFF/initca.log" "$OFF/split.log" >&2
[[ -e "$OFF/root-key.age" && ! -e "$OFF/root-key.pem" ]] || die "the root key was not sealed"

# The ceremony record: the fingerprint of the root.pem that split-json wrote
# (initca's line is of a certificate not yet written), which must be the one
# openssl computes from root.pem; relying parties compare it when they install
# the root.
# Compared by value: the hex after the last '=' (or space) of each line.
announced=$(sed -n 's/^wrote .*root\.pem: //p' "$OFF/split.log")
computed=$(openssl x509 -noout -fingerprint -sha256 -in "$OFF/root.pem")
[[ -n $announced && ${announced##*[= ]} == "${computed##*[= ]}" ]] ||
    die "split-json announced '$announced', openssl computes '$computed'"
echo "$computed" >"$OFF/root-fingerprint.txt"
rm "$OFF/initca.log" "$OFF/split.log"

step "3. the online host makes the intermediate's key and CSR; only the CSR travels"
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

step "4. custodian 1 unlocks the root to sign the intermediate (pathlen 0)"
CERTSMITH_PASSPHRASE=$passphrase_1 \
    "$CERTSMITH" sign --ca "$OFF/root.pem" --ca-key "$OFF/root-key.age" -i "$C/custodian-1.age" \
    --profile intermediate "$OFF/intermediate.csr" | "$CERTSMITH" split-json "$OFF/intermediate"
openssl verify -x509_strict -CAfile "$OFF/root.pem" "$OFF/intermediate.pem" >&2 ||
    die "intermediate.pem does not verify against root.pem"
cp "$OFF/intermediate.pem" "$ON/intermediate.pem" # carried back to the online host

# Custodian 2 can open the root key as well: its public key is root.pem's.
[[ "$(CERTSMITH_PASSPHRASE=$passphrase_2 "$CERTSMITH" key fingerprint -i "$C/custodian-2.age" "$OFF/root-key.age")" == \
    "$("$CERTSMITH" key fingerprint "$OFF/root.pem")" ]] ||
    die "custodian 2 cannot open root-key.age"
echo "custodian 2 opens root-key.age too" >&2

step "5. the online intermediate issues a server certificate"
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

step "6. no plaintext private key outside the online host's own key files, no plaintext identity"
leaks=$(grep -rl -- 'PRIVATE KEY' "$OUT" |
    grep -v -x -e "$ON/intermediate-key.pem" -e "$ON/server-key.pem" || true)
[[ -z $leaks ]] || die "plaintext private key in: $leaks"
leaks=$(grep -rl -- 'AGE-SECRET-KEY' "$OUT" || true)
[[ -z $leaks ]] || die "plaintext age identity in: $leaks"
echo "none" >&2

step "done: $OUT"
cat "$OFF/root-fingerprint.txt" >&2
