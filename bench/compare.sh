#!/usr/bin/env bash
# Whole-process benchmarks of certsmith against cfssl and openssl on the same
# work, side by side in one hyperfine run per row, printing the ratio of
# medians (certsmith ÷ peer) next to issue 8's target, and peak RSS.
#
#   bench/compare.sh            # all rows (about five minutes on 2 cores)
#   RUNS=20 bench/compare.sh    # fewer runs
#
# RSA key generation is a random prime search whose time varies several-fold
# from run to run, so its two rows take KEYGEN_RUNS (default 60) runs.
#
# Needs: cargo, hyperfine, cfssl (golang-cfssl), openssl, python3, GNU time
# (/usr/bin/time). It builds the release binary first. Timing stays out of
# the test suite on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-40}
KEYGEN_RUNS=${KEYGEN_RUNS:-60}
for tool in hyperfine cfssl openssl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (apt-get install hyperfine golang-cfssl)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
cargo build --release --locked -q
CS=$PWD/target/release/certsmith
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

# --- inputs
echo '{"CN":"Bench Root","key":{"algo":"ecdsa","size":256}}' > ec-root.json
echo '{"CN":"Bench RSA Root","key":{"algo":"rsa","size":2048}}' > rsa-root.json
echo '{"CN":"leaf.example.com","hosts":["leaf.example.com","10.0.0.1"],"key":{"algo":"ecdsa","size":256}}' > leaf.json
echo '{"CN":"leaf.example.com","hosts":["leaf.example.com","10.0.0.1"],"key":{"algo":"rsa","size":2048}}' > rsa-leaf.json
echo '{"CN":"RSA-4096 Root","key":{"algo":"rsa","size":4096}}' > root4096.json
cat > config.json <<'EOF'
{"signing":{"default":{"expiry":"8760h","usages":["digital signature","server auth","client auth"]}}}
EOF
"$CS" initca ec-root.json 2>/dev/null | "$CS" split-json ec
"$CS" initca rsa-root.json 2>/dev/null | "$CS" split-json rsa
"$CS" genkey leaf.json | "$CS" split-json leaf
# cfssl 1.2 reads SEC1/PKCS#1 CA keys; give it the same keys in those forms.
openssl ec -in ec-key.pem -out ec-key-sec1.pem 2>/dev/null
openssl rsa -in rsa-key.pem -traditional -out rsa-key-pkcs1.pem 2>/dev/null
"$CS" sign --ca ec.pem --ca-key ec-key.pem leaf.csr 2>/dev/null | "$CS" split-json cert
mkdir -p dir
for i in $(seq 1 2000); do cp cert.pem "dir/cert-$i.pem"; done
OSSL_CNF=$W/ossl.cnf
printf '[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=leaf.example.com\n' > "$OSSL_CNF"

results=()
row() { # NAME TARGET CERTSMITH_CMD PEER_CMD [RUNS]
  local name=$1 target=$2 a=$3 b=$4 runs=${5:-$RUNS}
  hyperfine -N --warmup 3 --runs "$runs" --export-json row.json "$a" "$b" >/dev/null 2>&1 ||
    hyperfine --warmup 3 --runs "$runs" --export-json row.json "$a" "$b" >/dev/null 2>&1
  results+=("$(python3 - "$name" "$target" <<'PY'
import json, sys
r = json.load(open("row.json"))["results"]
a, b = r[0]["median"], r[1]["median"]
ratio = a / b
mark = "ok " if ratio <= float(sys.argv[2]) else "MISS"
print(f"{mark} {sys.argv[1]:<58} {a*1000:9.2f} ms {b*1000:9.2f} ms  ratio {ratio:5.2f}  (target ≤ {sys.argv[2]})")
PY
)")
}
sh() { echo "bash -c '$1'"; }

row "ECDSA P-256 leaf from CSR JSON vs cfssl gencert" 0.35 \
  "$CS sign --ca ec.pem --ca-key ec-key.pem --config config.json leaf.json" \
  "cfssl gencert -ca ec.pem -ca-key ec-key-sec1.pem -config config.json leaf.json"
row "ECDSA P-256 leaf vs openssl req -newkey + x509 -req" 0.15 \
  "$CS sign --ca ec.pem --ca-key ec-key.pem --config config.json leaf.json" \
  "$(sh "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -config $OSSL_CNF 2>/dev/null | openssl x509 -req -CA ec.pem -CAkey ec-key.pem -days 365 -out /dev/null 2>/dev/null")"
row "sign an existing CSR, ECDSA CA, vs cfssl sign" 0.35 \
  "$CS sign --ca ec.pem --ca-key ec-key.pem --config config.json leaf.csr" \
  "cfssl sign -ca ec.pem -ca-key ec-key-sec1.pem -config config.json leaf.csr"
row "sign an existing CSR, RSA-2048 CA, vs cfssl sign" 0.5 \
  "$CS sign --ca rsa.pem --ca-key rsa-key.pem --config config.json leaf.csr" \
  "cfssl sign -ca rsa.pem -ca-key rsa-key-pkcs1.pem -config config.json leaf.csr"
row "RSA-2048 leaf from CSR JSON vs cfssl gencert" 0.6 \
  "$CS sign --ca ec.pem --ca-key ec-key.pem --config config.json rsa-leaf.json" \
  "cfssl gencert -ca ec.pem -ca-key ec-key-sec1.pem -config config.json rsa-leaf.json" "$KEYGEN_RUNS"
row "RSA-4096 root vs openssl req -x509 -newkey rsa:4096" 0.6 \
  "$CS initca root4096.json" \
  "openssl req -x509 -newkey rsa:4096 -nodes -keyout /dev/null -out /dev/null -config $OSSL_CNF" "$KEYGEN_RUNS"
row "inspect one certificate as JSON vs cfssl certinfo" 0.5 \
  "$CS inspect --json cert.pem" \
  "cfssl certinfo -cert cert.pem"
row "inspect 2,000 certificates vs a cfssl certinfo loop over 200" 0.1 \
  "$CS inspect --json dir" \
  "$(sh 'for i in $(seq 1 200); do cfssl certinfo -cert dir/cert-$i.pem >/dev/null; done')"

echo
echo "certsmith ÷ peer, medians over $RUNS runs ($KEYGEN_RUNS for RSA key generation), $(nproc) cores, $(uname -m):"
printf '%s\n' "${results[@]}"
echo
rss() { /usr/bin/time -f %M "$@" >/dev/null 2>rss.txt || true; tail -n1 rss.txt; }
echo "peak RSS (KiB): one ECDSA leaf $(rss "$CS" sign --ca ec.pem --ca-key ec-key.pem leaf.json)," \
  "inspect of 2,000 certificates $(rss "$CS" inspect --json dir) (targets: 16384, 65536)"
