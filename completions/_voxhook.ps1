
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'voxhook' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'voxhook'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'voxhook' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the action file: syntax, keys, types, policy, templates, triggers, secrets')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Fire one action or system webhook exactly as the platform would, and judge the response')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay a call transcript: which actions fire, with what, and what comes back')
            [CompletionResult]::new('mock', 'mock', [CompletionResultType]::ParameterValue, 'Serve every `mock:` response on loopback')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the signature headers a platform would add to a body, ready for curl')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Say whether a captured request''s signature verifies, or exactly why not')
            [CompletionResult]::new('drill', 'drill', [CompletionResultType]::ParameterValue, 'Send a correct delivery, then the forgeries an endpoint must refuse; grade each')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read a platform''s tool JSON (one tool, a list, an assistant or agent) into actions YAML')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write actions as a platform''s tool JSON, ready for its API')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starter voxhook.yaml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the actions and system webhooks')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the action file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'voxhook;lint' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Exit 1 on warnings too')
            [CompletionResult]::new('--check-env', '--check-env', [CompletionResultType]::ParameterName, 'Also report `${env:…}` values that are unset here (environment and .env)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;test' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A parameter value, `KEY=VALUE` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'A parameter value, `KEY=VALUE` (repeatable)')
            [CompletionResult]::new('--params', '--params', [CompletionResultType]::ParameterName, 'Parameters as a JSON object, or @FILE holding one')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Total deadline for the request (overrides the file)')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Fire the request N times')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many requests are in flight at once with --repeat or --all')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The call''s start time, RFC 3339: timestamps and signatures follow it, so the bytes repeat')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a report, `junit=PATH`')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'A variable for templates, `K=V` (repeatable)')
            [CompletionResult]::new('--caller', '--caller', [CompletionResultType]::ParameterName, 'The caller''s phone number ({{caller_phone}})')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for phone numbers written without a country code')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Play this platform''s webhook engine (wins over every `platform:` in the file)')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL the platform would call (your tunnel''s); signatures cover it while the request goes to the file''s URL')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--no-prompt', '--no-prompt', [CompletionResultType]::ParameterName, 'Never prompt for missing parameters; exit 2 naming them')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Run every `tests:` case in the file')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests and send nothing')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Send to an in-process mock server built from the `mock:` sections')
            [CompletionResult]::new('--allow-local', '--allow-local', [CompletionResultType]::ParameterName, 'Allow loopback, private addresses and plain http (your own machine only)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Print secrets instead of masking them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of the human view')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;simulate' {
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The call''s start time, RFC 3339 (else `# started:`, else now)')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'A variable for templates, `K=V` (repeatable)')
            [CompletionResult]::new('--caller', '--caller', [CompletionResultType]::ParameterName, 'The caller''s phone number ({{caller_phone}})')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for phone numbers written without a country code')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Play this platform''s webhook engine (wins over every `platform:` in the file)')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL the platform would call (your tunnel''s); signatures cover it while the request goes to the file''s URL')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests and send nothing')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Send to an in-process mock server built from the `mock:` sections')
            [CompletionResult]::new('--allow-local', '--allow-local', [CompletionResultType]::ParameterName, 'Allow loopback, private addresses and plain http (your own machine only)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Print secrets instead of masking them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of the human view')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;mock' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Answer in this platform''s reply shape (wins over every `platform:` in the file)')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Also append every request received to FILE as JSON Lines (replayable by `verify`)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;sign' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform whose signature this is (its own scheme)')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'The signing scheme [sign: default the platform''s, else standard-webhooks; verify: default every scheme whose header the capture carries]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth token for twilio)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL the request goes to (Twilio signs it; Vapi''s `{url}`)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'The signature header for hmac-sha256')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Sign at this time (RFC 3339) instead of now')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"headers": {...}, "url", "signed"} instead of curl -H lines')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;verify' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform whose signature this is (its own scheme)')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'The signing scheme [sign: default the platform''s, else standard-webhooks; verify: default every scheme whose header the capture carries]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth token for twilio)')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'The captured request: raw HTTP/1.1 text, `test --json` output, or `mock --log` lines (`-` reads standard input)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL the sender signed, when the capture''s differs (Twilio behind a tunnel)')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far a signed timestamp may be from now [default: the scheme''s: 5m, ElevenLabs 30m]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Judge timestamps against this time (RFC 3339) instead of now')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of the human view')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;drill' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A parameter value, `KEY=VALUE` (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'A parameter value, `KEY=VALUE` (repeatable)')
            [CompletionResult]::new('--params', '--params', [CompletionResultType]::ParameterName, 'Parameters as a JSON object, or @FILE holding one')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a report, `junit=PATH`')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'A variable for templates, `K=V` (repeatable)')
            [CompletionResult]::new('--caller', '--caller', [CompletionResultType]::ParameterName, 'The caller''s phone number ({{caller_phone}})')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for phone numbers written without a country code')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Play this platform''s webhook engine (wins over every `platform:` in the file)')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL the platform would call (your tunnel''s); signatures cover it while the request goes to the file''s URL')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests and send nothing')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Send to an in-process mock server built from the `mock:` sections')
            [CompletionResult]::new('--allow-local', '--allow-local', [CompletionResultType]::ParameterName, 'Allow loopback, private addresses and plain http (your own machine only)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Print secrets instead of masking them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of the human view')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;import' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Whose tool JSON FILE is')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the YAML to FILE (replacing it) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the YAML to FILE (replacing it) instead of standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;export' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Whose tool JSON to write')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the JSON to FILE (replacing it) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the JSON to FILE (replacing it) instead of standard output')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Write the values of ${env:…} (tokens, keys) instead of the placeholders')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;init' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Accept the defaults without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Accept the defaults without asking')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;schema' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;completions' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only findings, failures and the verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: timings, resolved addresses, why a trigger fired')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'voxhook;help' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the action file: syntax, keys, types, policy, templates, triggers, secrets')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Fire one action or system webhook exactly as the platform would, and judge the response')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay a call transcript: which actions fire, with what, and what comes back')
            [CompletionResult]::new('mock', 'mock', [CompletionResultType]::ParameterValue, 'Serve every `mock:` response on loopback')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the signature headers a platform would add to a body, ready for curl')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Say whether a captured request''s signature verifies, or exactly why not')
            [CompletionResult]::new('drill', 'drill', [CompletionResultType]::ParameterValue, 'Send a correct delivery, then the forgeries an endpoint must refuse; grade each')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read a platform''s tool JSON (one tool, a list, an assistant or agent) into actions YAML')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write actions as a platform''s tool JSON, ready for its API')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starter voxhook.yaml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the actions and system webhooks')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the action file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'voxhook;help;lint' {
            break
        }
        'voxhook;help;test' {
            break
        }
        'voxhook;help;simulate' {
            break
        }
        'voxhook;help;mock' {
            break
        }
        'voxhook;help;sign' {
            break
        }
        'voxhook;help;verify' {
            break
        }
        'voxhook;help;drill' {
            break
        }
        'voxhook;help;import' {
            break
        }
        'voxhook;help;export' {
            break
        }
        'voxhook;help;init' {
            break
        }
        'voxhook;help;list' {
            break
        }
        'voxhook;help;schema' {
            break
        }
        'voxhook;help;completions' {
            break
        }
        'voxhook;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
