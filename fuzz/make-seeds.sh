#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/) with real inputs:
# files certsmith and openssl make, the repository's examples and profiles,
# and the captured cfssl API answers in ../shared/fixtures. Run from fuzz/;
# CERTSMITH names the binary (default: the debug build).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
repo=$here/..
certsmith=${CERTSMITH:-$repo/target/debug/certsmith}
fixtures=${FIXTURES:-$repo/../shared/fixtures}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

for t in csr_json config_json certificate csr csr_signed key envelope duration pkcs11_uri; do
    mkdir -p "$here/corpus/$t"
done
seed() { # seed TARGET NAME < contents
    cat > "$here/corpus/$1/seed-$2"
}

# --- CSR JSON: the examples, and one of each field cfssl reads
for f in "$repo"/examples/*/*-csr.json; do
    seed csr_json "$(basename "$(dirname "$f")")-$(basename "$f")" < "$f"
done
"$certsmith" print-defaults csr | seed csr_json print-defaults-csr.json
seed csr_json full.json <<'JSON'
{"CN":"app.example.com","hosts":["app.example.com","*.example.com","10.0.0.7","::1","ops@example.com","spiffe://cluster.local/ns/x"],"names":[{"C":"US","ST":"Oregon","L":"Portland","O":"Example","OU":"Web","E":"a@example.com","SerialNumber":"7"},{"O":"Second Org"}],"key":{"algo":"rsa","size":2048},"serialnumber":"1234","crl_url":"http://crl.example.com/ca.crl"}
JSON
seed csr_json ca.json <<'JSON'
{"CN":"Root","key":{"algo":"ecdsa","size":384},"ca":{"pathlen":1,"pathlenzero":false,"expiry":"87600h","backdate":"1h30m"}}
JSON
seed csr_json ed25519.json <<'JSON'
{"cn":"ed","key":{"algo":"ed25519"},"hosts":[],"ca":{"pathlenzero":true}}
JSON

# --- config JSON: the shipped profiles, the examples, cfssl's own
for f in "$repo"/profiles/*.json "$repo"/examples/*/ca-config.json "$fixtures"/cfssl-wire/*config.json; do
    seed config_json "$(basename "$(dirname "$f")")-$(basename "$f")" < "$f"
done
"$certsmith" print-defaults config | seed config_json print-defaults-config.json

# --- certificates, CSRs, keys, CRLs: made by certsmith and by openssl
"$certsmith" initca "$repo/examples/demo/root-csr.json" | "$certsmith" split-json ca
echo '{"CN":"Intermediate","key":{"algo":"rsa","size":2048},"names":[{"O":"Demo"}]}' > int.json
"$certsmith" sign --ca ca.pem --ca-key ca-key.pem --config "$repo/profiles/offline-root.json" \
    --profile intermediate int.json | "$certsmith" split-json int
"$certsmith" sign --ca ca.pem --ca-key ca-key.pem --profile server \
    "$repo/examples/demo/server-csr.json" | "$certsmith" split-json server
echo '{"CN":"ed","hosts":["ed.example.com","192.0.2.1"],"key":{"algo":"ed25519"}}' > ed.json
"$certsmith" genkey ed.json | "$certsmith" split-json ed
echo '{"CN":"p521","key":{"algo":"ecdsa","size":521},"ca":{"pathlen":2}}' > p521.json
"$certsmith" genkey p521.json | "$certsmith" split-json p521
printf '01\n02 keyCompromise\n' > revoked.txt
"$certsmith" crl --ca ca.pem --ca-key ca-key.pem --revoked revoked.txt > ca.crl
"$certsmith" key public server.pem > server-pub.pem
"$certsmith" key encrypt -p --passphrase-file <(echo "fuzz seeds only") -o server-key.age server-key.pem
"$certsmith" key identity -o id.txt 2> recipient.txt
"$certsmith" key encrypt -r "$(grep -o 'age1[0-9a-z]*' recipient.txt)" -o ed-key.age ed-key.pem

openssl req -x509 -newkey rsa:2048 -nodes -keyout o-rsa-key.pem -out o-rsa.pem -days 30 \
    -subj "/C=US/O=openssl/CN=o.example" -addext "subjectAltName=DNS:o.example,IP:10.1.2.3,email:a@o.example,URI:https://o.example/" \
    -addext "nameConstraints=critical,permitted;DNS:.example,excluded;IP:10.0.0.0/255.0.0.0" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout o-ec-key.pem -out o-ec.csr \
    -subj "/CN=ec.example" -addext "subjectAltName=DNS:ec.example" -addext "basicConstraints=critical,CA:TRUE,pathlen:3" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -out o-sec1-params.pem 2>/dev/null
openssl genpkey -algorithm ed25519 -out o-ed-key.pem 2>/dev/null
openssl rsa -in o-rsa-key.pem -traditional -out o-rsa-pkcs1.pem 2>/dev/null
openssl pkey -in o-rsa-key.pem -aes128 -passout pass:x -out o-rsa-encrypted.pem 2>/dev/null
openssl rsa -in o-rsa-key.pem -traditional -aes128 -passout pass:x -out o-rsa-proc-type.pem 2>/dev/null

der() { openssl "$1" -in "$2" -outform DER 2>/dev/null; }
for c in ca.pem int.pem server.pem o-rsa.pem; do
    seed certificate "$c" < "$c"
    der x509 "$c" | seed certificate "${c%.pem}.der"
done
cat server.pem int.pem ca.pem | seed certificate chain.pem
openssl x509 -in o-rsa.pem -text | seed certificate o-rsa-text.pem
seed certificate ca.crl < ca.crl
der crl ca.crl | seed certificate ca-crl.der
for f in server.csr ed.csr p521.csr o-ec.csr server-pub.pem server-key.pem ed-key.pem \
    o-sec1-params.pem server-key.age o-rsa-encrypted.pem; do
    seed certificate "$f" < "$f"
done

for f in ca.csr server.csr int.csr ed.csr p521.csr o-ec.csr; do
    seed csr "$f" < "$f"
    der req "$f" | seed csr "${f%.csr}.der"
done

for f in ca-key.pem server-key.pem int-key.pem ed-key.pem p521-key.pem o-rsa-key.pem o-rsa-pkcs1.pem \
    o-ec-key.pem o-sec1-params.pem o-ed-key.pem o-rsa-encrypted.pem o-rsa-proc-type.pem \
    server-key.age ed-key.age; do
    seed key "$f" < "$f"
done
sed 's/PRIVATE KEY/Ed25519 PRIVATE KEY/' ed-key.pem | seed key cfssl-ed25519.pem
openssl pkey -in server-key.pem -outform DER 2>/dev/null | seed key server-pkcs8.der
openssl rsa -in o-rsa-key.pem -traditional -outform DER 2>/dev/null | seed key o-rsa-pkcs1.der
openssl ec -in o-sec1-params.pem -outform DER 2>/dev/null | seed key o-sec1.der
cat server.pem server-key.pem | seed key cert-then-key.pem

# --- csr_signed: the CertificationRequestInfo of requests for the targets'
# fixed key (fuzz_targets/fixed_key.rs), which the target signs again
sed -n '/BEGIN PRIVATE KEY/,/END PRIVATE KEY/p' "$here/fuzz_targets/fixed_key.rs" | sed 's/^const KEY_PEM: &str = //' | tr -d '"' | sed 's/;$//' > fixed.pem
info() { # info NAME < DER CSR: its first element
    python3 -c '
import sys
d = sys.stdin.buffer.read()
def header(d, i):  # (header length, content length) of the TLV at i
    n = d[i + 1]
    if n < 0x80:
        return 2, n
    k = n & 0x7F
    return 2 + k, int.from_bytes(d[i + 2:i + 2 + k], "big")
h, _ = header(d, 0)
ih, il = header(d, h)
sys.stdout.buffer.write(d[h:h + ih + il])' | seed csr_signed "$1"
}
for f in "$repo"/examples/demo/server-csr.json int.json p521.json; do
    "$certsmith" csr --key fixed.pem "$f" | python3 -c '
import base64, json, sys
pem = json.load(sys.stdin)["csr"]
sys.stdout.buffer.write(base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----"))))' \
        | info "certsmith-$(basename "$f" .json)"
done
for ext in "subjectAltName=DNS:a.example,IP:10.0.0.1,IP:::1,email:a@b.example,URI:spiffe://x/y,otherName:1.2.3.4;UTF8:x,dirName:dir_sect" \
    "basicConstraints=critical,CA:TRUE,pathlen:300" "basicConstraints=CA:FALSE" \
    "keyUsage=critical,keyCertSign" "extendedKeyUsage=serverAuth,1.2.3.4" \
    "nameConstraints=permitted;DNS:.example"; do
    printf '[req]\ndistinguished_name=dn\n[dn]\n[dir_sect]\nCN=dir\n' > req.cnf
    openssl req -new -key fixed.pem -config req.cnf -subj "/C=US/ST=S/L=L/O=O/OU=U/CN=x.example/emailAddress=e@x.example/serialNumber=9" \
        -addext "$ext" -outform DER 2>/dev/null | info "openssl-$(printf '%s' "$ext" | cut -d= -f1)-$(printf '%s' "$ext" | md5sum | cut -c1-6)"
done

# --- cfssl's JSON: certsmith's own output, captured API answers, envelopes
"$certsmith" initca "$repo/examples/demo/root-csr.json" | seed envelope initca.json
"$certsmith" sign --ca ca.pem --ca-key ca-key.pem server.csr | seed envelope sign.json
"$certsmith" bundle --roots ca.pem --intermediates int.pem int.pem | seed envelope bundle.json
for f in "$fixtures"/cfssl-wire/*.resp.txt "$fixtures"/cfssl-wire/curl-authsign-response.txt; do
    # The captures start with "STATUS CONTENT-TYPE" and a blank line: keep the body.
    sed '1,/^$/d' "$f" | seed envelope "$(basename "$f" .txt).json"
done
seed envelope error.json <<'JSON'
{"success":false,"result":null,"errors":[{"code":5200,"message":"Invalid or unknown policy"}],"messages":[]}
JSON
python3 - "$here/corpus/envelope" <<'PY'
import json, sys
d = sys.argv[1]
cert = open("server.pem").read(); key = open("server-key.pem").read()
docs = {
    "api-sign": {"success": True, "result": {"certificate": cert, "certificate_request": open("server.csr").read()}, "errors": [], "messages": []},
    "bundle-1.2": {"bundle": cert, "root": open("ca.pem").read(), "key": ""},
    "bundle-1.6": {"bundle": {"bundle": cert, "root": open("ca.pem").read()}},
    "private-key": {"cert": cert, "private_key": key, "encrypted_key": "x"},
    "sealed-key": {"key": open("server-key.age").read()},
    "ocsp": {"ocspResponse": "MAMCAQA="},
}
for name, doc in docs.items():
    open(f"{d}/seed-{name}.json", "w").write(json.dumps(doc))
PY

# --- durations
for d in 8760h 1h30m 1.5h .5s 500ms 90s 1d 2y12h 0 +5m 1us 3µs 7μs 10ns 0.000000001h; do
    printf '%s' "$d" | seed duration "$(printf '%s' "$d" | tr -c 'a-z0-9' '_')"
done
# --- PKCS#11 URIs: RFC 7512's examples, the forms certsmith's docs use, refusals
n=0
for u in 'pkcs11:token=root-ca;object=root-key' \
    'pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91' \
    'pkcs11:object=my-sign-key;type=private?module-path=/mnt/libmypkcs11.so.1&pin-source=file:/etc/token_pin' \
    "pkcs11:token=:[]@!\$'()*+,=&;slot-id=667394298;serial=0123456789abcdef" \
    'pkcs11:token=a?pin-value=123456&module-path=/x.so' 'pkcs11:objet=x;id=%G1' \
    'pkcs11:?module-name=softhsm2&x-vendor=1' 'PKCS11:' ; do
    n=$((n + 1))
    printf '%s' "$u" | seed pkcs11_uri "$n"
done
echo "seeded: $(for t in "$here"/corpus/*; do printf '%s=%s ' "$(basename "$t")" "$(ls "$t" | wc -l)"; done)"
