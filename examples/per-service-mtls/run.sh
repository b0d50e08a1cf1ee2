#!/usr/bin/env bash
# One root per service: each service trusts only its own root, so a client
# certificate from another service's root is rejected at the TLS handshake.
# Makes a root, a server and a client certificate for `payments` and `orders`,
# starts an openssl s_server for payments (127.0.0.1 only) that requires a
# client certificate from payments-root.pem, and shows that the payments
# client is accepted and the orders client rejected.
#
#   examples/per-service-mtls/run.sh DIR      # CERTSMITH=path/to/certsmith
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
dir=${1:?usage: run.sh DIR}
DOMAIN=svc.example.org

mkdir -p "$dir"
cd "$dir"

say() { printf '%s\n' "$*" >&2; }

for svc in payments orders; do
    if [[ ! -f $svc-root.pem ]]; then
        cat > "$svc-root-csr.json" <<JSON
{ "CN": "$svc root CA", "names": [{ "O": "Example" , "OU": "$svc" }],
  "key": { "algo": "ecdsa", "size": 256 }, "ca": { "expiry": "87600h" } }
JSON
        "$CERTSMITH" initca "$svc-root-csr.json" | "$CERTSMITH" split-json "$svc-root"
    fi
    # The server's identity is the service's DNS name (and the loopback IP
    # the demo listens on); the client's is a DNS name under the service.
    cat > "$svc-server.json" <<JSON
{ "CN": "$svc.$DOMAIN", "hosts": ["$svc.$DOMAIN", "127.0.0.1"],
  "names": [{ "O": "Example", "OU": "$svc" }], "key": { "algo": "ecdsa", "size": 256 } }
JSON
    cat > "$svc-client.json" <<JSON
{ "CN": "client.$svc.$DOMAIN", "hosts": ["client.$svc.$DOMAIN"],
  "names": [{ "O": "Example", "OU": "$svc" }], "key": { "algo": "ecdsa", "size": 256 } }
JSON
    for role in server client; do
        [[ -f $svc-$role.pem ]] && continue
        "$CERTSMITH" sign --ca "$svc-root.pem" --ca-key "$svc-root-key.pem" \
            --profile "$role" "$svc-$role.json" \
            | "$CERTSMITH" split-json "$svc-$role"
        say "issued: $svc-$role.pem"
    done
done

# The payments server: trusts only payments-root.pem for client certificates.
server_pid=
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

port=
for _ in 1 2 3 4 5 6 7 8 9 10; do
    try=$((20000 + RANDOM % 40000))
    : > server.log
    openssl s_server -accept "127.0.0.1:$try" -www \
        -cert payments-server.pem -key payments-server-key.pem \
        -CAfile payments-root.pem -Verify 1 -verify_return_error \
        > server.log 2>&1 < /dev/null &
    server_pid=$!
    for _ in $(seq 50); do  # up to 5 s for ACCEPT
        grep -q '^ACCEPT' server.log && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q '^ACCEPT' server.log && kill -0 "$server_pid" 2>/dev/null; then
        port=$try
        break
    fi
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
done
[[ -n $port ]] || { say "could not start openssl s_server"; cat server.log >&2; exit 1; }
say "payments server: 127.0.0.1:$port"

# connect CLIENT: 0 when the server answers the request over mutual TLS.
connect() {
    printf 'GET / HTTP/1.0\r\n\r\n' \
        | timeout 10 openssl s_client -connect "127.0.0.1:$port" \
            -servername "payments.$DOMAIN" -verify_hostname "payments.$DOMAIN" \
            -CAfile payments-root.pem -verify_return_error \
            -cert "$1.pem" -key "$1-key.pem" -quiet > "$1.out" 2>&1 || true
    grep -q '^HTTP/1.0 200' "$1.out"
}

status=0
if connect payments-client; then
    echo "payments client: accepted"
else
    echo "payments client: rejected (unexpected)"; cat payments-client.out >&2; status=1
fi
if connect orders-client; then
    echo "orders client: accepted (unexpected)"; status=1
else
    echo "orders client: rejected"
fi
exit "$status"
