#!/usr/bin/env bash
# Writes bench/hot-symbols.txt: the functions of the release binary that
# everyday commands run, `sign` of a CSR first, which build.rs hands to the
# linker (--symbol-ordering-file) so that they sit together. A process then
# maps a few 64 KiB windows of code instead of scattered pages across 7 MB:
# 46 fewer page faults per sign, 0.6 ms of 3.1 (issue 18, "the per-process
# floor").
#
#   bench/hot-symbols.sh        # after a dependency update or a large change
#
# Names that no longer exist are skipped by the linker, so a stale list
# costs speed, never a build. Needs cargo, valgrind (callgrind), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "hot-symbols: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
cargo build --release --locked -q
CS=$PWD/target/release/certsmith
OUT=$PWD/bench/hot-symbols.txt
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

echo '{"CN":"Order Root","key":{"algo":"ecdsa","size":256}}' > root.json
echo '{"CN":"leaf.example.com","hosts":["leaf.example.com","10.0.0.1"],"key":{"algo":"ecdsa","size":256}}' > leaf.json
cat > config.json <<'EOF'
{"signing":{"default":{"expiry":"8760h","usages":["digital signature","server auth","client auth"]}}}
EOF
"$CS" initca root.json 2>/dev/null | "$CS" split-json ca 2>/dev/null
"$CS" genkey leaf.json | "$CS" split-json leaf 2>/dev/null

n=0
trace() { # ARGS...: one command under callgrind, numbered in the order of the list
  n=$((n + 1))
  valgrind -q --tool=callgrind --demangle=no --callgrind-out-file="cg.$(printf %02d "$n")" \
    "$CS" "$@" >out.txt 2>/dev/null < /dev/null || true
}
trace sign --ca ca.pem --ca-key ca-key.pem --config config.json leaf.csr
trace sign --ca ca.pem --ca-key ca-key.pem leaf.csr
trace sign --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl leaf.csr
trace sign --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl leaf.csr
trace sign --ca ca.pem --ca-key ca-key.pem leaf.json
trace genkey leaf.json
trace initca root.json
trace inspect ca.pem
trace inspect --json ca.pem
"$CS" sign --ca ca.pem --ca-key ca-key.pem leaf.csr 2>/dev/null > signed.json
trace split-json app < signed.json
trace ledger verify --ca ca.pem ledger.jsonl
trace crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl

# The certsmith functions each run entered, without callgrind's recursion
# marks ('2) and unnamed addresses: those of the first run first, then
# those each later run adds, sorted within each run so that the list
# changes only where the code did.
python3 - "$CS" cg.* > "$OUT" <<'PY'
import re, sys
binary, out = sys.argv[1], []
for path in sys.argv[2:]:
    run = set()
    names, objects, current = {}, {}, None
    for line in open(path):
        m = re.match(r"(c?ob)=\((\d+)\)(?: (.*))?", line)
        if m:
            if m.group(3):
                objects[m.group(2)] = m.group(3).strip()
            if m.group(1) == "ob":
                current = objects.get(m.group(2))
            continue
        m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
        if m:
            if m.group(3):
                names[m.group(2)] = m.group(3).strip()
            if m.group(1) == "fn" and current == binary:
                name = names[m.group(2)].split("'")[0]
                if not name.startswith(("0x", "(")):
                    run.add(name)
    out.extend(sorted(run))
print("\n".join(dict.fromkeys(out)))
PY
echo "hot-symbols: $(wc -l < "$OUT") functions in $OUT"
