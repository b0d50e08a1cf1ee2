#!/usr/bin/env bash
# The configuration-management pattern with certsmith: a CA made once, a hosts
# list, one CSR JSON rendered per host from a template, certificates issued only
# for hosts that lack one, and renewal (same key) of only what expires soon.
# Idempotent: a second run issues and renews nothing.
#
#   examples/pipeline/run.sh DIR              # CERTSMITH=... RENEW_WITHIN=720h PROFILE=peer
set -euo pipefail

CERTSMITH=${CERTSMITH:-certsmith}
RENEW_WITHIN=${RENEW_WITHIN:-720h}
PROFILE=${PROFILE:-peer}
dir=${1:?usage: run.sh DIR}

mkdir -p "$dir"
cd "$dir"
mkdir -p csr certs

say() { printf '%s\n' "$*" >&2; }

# 1. The CA: made once. A key without its certificate is left alone.
if [[ -f ca.pem ]]; then
    say "ca: kept"
elif [[ -f ca-key.pem ]]; then
    say "ca-key.pem exists without ca.pem: refusing to make a new CA over it"
    exit 1
else
    [[ -f ca-csr.json ]] || cat > ca-csr.json <<'JSON'
{
  "CN": "Pipeline Example CA",
  "names": [{ "C": "US", "O": "Example Ops" }],
  "key": { "algo": "ecdsa", "size": 256 },
  "ca": { "expiry": "87600h" }
}
JSON
    "$CERTSMITH" initca ca-csr.json | "$CERTSMITH" split-json ca
    say "ca: created"
fi

# 2. The inventory: `name ip` per line (# comments allowed). A sample when absent.
[[ -f hosts.txt ]] || cat > hosts.txt <<'HOSTS'
# name                 ip
web1.example.org       10.0.1.11
web2.example.org       10.0.1.12
db1.example.org        10.0.2.21
HOSTS

# 3. The template: @NAME@ and @IP@ are replaced per host.
[[ -f csr-template.json ]] || cat > csr-template.json <<'JSON'
{
  "CN": "@NAME@",
  "hosts": ["@NAME@", "@IP@"],
  "names": [{ "C": "US", "O": "Example Ops" }],
  "key": { "algo": "ecdsa", "size": 256 }
}
JSON

sign() { # sign INPUT NAME: sign with the CA, split into certs/NAME.*
    "$CERTSMITH" sign --ca ca.pem --ca-key ca-key.pem --profile "$PROFILE" "$1" \
        | "$CERTSMITH" split-json "certs/$2"
}

issued=0
while read -r name ip _; do
    [[ -z ${name:-} || $name == \#* ]] && continue
    [[ -n ${ip:-} ]] || { say "hosts.txt: no IP for $name"; exit 1; }
    sed -e "s/@NAME@/$name/g" -e "s/@IP@/$ip/g" csr-template.json > "csr/$name.json.tmp"
    if cmp -s "csr/$name.json.tmp" "csr/$name.json" 2>/dev/null; then
        rm "csr/$name.json.tmp"
    else
        mv "csr/$name.json.tmp" "csr/$name.json"
    fi
    [[ -f certs/$name.pem ]] && continue
    if [[ -f certs/$name-key.pem ]]; then
        # A lost certificate: re-issue for the key the host already has.
        "$CERTSMITH" csr --key "certs/$name-key.pem" "csr/$name.json" \
            | "$CERTSMITH" split-json "certs/$name"
        sign "certs/$name.csr" "$name"
    else
        sign "csr/$name.json" "$name"
    fi
    say "issued: $name"
    issued=$((issued + 1))
done < hosts.txt

# 4. Renewal: only what `inspect --expiring-within` lists (exit 1: nothing to do).
renewed=0
shopt -s nullglob
listed=()
for c in certs/*.pem; do [[ $c == *-key.pem ]] || listed+=("$c"); done
if ((${#listed[@]})); then
    status=0
    due=$("$CERTSMITH" inspect --expiring-within "$RENEW_WITHIN" "${listed[@]}") || status=$?
    if ((status > 1)); then
        say "inspect failed (exit $status)"
        exit "$status"
    fi
    # The text output starts each certificate with its path on a line of its own.
    while read -r path; do
        [[ $path == certs/*.pem ]] || continue
        name=${path#certs/}
        name=${name%.pem}
        "$CERTSMITH" csr --key "certs/$name-key.pem" --from-cert "$path" \
            | "$CERTSMITH" split-json "certs/$name"
        sign "certs/$name.csr" "$name"
        say "renewed: $name"
        renewed=$((renewed + 1))
    done < <(printf '%s\n' "$due" | grep -v '^[[:space:]]' || true)
fi

say "issued $issued, renewed $renewed"
