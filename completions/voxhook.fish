# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_voxhook_global_optspecs
    string join \n f/file= color= q/quiet v/verbose h/help V/version
end

function __fish_voxhook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_voxhook_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_voxhook_using_subcommand
    set -l cmd (__fish_voxhook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c voxhook -n "__fish_voxhook_needs_command" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_needs_command" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_needs_command" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_needs_command" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_needs_command" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_needs_command" -s V -l version -d 'Print version'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "lint" -d 'Check the action file: syntax, keys, types, policy, templates, triggers, secrets'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "test" -d 'Fire one action or system webhook exactly as the platform would, and judge the response'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "simulate" -d 'Replay a call transcript: which actions fire, with what, and what comes back'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "mock" -d 'Serve every `mock:` response on loopback'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "sign" -d 'Print the signature headers a platform would add to a body, ready for curl'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "verify" -d 'Say whether a captured request\'s signature verifies, or exactly why not'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "drill" -d 'Send a correct delivery, then the forgeries an endpoint must refuse; grade each'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "import" -d 'Read a platform\'s tool JSON (one tool, a list, an assistant or agent) into actions YAML'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "export" -d 'Write actions as a platform\'s tool JSON, ready for its API'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "init" -d 'Write a starter voxhook.yaml'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "list" -d 'List the actions and system webhooks'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the action file'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c voxhook -n "__fish_voxhook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -l format -d 'Output format' -r -f -a "human\t''
json\t''
github\t''
sarif\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -l deny-warnings -d 'Exit 1 on warnings too'
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -l check-env -d 'Also report `${env:…}` values that are unset here (environment and .env)'
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand lint" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -s p -l param -d 'A parameter value, `KEY=VALUE` (repeatable)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l params -d 'Parameters as a JSON object, or @FILE holding one' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l timeout -d 'Total deadline for the request (overrides the file)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l repeat -d 'Fire the request N times' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l concurrency -d 'How many requests are in flight at once with --repeat or --all' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l now -d 'The call\'s start time, RFC 3339: timestamps and signatures follow it, so the bytes repeat' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l report -d 'Write a report, `junit=PATH`' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l var -d 'A variable for templates, `K=V` (repeatable)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l caller -d 'The caller\'s phone number ({{caller_phone}})' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l region -d 'Region for phone numbers written without a country code' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l platform -d 'Play this platform\'s webhook engine (wins over every `platform:` in the file)' -r -f -a "voxhook\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l public-url -d 'The URL the platform would call (your tunnel\'s); signatures cover it while the request goes to the file\'s URL' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l no-prompt -d 'Never prompt for missing parameters; exit 2 naming them'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l all -d 'Run every `tests:` case in the file'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l dry-run -d 'Print the requests and send nothing'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l mock -d 'Send to an in-process mock server built from the `mock:` sections'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l allow-local -d 'Allow loopback, private addresses and plain http (your own machine only)'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l insecure -d 'Do not verify TLS certificates'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l show-secrets -d 'Print secrets instead of masking them'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -l json -d 'Print JSON instead of the human view'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand test" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l now -d 'The call\'s start time, RFC 3339 (else `# started:`, else now)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l var -d 'A variable for templates, `K=V` (repeatable)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l caller -d 'The caller\'s phone number ({{caller_phone}})' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l region -d 'Region for phone numbers written without a country code' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l platform -d 'Play this platform\'s webhook engine (wins over every `platform:` in the file)' -r -f -a "voxhook\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l public-url -d 'The URL the platform would call (your tunnel\'s); signatures cover it while the request goes to the file\'s URL' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l dry-run -d 'Print the requests and send nothing'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l mock -d 'Send to an in-process mock server built from the `mock:` sections'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l allow-local -d 'Allow loopback, private addresses and plain http (your own machine only)'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l insecure -d 'Do not verify TLS certificates'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l show-secrets -d 'Print secrets instead of masking them'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -l json -d 'Print JSON instead of the human view'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand simulate" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -l port -d 'Port on 127.0.0.1 (0 picks a free one)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -l platform -d 'Answer in this platform\'s reply shape (wins over every `platform:` in the file)' -r -f -a "voxhook\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -l log -d 'Also append every request received to FILE as JSON Lines (replayable by `verify`)' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand mock" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l platform -d 'The platform whose signature this is (its own scheme)' -r -f -a "voxhook\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l scheme -d 'The signing scheme [sign: default the platform\'s, else standard-webhooks; verify: default every scheme whose header the capture carries]' -r -f -a "standard-webhooks\t''
hmac-sha256\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l secret -d 'The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth token for twilio)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l url -d 'The URL the request goes to (Twilio signs it; Vapi\'s `{url}`)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l header -d 'The signature header for hmac-sha256' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l now -d 'Sign at this time (RFC 3339) instead of now' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -l json -d 'Print {"headers": {...}, "url", "signed"} instead of curl -H lines'
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand sign" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l platform -d 'The platform whose signature this is (its own scheme)' -r -f -a "voxhook\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l scheme -d 'The signing scheme [sign: default the platform\'s, else standard-webhooks; verify: default every scheme whose header the capture carries]' -r -f -a "standard-webhooks\t''
hmac-sha256\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l secret -d 'The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth token for twilio)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l request -d 'The captured request: raw HTTP/1.1 text, `test --json` output, or `mock --log` lines (`-` reads standard input)' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l url -d 'The URL the sender signed, when the capture\'s differs (Twilio behind a tunnel)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l tolerance -d 'How far a signed timestamp may be from now [default: the scheme\'s: 5m, ElevenLabs 30m]' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l now -d 'Judge timestamps against this time (RFC 3339) instead of now' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -l json -d 'Print JSON instead of the human view'
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand verify" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -s p -l param -d 'A parameter value, `KEY=VALUE` (repeatable)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l params -d 'Parameters as a JSON object, or @FILE holding one' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l report -d 'Write a report, `junit=PATH`' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l var -d 'A variable for templates, `K=V` (repeatable)' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l caller -d 'The caller\'s phone number ({{caller_phone}})' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l region -d 'Region for phone numbers written without a country code' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l platform -d 'Play this platform\'s webhook engine (wins over every `platform:` in the file)' -r -f -a "voxhook\t''
vapi\t''
retell\t''
elevenlabs\t''
twilio\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l public-url -d 'The URL the platform would call (your tunnel\'s); signatures cover it while the request goes to the file\'s URL' -r
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l dry-run -d 'Print the requests and send nothing'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l mock -d 'Send to an in-process mock server built from the `mock:` sections'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l allow-local -d 'Allow loopback, private addresses and plain http (your own machine only)'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l insecure -d 'Do not verify TLS certificates'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l show-secrets -d 'Print secrets instead of masking them'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -l json -d 'Print JSON instead of the human view'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand drill" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand import" -l platform -d 'Whose tool JSON FILE is' -r -f -a "vapi\t''
retell\t''
elevenlabs\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand import" -s o -l output -d 'Write the YAML to FILE (replacing it) instead of standard output' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand import" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand import" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand import" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand import" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -l platform -d 'Whose tool JSON to write' -r -f -a "vapi\t''
retell\t''
elevenlabs\t''
bland\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -s o -l output -d 'Write the JSON to FILE (replacing it) instead of standard output' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -l show-secrets -d 'Write the values of ${env:…} (tokens, keys) instead of the placeholders'
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand export" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -s y -l yes -d 'Accept the defaults without asking'
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -l force -d 'Overwrite an existing file'
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand init" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand list" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand list" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand list" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand list" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand list" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand schema" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand schema" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand schema" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand schema" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand schema" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand completions" -s f -l file -d 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]' -r -F
complete -c voxhook -n "__fish_voxhook_using_subcommand completions" -l color -d 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c voxhook -n "__fish_voxhook_using_subcommand completions" -s q -l quiet -d 'Print only findings, failures and the verdict'
complete -c voxhook -n "__fish_voxhook_using_subcommand completions" -s v -l verbose -d 'Print more: timings, resolved addresses, why a trigger fired'
complete -c voxhook -n "__fish_voxhook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "lint" -d 'Check the action file: syntax, keys, types, policy, templates, triggers, secrets'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "test" -d 'Fire one action or system webhook exactly as the platform would, and judge the response'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "simulate" -d 'Replay a call transcript: which actions fire, with what, and what comes back'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "mock" -d 'Serve every `mock:` response on loopback'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "sign" -d 'Print the signature headers a platform would add to a body, ready for curl'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "verify" -d 'Say whether a captured request\'s signature verifies, or exactly why not'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "drill" -d 'Send a correct delivery, then the forgeries an endpoint must refuse; grade each'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "import" -d 'Read a platform\'s tool JSON (one tool, a list, an assistant or agent) into actions YAML'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "export" -d 'Write actions as a platform\'s tool JSON, ready for its API'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "init" -d 'Write a starter voxhook.yaml'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "list" -d 'List the actions and system webhooks'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the action file'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "completions" -d 'Print shell completions'
complete -c voxhook -n "__fish_voxhook_using_subcommand help; and not __fish_seen_subcommand_from lint test simulate mock sign verify drill import export init list schema completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
