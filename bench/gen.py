#!/usr/bin/env python3
"""Generate benchmark inputs: action files, a long transcript and its phrases.

usage: gen.py OUTDIR
Writes actions-1000.yaml, actions-10000.yaml, call-100k.txt, phrases-1000.txt, phrases-10000.txt.
Deterministic (fixed seed), so runs compare.
"""
import os
import random
import sys

WORDS = ("order status delivery invoice refund appointment booking plumber heater leak pipe drain "
         "quote estimate warranty schedule cancel reschedule payment receipt tracking package "
         "address technician visit emergency water boiler filter install repair replace").split()


def action(i: int) -> str:
    w1, w2, w3 = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)], WORDS[(i * 13) % len(WORDS)]
    return f"""  - name: action_{i}
    description: Handle {w1} {w2} requests number {i}. Use when the caller asks about {w1} {w2} or {w3}.
    parameters:
      ref_{i}: {{ type: string, required: true, pattern: '^R{i:05d}-\\d{{3}}$', example: R{i:05d}-123 }}
      email: {{ type: email, description: Email for the confirmation }}
      when: {{ type: date, description: The day }}
    triggers:
      - phrases: ["{w1} {w2} {i}", "about {w3} {i}"]
      - regex: '(?i)\\bticket {i}\\b'
{"      - entity: email" + chr(10) if i < 10 else ""}    conditions:
      - present: ref_{i}
    webhook:
      url: https://api.example.com/v1/actions/{i}
      headers: {{ X-Action: "{i}" }}
      timeout: 3s
    response:
      assign: {{ status_{i}: "$.result.status" }}
    fallback: Sorry, I can't do that right now.
"""


def actions_file(n: int) -> str:
    head = "version: 1\nagent: { id: agent_bench, variables: { company: Acme } }\n" \
           "defaults: { auth: { bearer: \"${env:BENCH_TOKEN:-x}\" } }\nactions:\n"
    return head + "".join(action(i) for i in range(n))


def transcript(turns: int, n_actions: int, rnd: random.Random) -> str:
    lines = ["# caller: +1 415 555 2671", "# started: 2026-03-24T09:00:00Z"]
    for t in range(turns):
        mm, ss = divmod(t * 3, 60)
        hh, mm = divmod(mm, 60)
        stamp = f"[{hh:02d}:{mm:02d}:{ss:02d}]"
        if t % 2 == 0:
            lines.append(f"{stamp} Agent: How else can I help you today?")
        else:
            i = rnd.randrange(n_actions)
            w1, w2 = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)]
            kind = t % 7
            if kind == 1:
                text = f"I have a question about {w1} {w2} {i}, my reference is R{i:05d}-{rnd.randrange(1000):03d}"
            elif kind == 3:
                text = f"my reference is R{i:05d}-{rnd.randrange(1000):03d} thanks"
            elif kind == 5:
                text = "you can reach me at jane at example dot com tomorrow"
            else:
                text = f"well the {rnd.choice(WORDS)} and the {rnd.choice(WORDS)} were fine last time"
            lines.append(f"{stamp} Caller: {text}")
    return "\n".join(lines) + "\n"


def phrases(n: int) -> str:
    out = []
    for i in range(n):
        w1, w2, w3 = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)], WORDS[(i * 13) % len(WORDS)]
        out += [f"{w1} {w2} {i}", f"about {w3} {i}"]
    return "\n".join(out) + "\n"


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(42)
    for n in (1000, 10000):
        with open(os.path.join(out, f"actions-{n}.yaml"), "w") as f:
            f.write(actions_file(n))
        with open(os.path.join(out, f"phrases-{n}.txt"), "w") as f:
            f.write(phrases(n))
    with open(os.path.join(out, "call-100k.txt"), "w") as f:
        f.write(transcript(100_000, 1000, rnd))


if __name__ == "__main__":
    main()
