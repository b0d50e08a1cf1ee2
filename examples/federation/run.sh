#!/usr/bin/env bash
# Federating two autonomous CAs with one trust bundle, in one directory:
#
#   cluster-a-ca.pem, -key.pem     cluster A's root
#   cluster-b-ca.pem, -key.pem     cluster B's root, made independently
#   outsider-ca.pem, -key.pem      a third CA that is not part of the federation
#   client-a.pem, client-b.pem,    one client certificate from each CA (+ -key.pem)
#   client-outsider.pem
#   federation.pem                 `certsmith bundle --federate` of roots A and B
#   server.pem, server-key.pem     a TLS server certificate from cluster A
#   client-*.out                   what openssl s_client saw for each client
#
# Then a real TLS server (openssl s_server, on 127.0.0.1 only) that trusts
# federation.pem for client certificates accepts the clients of A and B and
# rejects the outsider's. The script fails unless all three outcomes hold.
#
# Usage: examples/federation/run.sh [DIR]          (default: ./federation)
#        CERTSMITH=/path/to/certsmith examples/federation/run.sh /tmp/federation
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
OUT=${1:-./federation}
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
command -v openssl >/dev/null 2>&1 || die "openssl not found (it runs the TLS server and clients)"
command -v timeout >/dev/null 2>&1 || die "timeout not found (coreutils; it bounds every wait)"

[[ -e "$OUT/cluster-a-ca-key.pem" ]] && die "$OUT/cluster-a-ca-key.pem exists: use a new directory"
mkdir -p "$OUT"
cd "$OUT"

# A root CA NAME.pem for CN, and a client certificate CLIENT.pem under it.
make_ca() {
    local name=$1 cn=$2
    cat >"$name-csr.json" <<JSON
{ "CN": "$cn", "names": [{ "O": "$cn" }], "key": { "algo": "ecdsa", "size": 256 } }
JSON
    "$CERTSMITH" initca "$name-csr.json" | "$CERTSMITH" split-json "$name"
}
make_client() {
    local name=$1 cn=$2 ca=$3
    cat >"$name-csr.json" <<JSON
{ "CN": "$cn", "key": { "algo": "ecdsa", "size": 256 } }
JSON
    "$CERTSMITH" sign --ca "$ca.pem" --ca-key "$ca-key.pem" --profile client \
        "$name-csr.json" | "$CERTSMITH" split-json "$name"
}

step "1. two autonomous CAs, each with a client, and an outsider CA"
make_ca cluster-a-ca "Cluster A CA"
make_client client-a "workload-a" cluster-a-ca
make_ca cluster-b-ca "Cluster B CA"
make_client client-b "workload-b" cluster-b-ca
make_ca outsider-ca "Outsider CA"
make_client client-outsider "intruder" outsider-ca

step "2. the federation trust bundle: roots A and B, each checked and listed once"
"$CERTSMITH" bundle --federate cluster-a-ca.pem cluster-b-ca.pem >federation.pem
grep -c 'BEGIN CERTIFICATE' federation.pem >&2

step "3. a server certificate from cluster A"
cat >server-csr.json <<'JSON'
{ "CN": "localhost", "hosts": ["localhost", "127.0.0.1"], "key": { "algo": "ecdsa", "size": 256 } }
JSON
"$CERTSMITH" sign --ca cluster-a-ca.pem --ca-key cluster-a-ca-key.pem --profile server \
    server-csr.json | "$CERTSMITH" split-json server

step "4. a TLS server on 127.0.0.1 that requires a client certificate from the federation"
SERVER_PID=
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PORT=
for _ in $(seq 1 20); do
    candidate=$((20000 + RANDOM % 40000))
    listening "$candidate" && continue # taken
    openssl s_server -accept "127.0.0.1:$candidate" -cert server.pem -key server-key.pem \
        -CAfile federation.pem -Verify 1 -verify_return_error -www \
        >server.log 2>&1 </dev/null &
    SERVER_PID=$!
    for _ in $(seq 1 50); do # up to 5 s
        kill -0 "$SERVER_PID" 2>/dev/null || break
        if listening "$candidate"; then
            PORT=$candidate
            break
        fi
        sleep 0.1
    done
    [[ -n "$PORT" ]] && break
    cleanup # it died (port taken meanwhile) or never listened: try another port
    SERVER_PID=
done
[[ -n "$PORT" ]] || die "could not start openssl s_server on 127.0.0.1 (see $OUT/server.log)"
echo "openssl s_server listening on 127.0.0.1:$PORT" >&2

# Connects as client NAME (trusting cluster A's root for the server) and
# sends one HTTP request; the transcript goes to NAME.out.
connect() {
    local name=$1
    printf 'GET / HTTP/1.0\r\n\r\n' |
        timeout 10 openssl s_client -connect "127.0.0.1:$PORT" -servername localhost \
            -cert "$name.pem" -key "$name-key.pem" -CAfile cluster-a-ca.pem \
            -verify_return_error -ign_eof >"$name.out" 2>&1 || true
}
accepted() { grep -q 'Verify return code: 0 (ok)' "$1.out" && grep -q 'HTTP/1.0 200 ok' "$1.out"; }

step "5. clients of cluster A and cluster B are accepted"
for client in client-a client-b; do
    connect "$client"
    accepted "$client" || die "$client was not accepted (see $OUT/$client.out, $OUT/server.log)"
    echo "$client: accepted (Verify return code 0, HTTP 200)" >&2
done

step "6. the outsider's client is rejected"
connect client-outsider
accepted client-outsider && die "client-outsider was accepted by the federation"
grep -Eqi 'alert|error' client-outsider.out ||
    die "client-outsider was neither accepted nor refused with an alert (see $OUT/client-outsider.out)"
echo "client-outsider: rejected ($(grep -Eio '[a-z0-9 ]*alert[a-z0-9 ]*' client-outsider.out | head -n 1))" >&2

step "done: $OUT"
