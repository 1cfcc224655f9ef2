//! Command-line definitions (clap). Nothing here does work; `lib::run` dispatches.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "voxhook",
    version,
    about = "Lint, fire and replay the webhooks a Voice-AI phone agent calls, on your own machine",
    long_about = None,
    after_help = "Exit codes: 0 success, 1 a check failed (lint findings, a failed webhook or expectation), 2 bad usage or input."
)]
pub struct Cli {
    /// The action file [default: $VOXHOOK_FILE, else voxhook.yaml or voxhook.yml here]
    #[arg(short = 'f', long = "file", global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured under auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only findings, failures and the verdict
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more: timings, resolved addresses, why a trigger fired
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check the action file: syntax, keys, types, policy, templates, triggers, secrets
    Lint(LintArgs),
    /// Fire one action or system webhook exactly as the platform would, and judge the response
    Test(TestArgs),
    /// Replay a call transcript: which actions fire, with what, and what comes back
    Simulate(SimulateArgs),
    /// Serve every `mock:` response on loopback
    Mock(MockArgs),
    /// Print the signature headers a platform would add to a body, ready for curl
    Sign(SignArgs),
    /// Say whether a captured request's signature verifies, or exactly why not
    Verify(VerifyArgs),
    /// Send a correct delivery, then the forgeries an endpoint must refuse; grade each
    Drill(DrillArgs),
    /// Read a platform's tool JSON (one tool, a list, an assistant or agent) into actions YAML
    #[command(
        after_help = "Credentials become ${env:…} placeholders; what does not carry over is a note on stderr.\nExit codes: 0 written and lints, 1 written but lint finds errors, 2 not a tool definition of that platform (the message names the JSON path; nothing is written).\nExample: voxhook import --platform vapi tools.json -o voxhook.yaml"
    )]
    Import(ImportArgs),
    /// Write actions as a platform's tool JSON, ready for its API
    #[command(
        after_help = "One ACTION prints one object (the body of the platform's create call); several or none print a list.\nWhat the platform's tool cannot hold is a note on stderr.\nExample: voxhook export --platform elevenlabs check_order_status --show-secrets | curl -X POST https://api.elevenlabs.io/v1/convai/tools -H \"xi-api-key: $ELEVENLABS_API_KEY\" -H 'Content-Type: application/json' -d @-"
    )]
    Export(ExportArgs),
    /// Write a starter voxhook.yaml
    Init(InitArgs),
    /// List the actions and system webhooks
    List,
    /// Print the JSON Schema (draft 2020-12) of the action file
    Schema,
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also report `${env:…}` values that are unset here (environment and .env)
    #[arg(long)]
    pub check_env: bool,
}

/// Flags shared by `test` and `simulate`: how requests are sent.
#[derive(Args, Debug, Clone, Default)]
pub struct SendArgs {
    /// Print the requests and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Send to an in-process mock server built from the `mock:` sections
    #[arg(long)]
    pub mock: bool,
    /// Allow loopback, private addresses and plain http (your own machine only)
    #[arg(long)]
    pub allow_local: bool,
    /// Do not verify TLS certificates
    #[arg(long)]
    pub insecure: bool,
    /// Print secrets instead of masking them
    #[arg(long)]
    pub show_secrets: bool,
    /// A variable for templates, `K=V` (repeatable)
    #[arg(long = "var", value_name = "K=V")]
    pub vars: Vec<String>,
    /// The caller's phone number ({{caller_phone}})
    #[arg(long, value_name = "PHONE")]
    pub caller: Option<String>,
    /// Region for phone numbers written without a country code
    #[arg(long, default_value = "US", value_name = "CC", value_parser = region)]
    pub region: String,
    /// Print JSON instead of the human view
    #[arg(long)]
    pub json: bool,
    /// Play this platform's webhook engine (wins over every `platform:` in the file)
    #[arg(long, value_enum, value_name = "P")]
    pub platform: Option<PlatformArg>,
    /// The URL the platform would call (your tunnel's); signatures cover it while the request
    /// goes to the file's URL
    #[arg(long, value_name = "URL", value_parser = public_url)]
    pub public_url: Option<url::Url>,
}

/// `--platform`: whose webhook engine voxhook plays.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    Voxhook,
    Vapi,
    Retell,
    Elevenlabs,
    Twilio,
    Bland,
}

impl PlatformArg {
    /// The name as typed, which is the model's name for it.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

fn public_url(s: &str) -> Result<url::Url, String> {
    let u = url::Url::parse(s).map_err(|e| format!("`{s}` is not a URL ({e})"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("`{s}` is not an http(s) URL"));
    }
    Ok(u)
}

#[derive(Args, Debug)]
pub struct TestArgs {
    /// An action name, or pre_call, post_call, call_status
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub target: Option<String>,
    /// A parameter value, `KEY=VALUE` (repeatable)
    #[arg(short = 'p', long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Parameters as a JSON object, or @FILE holding one
    #[arg(long = "params", value_name = "JSON|@FILE")]
    pub params_json: Option<String>,
    /// Total deadline for the request (overrides the file)
    #[arg(long, value_name = "DUR")]
    pub timeout: Option<String>,
    /// Never prompt for missing parameters; exit 2 naming them
    #[arg(long)]
    pub no_prompt: bool,
    /// Fire the request N times
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub repeat: Option<u32>,
    /// How many requests are in flight at once with --repeat or --all
    #[arg(long, value_name = "C", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    pub concurrency: u32,
    /// Run every `tests:` case in the file
    #[arg(long)]
    pub all: bool,
    /// The call's start time, RFC 3339: timestamps and signatures follow it, so the bytes repeat
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Write a report, `junit=PATH`
    #[arg(long, value_name = "junit=PATH")]
    pub report: Option<String>,
    #[command(flatten)]
    pub send: SendArgs,
}

#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// The transcript: .txt, .vtt, .srt or .json (`-` reads standard input)
    pub transcript: PathBuf,
    /// The call's start time, RFC 3339 (else `# started:`, else now)
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    #[command(flatten)]
    pub send: SendArgs,
}

/// A signing scheme, named as in the file's `signing.scheme`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemeArg {
    StandardWebhooks,
    HmacSha256,
    Vapi,
    Retell,
    Elevenlabs,
    Twilio,
    Bland,
}

impl SchemeArg {
    /// The name as typed, which is the file's `signing.scheme` name.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// `--platform` or `--scheme`, and the secret: who signs, with what.
#[derive(Args, Debug)]
pub struct SignerArgs {
    /// The platform whose signature this is (its own scheme)
    #[arg(long, value_enum, value_name = "P", conflicts_with = "scheme")]
    pub platform: Option<PlatformArg>,
    /// The signing scheme [sign: default the platform's, else standard-webhooks; verify:
    /// default every scheme whose header the capture carries]
    #[arg(long, value_enum, value_name = "S")]
    pub scheme: Option<SchemeArg>,
    /// The signing secret (whsec_… for standard-webhooks, the API key for retell, the auth
    /// token for twilio)
    #[arg(
        long,
        env = "VOXHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub secret: String,
}

#[derive(Args, Debug)]
pub struct SignArgs {
    #[command(flatten)]
    pub signer: SignerArgs,
    /// The URL the request goes to (Twilio signs it; Vapi's `{url}`)
    #[arg(long, value_name = "URL", value_parser = public_url)]
    pub url: Option<url::Url>,
    /// The signature header for hmac-sha256
    #[arg(long, value_name = "NAME", default_value = "X-Signature")]
    pub header: String,
    /// Sign at this time (RFC 3339) instead of now
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Print {"headers": {...}, "url", "signed"} instead of curl -H lines
    #[arg(long)]
    pub json: bool,
    /// The body: text, @FILE, or - for standard input (read byte for byte)
    #[arg(value_name = "BODY|@FILE|-", default_value = "-")]
    pub body: String,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub signer: SignerArgs,
    /// The captured request: raw HTTP/1.1 text, `test --json` output, or `mock --log` lines
    /// (`-` reads standard input)
    #[arg(long, value_name = "FILE")]
    pub request: PathBuf,
    /// The URL the sender signed, when the capture's differs (Twilio behind a tunnel)
    #[arg(long, value_name = "URL", value_parser = public_url)]
    pub url: Option<url::Url>,
    /// How far a signed timestamp may be from now [default: the scheme's: 5m, ElevenLabs 30m]
    #[arg(long, value_name = "DUR")]
    pub tolerance: Option<String>,
    /// Judge timestamps against this time (RFC 3339) instead of now
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Print JSON instead of the human view
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DrillArgs {
    /// An action name, or pre_call, post_call, call_status
    pub target: String,
    /// A parameter value, `KEY=VALUE` (repeatable)
    #[arg(short = 'p', long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Parameters as a JSON object, or @FILE holding one
    #[arg(long = "params", value_name = "JSON|@FILE")]
    pub params_json: Option<String>,
    /// Write a report, `junit=PATH`
    #[arg(long, value_name = "junit=PATH")]
    pub report: Option<String>,
    #[command(flatten)]
    pub send: SendArgs,
}

#[derive(Args, Debug)]
pub struct MockArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Answer in this platform's reply shape (wins over every `platform:` in the file)
    #[arg(long, value_enum, value_name = "P")]
    pub platform: Option<PlatformArg>,
    /// Also append every request received to FILE as JSON Lines (replayable by `verify`)
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Accept the defaults without asking
    #[arg(short, long)]
    pub yes: bool,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

/// `--region`: a region libphonenumber knows, upper-cased.
fn region(s: &str) -> Result<String, String> {
    let code = s.trim().to_ascii_uppercase();
    code.parse::<phonenumber::country::Id>()
        .map(|_| code.clone())
        .map_err(|_| format!("`{s}` is not a region code (two letters, e.g. US, GB, DE)"))
}

/// The platforms whose tools are definitions voxhook can read and write.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ToolPlatformArg {
    Vapi,
    Retell,
    Elevenlabs,
    Bland,
}

impl ToolPlatformArg {
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Whose tool JSON FILE is
    #[arg(long, value_enum, value_name = "P")]
    pub platform: ToolPlatformArg,
    /// The platform's JSON: one tool, a list of tools, or an assistant/agent/LLM holding them; `-` reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the YAML to FILE (replacing it) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Whose tool JSON to write
    #[arg(long, value_enum, value_name = "P")]
    pub platform: ToolPlatformArg,
    /// The actions to export [default: every action]; one name prints one object, otherwise a list
    #[arg(value_name = "ACTION")]
    pub actions: Vec<String>,
    /// Write the JSON to FILE (replacing it) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the values of ${env:…} (tokens, keys) instead of the placeholders
    #[arg(long)]
    pub show_secrets: bool,
}
