#!/usr/bin/env bash
# A root whose key no single custodian can use: sealed 2 of 3 to alice, bob and
# carol, then moved to 3 of 5 new custodians, non-interactively, in one
# directory standing in for the places of a real ceremony (see README.md):
#
#   custodians/<name>/   <name>.age           each custodian's age identity (0600),
#                                             sealed with their passphrase
#                        carol/share-3.age    carol's block alone, cut from the quorum file
#              recipients.txt                 alice, bob, carol (labelled `# name`)
#              new-custodians.txt             dave, erin, frank, grace, heidi
#   offline/   root.pem, root.csr             the root (ECDSA P-384, 10 years, pathlen 1)
#              root-key.quorum                the root key: 2 of 3 at first, 3 of 5 after
#                                             the reshare, which destroys the 2-of-3 file
#              ceremony.txt                   the record: root fingerprint, quorum ids, custodians
#              intermediate-N.csr → intermediate-N.pem   signed with --profile intermediate
#   online/    intermediate-N-key.pem, .csr, .pem, chain-N.pem   for N = 1, 2, 3
#
#   1. intermediate-1: alice and bob at one table (-i alice -i bob)
#   2. intermediate-2: bob and carol elsewhere, each releasing their share to a
#      one-time identity made on the ceremony machine (key share release)
#   3. intermediate-3: after key reshare to 3 of 5, dave, frank and heidi
#
# The root key exists in plaintext only inside certsmith's memory, and no one
# custodian's share opens it. Each identity is sealed with a passphrase that its
# custodian types at the prompt (asked for by the identity's file name, in
# turn). A single $CERTSMITH_PASSPHRASE cannot be several custodians' own, so
# here every custodian has the same demo passphrase; real custodians each type
# their own. The script fails if any file but the online host's own keys holds a
# `PRIVATE KEY`, or any file an `AGE-SECRET-KEY`.
#
# Usage: examples/quorum-root/run.sh [DIR]          (default: ./ceremony)
#        CERTSMITH=/path/to/certsmith examples/quorum-root/run.sh /tmp/ceremony
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
for key in root-key.quorum root-key.new.quorum; do
    [[ -e "$OUT/offline/$key" ]] &&
        die "$OUT/offline/$key exists: a new ceremony needs a new directory"
done
mkdir -p "$OUT/custodians" "$OUT/offline" "$OUT/online"
C=$OUT/custodians OFF=$OUT/offline ON=$OUT/online
# A stand-in for what each custodian would type (and keep in their head).
export CERTSMITH_PASSPHRASE="every custodian's passphrase, for the demo"

# custodian NAME RECIPIENTS: NAME makes a passphrase-protected identity on
# their own machine, custodians/NAME/NAME.age; its public key goes to the
# RECIPIENTS file under a `# NAME` line, which labels NAME's share.
custodian() {
    local name=$1 recipients=$2 recipient
    mkdir -p "$C/$name"
    "$CERTSMITH" key identity --passphrase -o "$C/$name/$name.age" 2>"$C/$name/identity.log" ||
        die "key identity failed: $(cat "$C/$name/identity.log")"
    recipient=$(sed -n 's/^Public key: //p' "$C/$name/identity.log")
    [[ $recipient == age1* ]] || die "no recipient from key identity: $(cat "$C/$name/identity.log")"
    rm "$C/$name/identity.log"
    printf '# %s\n%s\n' "$name" "$recipient" >>"$recipients"
    echo "$name: $recipient" >&2
}

# intermediate N: the online host makes intermediate N's key and CSR; only
# the CSR travels to the offline machine.
intermediate() {
    cat >"$ON/intermediate-$1-csr.json" <<EOF
{
  "CN": "Example Issuing CA $1",
  "names": [{ "C": "US", "O": "Example Corp", "OU": "PKI" }],
  "key": { "algo": "ecdsa", "size": 256 },
  "ca": {}
}
EOF
    "$CERTSMITH" genkey "$ON/intermediate-$1-csr.json" | "$CERTSMITH" split-json "$ON/intermediate-$1"
    cp "$ON/intermediate-$1.csr" "$OFF/intermediate-$1.csr"
}

# signed N: intermediate N's certificate verifies against the root; it is
# carried back to the online host, beside its chain.
signed() {
    openssl verify -x509_strict -CAfile "$OFF/root.pem" "$OFF/intermediate-$1.pem" >&2 ||
        die "intermediate-$1.pem does not verify against root.pem"
    cp "$OFF/intermediate-$1.pem" "$ON/intermediate-$1.pem"
    cat "$ON/intermediate-$1.pem" "$OFF/root.pem" >"$ON/chain-$1.pem"
}

# destroy FILE…: overwritten, then removed (shred's caveats apply: a
# journaling or copy-on-write file system, an SSD, may keep old blocks).
destroy() {
    if command -v shred >/dev/null 2>&1; then shred -u -- "$@"; else rm -f -- "$@"; fi
}

step "1. alice, bob and carol each make an identity (on their own machines, kept offline)"
: >"$C/recipients.txt"
for name in alice bob carol; do custodian "$name" "$C/recipients.txt"; done

step "2. the root is made on the offline machine, its key sealed to any 2 of the 3"
cat >"$OFF/root-csr.json" <<'EOF'
{
  "CN": "Example Quorum Root CA",
  "names": [{ "C": "US", "O": "Example Corp", "OU": "PKI" }],
  "key": { "algo": "ecdsa", "size": 384 },
  "ca": { "expiry": "87600h", "pathlen": 1 }
}
EOF
"$CERTSMITH" initca --threshold 2 -R "$C/recipients.txt" "$OFF/root-csr.json" 2>"$OFF/initca.log" |
    "$CERTSMITH" split-json "$OFF/root" 2>"$OFF/split.log" ||
    die "initca | split-json failed: $(cat "$OFF/initca.log" "$OFF/split.log")"
cat "$OFF/initca.log" "$OFF/split.log" >&2
[[ -e "$OFF/root-key.quorum" && ! -e "$OFF/root-key.pem" ]] || die "the root key was not sealed"

# The ceremony record: the fingerprint of the root.pem that split-json wrote,
# which must be the one openssl computes (relying parties compare it when
# they install the root), then initca's lines naming the quorum and whose
# share is whose.
announced=$(sed -n 's/^wrote .*root\.pem: //p' "$OFF/split.log")
computed=$(openssl x509 -noout -fingerprint -sha256 -in "$OFF/root.pem")
[[ -n $announced && ${announced##*[= ]} == "${computed##*[= ]}" ]] ||
    die "split-json announced '$announced', openssl computes '$computed'"
{
    echo "root.pem: $computed"
    sed -n -e '/^key sealed to quorum /p' -e '/^  share /p' "$OFF/initca.log"
} >"$OFF/ceremony.txt"
grep -q '^key sealed to quorum [0-9a-f]*, 2 of 3: alice, bob, carol$' "$OFF/ceremony.txt" ||
    die "initca named no quorum: $(cat "$OFF/initca.log")"
rm "$OFF/initca.log" "$OFF/split.log"

# Each custodian checks that their share opens and matches its commitment.
for name in alice bob carol; do
    "$CERTSMITH" key share check -i "$C/$name/$name.age" "$OFF/root-key.quorum"
done
# Carol keeps only her own block of the file (an ordinary age file).
awk '/^-> share 3$/{f=1;next} /^-> /{f=0} f' "$OFF/root-key.quorum" >"$C/carol/share-3.age"

step "3. alice and bob, at one table, unlock the root to sign intermediate 1 (pathlen 0)"
intermediate 1
"$CERTSMITH" sign --ca "$OFF/root.pem" --ca-key "$OFF/root-key.quorum" \
    -i "$C/alice/alice.age" -i "$C/bob/bob.age" \
    --profile intermediate "$OFF/intermediate-1.csr" | "$CERTSMITH" split-json "$OFF/intermediate-1"
signed 1

step "4. bob and carol, elsewhere, release their shares to the ceremony to sign intermediate 2"
# The ceremony machine makes a one-time identity; only its recipient leaves.
"$CERTSMITH" key identity -o "$OFF/one-time.txt" 2>"$OFF/one-time.log" ||
    die "key identity failed: $(cat "$OFF/one-time.log")"
# The one-time identity and the released shares open the root key together:
# they go as soon as the ceremony is over, and also if it stops half-way.
cleanup_ceremony() {
    local left=()
    for f in "$OFF/one-time.txt" "$OFF"/*.share "$C"/*/*.share; do
        [[ -e $f ]] && left+=("$f")
    done
    ((${#left[@]} == 0)) || destroy "${left[@]}"
}
trap cleanup_ceremony EXIT
one_time=$(sed -n 's/^Public key: //p' "$OFF/one-time.log")
[[ $one_time == age1* ]] || die "no recipient from key identity: $(cat "$OFF/one-time.log")"
rm "$OFF/one-time.log"
echo "one-time recipient: $one_time" >&2
# Bob opens his share in a copy of the quorum file (here the ceremony's own;
# a copy is destroyed at a reshare like the file), which checks it against its
# commitment, and seals it, unchanged, to the one-time recipient alone; carol
# does the same from her block, which the ceremony checks when it signs.
"$CERTSMITH" key share release -i "$C/bob/bob.age" --to "$one_time" \
    -o "$C/bob/bob.share" "$OFF/root-key.quorum"
"$CERTSMITH" key share release -i "$C/carol/carol.age" --to "$one_time" \
    -o "$C/carol/carol.share" "$C/carol/share-3.age"
mv "$C/bob/bob.share" "$C/carol/carol.share" "$OFF/" # carried to the ceremony machine
intermediate 2
"$CERTSMITH" sign --ca "$OFF/root.pem" --ca-key "$OFF/root-key.quorum" \
    -i "$OFF/one-time.txt" --share "$OFF/bob.share" --share "$OFF/carol.share" \
    --profile intermediate "$OFF/intermediate-2.csr" | "$CERTSMITH" split-json "$OFF/intermediate-2"
signed 2
cleanup_ceremony
trap - EXIT

step "5. the key moves to 3 of 5 new custodians; alice and carol unlock it once more"
: >"$C/new-custodians.txt"
for name in dave erin frank grace heidi; do custodian "$name" "$C/new-custodians.txt"; done
"$CERTSMITH" key reshare -i "$C/alice/alice.age" -i "$C/carol/carol.age" \
    --threshold 3 -R "$C/new-custodians.txt" \
    -o "$OFF/root-key.new.quorum" "$OFF/root-key.quorum" 2>"$OFF/reshare.log" ||
    die "key reshare failed: $(cat "$OFF/reshare.log")"
cat "$OFF/reshare.log" >&2
{
    echo "reshared, same root key:"
    sed -n -e '/^key sealed to quorum /p' -e '/^  share /p' "$OFF/reshare.log"
} >>"$OFF/ceremony.txt"
grep -q '^key sealed to quorum [0-9a-f]*, 3 of 5: dave, erin, frank, grace, heidi$' \
    "$OFF/ceremony.txt" || die "key reshare named no quorum: $(cat "$OFF/reshare.log")"
rm "$OFF/reshare.log"
# The same root key, by its public key, in the header of the new file.
[[ "$("$CERTSMITH" key fingerprint "$OFF/root-key.new.quorum")" == \
    "$("$CERTSMITH" key fingerprint "$OFF/root.pem")" ]] ||
    die "root-key.new.quorum does not hold root.pem's key"
# Each new custodian checks their share.
for name in dave erin frank grace heidi; do
    "$CERTSMITH" key share check -i "$C/$name/$name.age" "$OFF/root-key.new.quorum"
done

step "6. dave, frank and heidi unlock the new file to sign intermediate 3"
# The new file has opened and signed before the old one goes.
intermediate 3
"$CERTSMITH" sign --ca "$OFF/root.pem" --ca-key "$OFF/root-key.new.quorum" \
    -i "$C/dave/dave.age" -i "$C/frank/frank.age" -i "$C/heidi/heidi.age" \
    --profile intermediate "$OFF/intermediate-3.csr" | "$CERTSMITH" split-json "$OFF/intermediate-3"
signed 3
# Any 2 old shares still open the old file: it is destroyed, with carol's
# block of it (and, in a real ceremony, every backup and copy of it).
destroy "$OFF/root-key.quorum" "$C/carol/share-3.age"
mv "$OFF/root-key.new.quorum" "$OFF/root-key.quorum"

step "7. no plaintext private key outside the online host's own key files, no plaintext identity"
leaks=$(grep -rl -- 'PRIVATE KEY' "$OUT" |
    grep -v -x -e "$ON/intermediate-1-key.pem" -e "$ON/intermediate-2-key.pem" \
        -e "$ON/intermediate-3-key.pem" || true)
[[ -z $leaks ]] || die "plaintext private key in: $leaks"
leaks=$(grep -rl -- 'AGE-SECRET-KEY' "$OUT" || true)
[[ -z $leaks ]] || die "plaintext age identity in: $leaks"
echo "none" >&2

step "done: $OUT"
cat "$OFF/ceremony.txt" >&2
