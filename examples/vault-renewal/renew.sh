#!/usr/bin/env bash
# Renews one host certificate from Vault's or OpenBao's PKI engine when it is
# due, with a key that never leaves the host (see README.md):
#
#   CERT_DIR/NAME.pem          the certificate          (replaced when due)
#   CERT_DIR/NAME-key.pem      its key, 0600            (reused; a new one with ROTATE_KEY=1)
#   CERT_DIR/NAME-bundle.pem   NAME.pem + the chain the engine returned
#   CERT_DIR/NAME.csr          the CSR that was sent    (the only thing that travels)
#   CERT_DIR/NAME-csr.json     the request: CN, hosts, key algorithm (you write it, once)
#
# One run: if NAME.pem or NAME-key.pem is missing, or NAME.pem is not for
# NAME-key.pem, or `certsmith inspect --needs-renewal` says NAME.pem has lived
# RENEW_FRACTION of its life (default 2/3), `certsmith remote sign --vault`
# sends a CSR for the key (only the CSR) to MOUNT/sign/ROLE, and `certsmith
# split-json` writes the files atomically; the new certificate is checked
# (for NAME-key.pem, chaining to CA_FILE) and RELOAD_COMMAND runs. Otherwise
# nothing is written and nothing reloads.
#
# Settings come from the environment (systemd's EnvironmentFile=), or from a
# file of KEY=VALUE lines given with -c (cron); renew.env.example lists them.
# The token is never in any command line: certsmith reads it from
# TOKEN_FILE (--token file:), or logs in with AppRole (APPROLE_ROLE_ID_FILE,
# APPROLE_SECRET_ID_FILE), or takes systemd's credentials `token`, or
# `role-id` and `secret-id` (LoadCredential=), or else $VAULT_TOKEN or $BAO_TOKEN.
#
# Exit status, for a timer or cron:
#   0  renewed (and reloaded), or not due yet: nothing to do
#   1  failed: the engine refused or was unreachable, a check failed, a file
#      could not be written, or RELOAD_COMMAND failed (retried by the next run,
#      due or not); the old files stay in place unless the new ones were complete
#   2  a usage or configuration error (a missing setting, an unknown key in -c FILE)
#
# Usage: renew.sh [-c FILE] [-f] [-q] NAME
#   -c FILE  read settings from FILE (KEY=VALUE lines, # comments), over the environment
#   -f       renew now, due or not (after editing NAME-csr.json, say)
#   -q       print nothing when nothing is due (for cron, which mails any output)
set -euo pipefail

PROG=${0##*/}
NAME=
die() {
    echo "$PROG: ${NAME:+$NAME: }$*" >&2
    exit 1
}
usage_error() {
    echo "$PROG: ${NAME:+$NAME: }$*" >&2
    echo "usage: $PROG [-c FILE] [-f] [-q] NAME   (settings: see renew.env.example)" >&2
    exit 2
}
say() {
    echo "$PROG: $NAME: $*" >&2
}

# The settings a -c file may hold (and the environment may set).
SETTINGS=" CERTSMITH CERT_DIR CSR_JSON VAULT_ADDR BAO_ADDR PKI_MOUNT PKI_ROLE TTL CA_FILE TLS_CA_FILE
    TOKEN_FILE APPROLE_ROLE_ID_FILE APPROLE_SECRET_ID_FILE VAULT_NAMESPACE VAULT_TOKEN BAO_TOKEN
    RENEW_FRACTION ROTATE_KEY RELOAD_COMMAND "

# load_config FILE: KEY=VALUE lines as systemd's EnvironmentFile= reads them
# (blank lines and # comments skipped, one pair of surrounding quotes removed),
# without executing anything; an unknown KEY is an error, so is a typo.
load_config() {
    local file=$1 line key value n=0
    [[ -r $file ]] || usage_error "cannot read the settings file $file"
    while IFS= read -r line || [[ -n $line ]]; do
        n=$((n + 1))
        line=${line#"${line%%[![:space:]]*}"}
        [[ -z $line || $line == '#'* || $line == ';'* ]] && continue
        [[ $line == *=* ]] || usage_error "$file:$n: not KEY=VALUE"
        key=${line%%=*}
        key=${key%"${key##*[![:space:]]}"}
        value=${line#*=}
        value=${value#"${value%%[![:space:]]*}"}
        value=${value%"${value##*[![:space:]]}"}
        if [[ ${#value} -ge 2 && ( ($value == \"*\" ) || ($value == \'*\') ) ]]; then
            value=${value:1:${#value}-2}
        fi
        [[ $SETTINGS == *" $key "* ]] || usage_error "$file:$n: unknown setting $key"
        printf -v "$key" '%s' "$value"
        export "${key?}"
    done <"$file"
}

FORCE=0 QUIET=0
while getopts ':c:fqh' opt; do
    case $opt in
    c) load_config "$OPTARG" ;;
    f) FORCE=1 ;;
    q) QUIET=1 ;;
    h)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    :) usage_error "-$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 ]] || usage_error "expected one NAME, got $#"
NAME=$1
# NAME names files and, under systemd, the unit instance (certsmith-renew@NAME).
[[ $NAME =~ ^[A-Za-z0-9_][A-Za-z0-9._-]*$ ]] ||
    usage_error "NAME must be letters, digits, '.', '_' or '-' (not first): '$NAME'"

CERTSMITH=${CERTSMITH:-certsmith}
CERT_DIR=${CERT_DIR:-/etc/certsmith/certs}
CERT_DIR=${CERT_DIR%/}
CSR_JSON=${CSR_JSON:-$CERT_DIR/$NAME-csr.json}
VAULT_ADDR=${VAULT_ADDR:-${BAO_ADDR:-}}
PKI_MOUNT=${PKI_MOUNT:-pki_int}
PKI_ROLE=${PKI_ROLE:-}
TTL=${TTL:-}
CA_FILE=${CA_FILE:-}
TLS_CA_FILE=${TLS_CA_FILE:-}
TOKEN_FILE=${TOKEN_FILE:-}
APPROLE_ROLE_ID_FILE=${APPROLE_ROLE_ID_FILE:-}
APPROLE_SECRET_ID_FILE=${APPROLE_SECRET_ID_FILE:-}
VAULT_NAMESPACE=${VAULT_NAMESPACE:-}
RENEW_FRACTION=${RENEW_FRACTION:-}
ROTATE_KEY=${ROTATE_KEY:-0}
RELOAD_COMMAND=${RELOAD_COMMAND:-}
# systemd's credentials (see certsmith-renew@.service), unless a file is named:
# LoadCredential=role-id:… and secret-id:… for AppRole, or token:….
CREDS=${CREDENTIALS_DIRECTORY:-}
if [[ -z $TOKEN_FILE$APPROLE_ROLE_ID_FILE$APPROLE_SECRET_ID_FILE && -n $CREDS ]]; then
    if [[ -r $CREDS/role-id && -r $CREDS/secret-id ]]; then
        APPROLE_ROLE_ID_FILE=$CREDS/role-id APPROLE_SECRET_ID_FILE=$CREDS/secret-id
    elif [[ -r $CREDS/token ]]; then
        TOKEN_FILE=$CREDS/token
    fi
fi

[[ -n $VAULT_ADDR ]] || usage_error "VAULT_ADDR is not set: the engine's address (https://bao.example:8200)"
[[ -n $PKI_ROLE ]] || usage_error "PKI_ROLE is not set: the role that signs (PKI_MOUNT/sign/PKI_ROLE)"
[[ -n $CA_FILE ]] || usage_error "CA_FILE is not set: the root the certificate must chain to"
[[ -d $CERT_DIR ]] || usage_error "CERT_DIR $CERT_DIR is not a directory"
[[ -r $CSR_JSON ]] || usage_error "cannot read the CSR JSON $CSR_JSON (CN, hosts, key; see README.md)"
[[ -r $CA_FILE ]] || usage_error "cannot read CA_FILE $CA_FILE"
case ${ROTATE_KEY,,} in
1 | yes | true | on) ROTATE_KEY=1 ;;
0 | no | false | off | '') ROTATE_KEY=0 ;;
*) usage_error "ROTATE_KEY must be 0 or 1, not '$ROTATE_KEY'" ;;
esac
[[ -z $APPROLE_ROLE_ID_FILE && -z $APPROLE_SECRET_ID_FILE ]] ||
    [[ -n $APPROLE_ROLE_ID_FILE && -n $APPROLE_SECRET_ID_FILE ]] ||
    usage_error "AppRole needs both APPROLE_ROLE_ID_FILE and APPROLE_SECRET_ID_FILE"
[[ -z $TOKEN_FILE || -z $APPROLE_ROLE_ID_FILE ]] ||
    usage_error "TOKEN_FILE and AppRole are both set: choose one"
command -v "$CERTSMITH" >/dev/null 2>&1 ||
    usage_error "certsmith not found as '$CERTSMITH' (put it on PATH or set CERTSMITH=/path/to/certsmith)"

BASE=$CERT_DIR/$NAME
CERT=$BASE.pem KEY=$BASE-key.pem BUNDLE=$BASE-bundle.pem
PENDING=$CERT_DIR/.$NAME.reload-pending

# One run per NAME at a time (a timer and a hand-started run): the second
# waits for the first, then finds the certificate fresh.
if command -v flock >/dev/null 2>&1; then
    exec 9>>"$CERT_DIR/.$NAME.renew-lock"
    flock -w 300 9 || die "another renewal of $NAME has held $CERT_DIR/.$NAME.renew-lock for 5 minutes"
fi

# Is it due? Exit codes of inspect --needs-renewal: 0 renew, 1 not yet, 2 error.
due=
if [[ $FORCE == 1 ]]; then
    due="renewal forced (-f)"
elif [[ ! -e $CERT ]]; then
    due="$CERT does not exist"
elif [[ ! -e $KEY ]]; then
    due="$KEY does not exist"
else
    # Files that are not a certificate and a key are left for a person to look at.
    cert_fp=$("$CERTSMITH" key fingerprint "$CERT") || die "cannot read $CERT; nothing renewed"
    key_fp=$("$CERTSMITH" key fingerprint "$KEY") || die "cannot read $KEY; nothing renewed"
    status=0
    state=$("$CERTSMITH" inspect --short --needs-renewal${RENEW_FRACTION:+=$RENEW_FRACTION} "$CERT") ||
        status=$?
    case $status in
    0) due="due: $state" ;;
    # A rotation cut short (split-json renames the new key into place before
    # the certificate), or a key put there by hand: the pair must match again.
    1) [[ $cert_fp == "$key_fp" ]] || due="$CERT is not for the key in $KEY" ;;
    *) die "certsmith inspect could not read $CERT (exit $status); nothing renewed" ;;
    esac
fi

if [[ -n $due ]]; then
    say "$due"
    args=(remote sign --vault "$VAULT_ADDR" --mount "$PKI_MOUNT" --role "$PKI_ROLE" --ca "$CA_FILE")
    [[ -z $TTL ]] || args+=(--ttl "$TTL")
    [[ -z $TLS_CA_FILE ]] || args+=(--tls-remote-ca "$TLS_CA_FILE")
    [[ -z $VAULT_NAMESPACE ]] || args+=(--namespace "$VAULT_NAMESPACE")
    # Paths only: certsmith opens them, so no secret is ever in argv.
    [[ -z $TOKEN_FILE ]] || args+=(--token "file:$TOKEN_FILE")
    [[ -z $APPROLE_ROLE_ID_FILE ]] ||
        args+=(--approle-role-id "file:$APPROLE_ROLE_ID_FILE" --approle-secret-id "file:$APPROLE_SECRET_ID_FILE")
    split=(split-json)
    if [[ $ROTATE_KEY == 1 || ! -e $KEY ]]; then
        # A new key, made by certsmith here; split-json renames it into place
        # before the certificate, and replaces the old one only with --rekey.
        [[ ! -e $KEY ]] || split+=(--rekey)
        say "a new key for $KEY"
    else
        args+=(--key "$KEY")
    fi
    # certsmith prints nothing unless the certificate is for the key and
    # chains to CA_FILE; split-json writes nothing from nothing, and writes
    # every file under a temporary name, renamed into place.
    "$CERTSMITH" "${args[@]}" "$CSR_JSON" | "$CERTSMITH" "${split[@]}" "$BASE" ||
        die "no new certificate; $CERT is unchanged"

    # What is on disk now, checked again before anything reloads it.
    cert_fp=$("$CERTSMITH" key fingerprint "$CERT") || die "cannot read the new $CERT"
    key_fp=$("$CERTSMITH" key fingerprint "$KEY") || die "cannot read $KEY"
    [[ $cert_fp == "$key_fp" ]] || die "$CERT is not for the key in $KEY; not reloading"
    "$CERTSMITH" bundle --roots "$CA_FILE" --intermediates "$BUNDLE" "$CERT" >/dev/null ||
        die "$CERT does not chain to $CA_FILE; not reloading"
    say "renewed: $("$CERTSMITH" inspect --short "$CERT")"
    [[ -z $RELOAD_COMMAND ]] || : >"$PENDING"
elif [[ ! -e $PENDING ]]; then
    [[ $QUIET == 1 ]] || say "not due: $state"
    exit 0
else
    say "not due, but the last reload failed: reloading again"
fi

if [[ -n $RELOAD_COMMAND ]]; then
    # Without the token, which the reloaded service has no use for.
    env -u VAULT_TOKEN -u BAO_TOKEN -u CREDENTIALS_DIRECTORY sh -c "$RELOAD_COMMAND" </dev/null >&2 ||
        die "RELOAD_COMMAND failed (exit $?): $RELOAD_COMMAND; the next run tries it again"
    rm -f "$PENDING"
    say "reloaded: $RELOAD_COMMAND"
fi
