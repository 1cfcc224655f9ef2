
use builtin;
use str;

set edit:completion:arg-completer[voxhook] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'voxhook'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'voxhook'= {
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lint 'Check the action file: syntax, keys, types, policy, templates, triggers, secrets'
            cand test 'Fire one action or system webhook exactly as the platform would, and judge the response'
            cand simulate 'Replay a call transcript: which actions fire, with what, and what comes back'
            cand mock 'Serve every `mock:` response on loopback'
            cand sign 'Print the signature headers a platform would add to a body, ready for curl'
            cand verify 'Say whether a captured request''s signature verifies, or exactly why not'
            cand drill 'Send a correct delivery, then the forgeries an endpoint must refuse; grade each'
            cand import 'Read a platform''s tool JSON (one tool, a list, an assistant or agent) into actions YAML'
            cand export 'Write actions as a platform''s tool JSON, ready for its API'
            cand init 'Write a starter voxhook.yaml'
            cand list 'List the actions and system webhooks'
            cand schema 'Print the JSON Schema (draft 2020-12) of the action file'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'voxhook;lint'= {
            cand --format 'Output format'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --deny-warnings 'Exit 1 on warnings too'
            cand --check-env 'Also report `${env:…}` values that are unset here (environment and .env)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;test'= {
            cand -p 'A parameter value, `KEY=VALUE` (repeatable)'
            cand --param 'A parameter value, `KEY=VALUE` (repeatable)'
            cand --params 'Parameters as a JSON object, or @FILE holding one'
            cand --timeout 'Total deadline for the request (overrides the file)'
            cand --repeat 'Fire the request N times'
            cand --concurrency 'How many requests are in flight at once with --repeat or --all'
            cand --now 'The call''s start time, RFC 3339: timestamps and signatures follow it, so the bytes repeat'
            cand --report 'Write a report, `junit=PATH`'
            cand --var 'A variable for templates, `K=V` (repeatable)'
            cand --caller 'The caller''s phone number ({{caller_phone}})'
            cand --region 'Region for phone numbers written without a country code'
            cand --platform 'Play this platform''s webhook engine (wins over every `platform:` in the file)'
            cand --public-url 'The URL the platform would call (your tunnel''s); signatures cover it while the request goes to the file''s URL'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --no-prompt 'Never prompt for missing parameters; exit 2 naming them'
            cand --all 'Run every `tests:` case in the file'
            cand --dry-run 'Print the requests and send nothing'
            cand --mock 'Send to an in-process mock server built from the `mock:` sections'
            cand --allow-local 'Allow loopback, private addresses and plain http (your own machine only)'
            cand --insecure 'Do not verify TLS certificates'
            cand --show-secrets 'Print secrets instead of masking them'
            cand --json 'Print JSON instead of the human view'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;simulate'= {
            cand --now 'The call''s start time, RFC 3339 (else `# started:`, else now)'
            cand --var 'A variable for templates, `K=V` (repeatable)'
            cand --caller 'The caller''s phone number ({{caller_phone}})'
            cand --region 'Region for phone numbers written without a country code'
            cand --platform 'Play this platform''s webhook engine (wins over every `platform:` in the file)'
            cand --public-url 'The URL the platform would call (your tunnel''s); signatures cover it while the request goes to the file''s URL'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --dry-run 'Print the requests and send nothing'
            cand --mock 'Send to an in-process mock server built from the `mock:` sections'
            cand --allow-local 'Allow loopback, private addresses and plain http (your own machine only)'
            cand --insecure 'Do not verify TLS certificates'
            cand --show-secrets 'Print secrets instead of masking them'
            cand --json 'Print JSON instead of the human view'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;mock'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one)'
            cand --platform 'Answer in this platform''s reply shape (wins over every `platform:` in the file)'
            cand --log 'Also append every request received to FILE as JSON Lines (replayable by `verify`)'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;sign'= {
            cand --platform 'The platform whose signature this is (its own scheme)'
            cand --scheme 'The signing scheme [sign: default the platform''s, else standard-webhooks; verify: default every scheme whose header the capture carries]'
            cand --secret 'The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth token for twilio)'
            cand --url 'The URL the request goes to (Twilio signs it; Vapi''s `{url}`)'
            cand --header 'The signature header for hmac-sha256'
            cand --now 'Sign at this time (RFC 3339) instead of now'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --json 'Print {"headers": {...}, "url", "signed"} instead of curl -H lines'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;verify'= {
            cand --platform 'The platform whose signature this is (its own scheme)'
            cand --scheme 'The signing scheme [sign: default the platform''s, else standard-webhooks; verify: default every scheme whose header the capture carries]'
            cand --secret 'The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth token for twilio)'
            cand --request 'The captured request: raw HTTP/1.1 text, `test --json` output, or `mock --log` lines (`-` reads standard input)'
            cand --url 'The URL the sender signed, when the capture''s differs (Twilio behind a tunnel)'
            cand --tolerance 'How far a signed timestamp may be from now [default: the scheme''s: 5m, ElevenLabs 30m]'
            cand --now 'Judge timestamps against this time (RFC 3339) instead of now'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --json 'Print JSON instead of the human view'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;drill'= {
            cand -p 'A parameter value, `KEY=VALUE` (repeatable)'
            cand --param 'A parameter value, `KEY=VALUE` (repeatable)'
            cand --params 'Parameters as a JSON object, or @FILE holding one'
            cand --report 'Write a report, `junit=PATH`'
            cand --var 'A variable for templates, `K=V` (repeatable)'
            cand --caller 'The caller''s phone number ({{caller_phone}})'
            cand --region 'Region for phone numbers written without a country code'
            cand --platform 'Play this platform''s webhook engine (wins over every `platform:` in the file)'
            cand --public-url 'The URL the platform would call (your tunnel''s); signatures cover it while the request goes to the file''s URL'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --dry-run 'Print the requests and send nothing'
            cand --mock 'Send to an in-process mock server built from the `mock:` sections'
            cand --allow-local 'Allow loopback, private addresses and plain http (your own machine only)'
            cand --insecure 'Do not verify TLS certificates'
            cand --show-secrets 'Print secrets instead of masking them'
            cand --json 'Print JSON instead of the human view'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;import'= {
            cand --platform 'Whose tool JSON FILE is'
            cand -o 'Write the YAML to FILE (replacing it) instead of standard output'
            cand --output 'Write the YAML to FILE (replacing it) instead of standard output'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;export'= {
            cand --platform 'Whose tool JSON to write'
            cand -o 'Write the JSON to FILE (replacing it) instead of standard output'
            cand --output 'Write the JSON to FILE (replacing it) instead of standard output'
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --show-secrets 'Write the values of ${env:…} (tokens, keys) instead of the placeholders'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;init'= {
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -y 'Accept the defaults without asking'
            cand --yes 'Accept the defaults without asking'
            cand --force 'Overwrite an existing file'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;list'= {
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;schema'= {
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;completions'= {
            cand -f 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --file 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]'
            cand --color 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand -q 'Print only findings, failures and the verdict'
            cand --quiet 'Print only findings, failures and the verdict'
            cand -v 'Print more: timings, resolved addresses, why a trigger fired'
            cand --verbose 'Print more: timings, resolved addresses, why a trigger fired'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'voxhook;help'= {
            cand lint 'Check the action file: syntax, keys, types, policy, templates, triggers, secrets'
            cand test 'Fire one action or system webhook exactly as the platform would, and judge the response'
            cand simulate 'Replay a call transcript: which actions fire, with what, and what comes back'
            cand mock 'Serve every `mock:` response on loopback'
            cand sign 'Print the signature headers a platform would add to a body, ready for curl'
            cand verify 'Say whether a captured request''s signature verifies, or exactly why not'
            cand drill 'Send a correct delivery, then the forgeries an endpoint must refuse; grade each'
            cand import 'Read a platform''s tool JSON (one tool, a list, an assistant or agent) into actions YAML'
            cand export 'Write actions as a platform''s tool JSON, ready for its API'
            cand init 'Write a starter voxhook.yaml'
            cand list 'List the actions and system webhooks'
            cand schema 'Print the JSON Schema (draft 2020-12) of the action file'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'voxhook;help;lint'= {
        }
        &'voxhook;help;test'= {
        }
        &'voxhook;help;simulate'= {
        }
        &'voxhook;help;mock'= {
        }
        &'voxhook;help;sign'= {
        }
        &'voxhook;help;verify'= {
        }
        &'voxhook;help;drill'= {
        }
        &'voxhook;help;import'= {
        }
        &'voxhook;help;export'= {
        }
        &'voxhook;help;init'= {
        }
        &'voxhook;help;list'= {
        }
        &'voxhook;help;schema'= {
        }
        &'voxhook;help;completions'= {
        }
        &'voxhook;help;help'= {
        }
    ]
    $completions[$command]
}
