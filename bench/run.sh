#!/usr/bin/env bash
# voxhook benchmarks, side by side with the tools they are measured against. Not run by CI.
# Needs python3, hyperfine, ripgrep (rg), curl and GNU time (/usr/bin/time); check-jsonschema
# (pip install check-jsonschema) for the lint comparison. Everything runs on 127.0.0.1.
# Usage: bench/run.sh            (prints a Markdown table at the end)
#        bench/run.sh platforms  (only the rows of the platform profiles: 2, 6 and 7)
#        bench/run.sh tools      (only import/export: 8)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
cargo build --release --quiet
BIN=$PWD/target/release/voxhook
python3 bench/gen.py "$OUT"
export BENCH_TOKEN=x
rows=()
ONLY=${1:-all}
all() { [ "$ONLY" = all ]; }
row() { rows+=("| $1 | $2 | $3 |"); echo "| $1 | $2 | $3 |" >&2; }

mean() { # command... -> mean seconds over hyperfine runs
  local runs=$1; shift
  hyperfine -i --style none --warmup 1 --runs "$runs" --export-json "$OUT/h.json" "$@" >/dev/null 2>&1 || true
  python3 -c 'import json;print("%.3f" % json.load(open("'"$OUT"'/h.json"))["results"][0]["mean"])'
}
peak_mib() { # command... -> peak resident MiB
  /usr/bin/time -f "%M" -o "$OUT/t.txt" "$@" >/dev/null 2>&1 || true
  python3 -c 'print("%.1f" % (int(open("'"$OUT"'/t.txt").read().split()[-1]) / 1024))'
}

# 1. lint: 1,000 and 10,000 actions; check-jsonschema validating the same file.
"$BIN" schema > "$OUT/schema.json"
all && for n in 1000 10000; do
  f="$OUT/actions-$n.yaml"
  t=$(mean 5 "$BIN -f $f lint")
  m=$(peak_mib "$BIN" -f "$f" lint)
  row "lint, $n actions" "${t} s, ${m} MiB" "target (10,000): < 0.5 s, < 150 MiB"
  if command -v check-jsonschema >/dev/null; then
    c=$(mean 1 "check-jsonschema --schemafile $OUT/schema.json $f")
    row "check-jsonschema, $n actions" "${c} s" "voxhook is $(python3 -c "print('%.1f' % ($c / $t))")x faster (goal 10x)"
  fi
done

# 8. import/export: 10,000 actions exported to each platform's tool JSON, and imported back,
#    against `lint` of the same file (export loads and checks it the same way first).
table() { echo; echo "| benchmark | result | target |"; echo "|---|---|---|"; printf '%s\n' "${rows[@]}"; }
if all || [ "$ONLY" = tools ]; then
  f="$OUT/actions-10000.yaml"
  tl=$(mean 5 "$BIN -f $f lint -q")
  for p in vapi retell elevenlabs bland; do
    "$BIN" -f "$f" export --platform "$p" -q > "$OUT/tools-$p.json"
    te=$(mean 5 "$BIN -f $f export --platform $p -q -o $OUT/tools-$p.json")
    me=$(peak_mib "$BIN" -f "$f" export --platform "$p" -q -o "$OUT/tools-$p.json")
    ti=$(mean 5 "$BIN import --platform $p $OUT/tools-$p.json -q -o $OUT/imported-$p.yaml")
    mi=$(peak_mib "$BIN" import --platform "$p" "$OUT/tools-$p.json" -q -o "$OUT/imported-$p.yaml")
    row "export / import --platform $p, 10,000 actions (lint of the file: ${tl} s)" "export ${te} s, ${me} MiB; import ${ti} s, ${mi} MiB" "export $(python3 -c "print('%.2f' % ($te / $tl))")x lint, import $(python3 -c "print('%.2f' % ($ti / $tl))")x lint (goal <= 2x each)"
  done
fi
if [ "$ONLY" = tools ]; then table; exit 0; fi

# 2. One `voxhook test` against a loopback server, and curl sending the same request.
cat > "$OUT/ping.yaml" <<YAML
version: 1
policy: { require_https: false, allow_private_networks: true }
actions:
  - name: ping
    description: Benchmark action. Use when measuring voxhook against curl.
    parameters: { n: { type: integer, required: true } }
    webhook: { url: "http://127.0.0.1:1/actions/ping", timeout: 5s }
    mock:
      - body: { success: true, result: { pong: true } }
YAML
"$BIN" -f "$OUT/ping.yaml" mock --port 0 > "$OUT/mock.log" &
MOCK=$!
trap 'kill $MOCK 2>/dev/null || true; kill ${SRV:-0} 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$OUT/mock.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(head -1 "$OUT/mock.log" | sed 's/.*127.0.0.1://')
sed -i "s/127.0.0.1:1\//127.0.0.1:$PORT\//" "$OUT/ping.yaml"
body='{"action":"ping","parameters":{"n":1},"context":{"agent_id":"","conversation_id":"x","contact_id":null,"caller_phone":"+14155550100"}}'
tv=$(mean 30 "$BIN -f $OUT/ping.yaml test ping -p n=1 -q")
tc=$(mean 30 "curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' -d '$body' http://127.0.0.1:$PORT/actions/ping")
row "voxhook test vs curl (one request)" "${tv} s vs ${tc} s" "$(python3 -c "print('%.2f' % ($tv / $tc))")x curl (goal <= 1.5x)"

# 3. Peak memory when the server sends 50 MB.
if all; then
python3 bench/servers.py big > "$OUT/srv.port" & SRV=$!
for _ in $(seq 50); do [ -s "$OUT/srv.port" ] && break; sleep 0.1; done
sed "s/127.0.0.1:[0-9]*/127.0.0.1:$(cat "$OUT/srv.port")/" "$OUT/ping.yaml" > "$OUT/big.yaml"
m=$(peak_mib "$BIN" -f "$OUT/big.yaml" test ping -p n=1 -q)
row "voxhook test, server sends 50 MB" "${m} MiB peak" "target < 64 MiB (body cut at 1 MiB)"
kill $SRV

# 4. The total deadline against a server that never answers.
python3 bench/servers.py hang > "$OUT/srv.port" & SRV=$!
for _ in $(seq 50); do [ -s "$OUT/srv.port" ] && break; sleep 0.1; done
sed "s/127.0.0.1:[0-9]*/127.0.0.1:$(cat "$OUT/srv.port")/" "$OUT/ping.yaml" > "$OUT/hang.yaml"
th=$(mean 3 "$BIN -f $OUT/hang.yaml test ping -p n=1 -q --timeout 1s")
row "--timeout 1s against a hanging server" "${th} s" "within 10% of 1 s"
kill $SRV
fi

# 5. simulate: 100,000 turns against 1,000 and 10,000 actions; rg on the same phrases.
if all; then
for n in 1000 10000; do
  t=$(mean 3 "$BIN -f $OUT/actions-$n.yaml simulate $OUT/call-100k.txt --dry-run --json --now 2026-03-24T09:00:00Z")
  m=$(peak_mib "$BIN" -f "$OUT/actions-$n.yaml" simulate "$OUT/call-100k.txt" --dry-run --json)
  row "simulate --dry-run --json, 100k turns, $n actions" "${t} s, ${m} MiB" "target (1,000): < 2 s, < 200 MiB; 10x actions <= 1.5x time"
  eval "sim_$n=$t"
done
tr=$(mean 5 "rg -c -i -F -f $OUT/phrases-1000.txt $OUT/call-100k.txt")
row "rg -c -i -F -f phrases.txt call.txt (1,000 actions' phrases)" "${tr} s" "simulate is $(python3 -c "print('%.1f' % ($sim_1000 / $tr))")x rg (goal <= 3x)"
row "simulate, 10x the actions" "$(python3 -c "print('%.2f' % ($sim_10000 / $sim_1000))")x the time" "goal <= 1.5x"
fi

# 6. `test` with each platform's envelope and signing, against curl sending a body as large.
export BENCH_SECRET=0123456789abcdef0123456789abcdef
for p in voxhook vapi retell elevenlabs twilio bland; do
  scheme=""; [ "$p" = voxhook ] && scheme="scheme: hmac-sha256, header: X-Signature, "
  sed "s/^version: 1/version: 1\nplatform: $p/; s|webhook: { url: \"\\(.*\\)\", timeout: 5s }|webhook: { url: \"\\1\", timeout: 5s, signing: { ${scheme}secret: \"\${env:BENCH_SECRET}\" } }|" "$OUT/ping.yaml" > "$OUT/ping-$p.yaml"
  "$BIN" -f "$OUT/ping-$p.yaml" test ping -p n=1 --dry-run --json --show-secrets --allow-local \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["request"].get("raw_body") or "")' > "$OUT/body-$p.txt"
  tp=$(mean 30 "$BIN -f $OUT/ping-$p.yaml test ping -p n=1 -q --allow-local")
  tc=$(mean 30 "curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -H 'X-Signature: sha256=00' --data-binary @$OUT/body-$p.txt http://127.0.0.1:$PORT/actions/ping")
  row "voxhook test --platform $p (signed) vs curl" "${tp} s vs ${tc} s" "$(python3 -c "print('%.2f' % ($tp / $tc))")x curl (goal <= 1.5x)"
done

# 7. simulate with Vapi's envelope against voxhook's, 100,000 turns, 1,000 actions.
tvx=$(mean 3 "$BIN -f $OUT/actions-1000.yaml simulate $OUT/call-100k.txt --dry-run --json --now 2026-03-24T09:00:00Z --platform voxhook")
tva=$(mean 3 "$BIN -f $OUT/actions-1000.yaml simulate $OUT/call-100k.txt --dry-run --json --now 2026-03-24T09:00:00Z --platform vapi")
row "simulate 100k turns, --platform vapi vs voxhook" "${tva} s vs ${tvx} s" "$(python3 -c "print('%+.1f%%' % (100 * ($tva / $tvx - 1)))") (goal <= +10%)"

table
