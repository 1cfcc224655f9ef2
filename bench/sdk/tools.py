"""`voxhook export` checked by each platform's own SDK types, and `voxhook import` fed what
those types write back (bench/sdk/run.sh installs the SDKs).

For Vapi (`CreateToolsRequest_Function`), Retell (`GeneralToolCustomTool`) and ElevenLabs
(`ToolRequestModel` with a webhook `tool_config`):
  1. every action of the round-trip fixtures, the platform example and actions.example.yaml is
     exported and validated by the SDK model; a key the model does not declare fails the
     check (the SDK models accept extra keys, so they are looked for in `model_extra`);
  2. the SDK's own dump of the validated tool (`model_dump(by_alias=True, exclude_none=True)`,
     e.g. Vapi's `timeoutSeconds` as a float) is imported again and must give the fixture's
     actions back;
  3. the sample documents in examples/import/ parse with the SDK's list/agent types.
Bland publishes no SDK types: its export is checked against the documented field list.
Prints one line per check and exits 1 if any fails.

Usage: python tools.py path/to/voxhook
"""

import json
import os
import subprocess
import sys
import tempfile

import pydantic

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VOXHOOK = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/voxhook")


def voxhook(args, stdin=None):
    out = subprocess.run([VOXHOOK] + args, capture_output=True, text=True, input=stdin,
                         env=dict(os.environ, NO_COLOR="1"), cwd=ROOT, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"voxhook {' '.join(args)}: exit {out.returncode}: {out.stderr}")
    return out.stdout


def extras(m, path="$"):
    """Keys the SDK model does not declare, anywhere in the validated tree."""
    found = []
    if isinstance(m, pydantic.BaseModel):
        found += [f"{path}.{k}" for k in (m.model_extra or {})]
        for name, f in type(m).model_fields.items():
            found += extras(getattr(m, name), f"{path}.{f.alias or name}")
    elif isinstance(m, dict):
        for k, v in m.items():
            found += extras(v, f"{path}.{k}")
    elif isinstance(m, (list, tuple)):
        for i, v in enumerate(m):
            found += extras(v, f"{path}[{i}]")
    return found


def models():
    from vapi.tools.types.create_tools_request import CreateToolsRequest_Function
    from retell.types.llm_response import GeneralToolCustomTool
    from elevenlabs.types import ToolRequestModel
    from elevenlabs.types.tool_request_model_tool_config import ToolRequestModelToolConfig_Webhook

    def eleven(d):
        m = ToolRequestModel.model_validate(d)
        assert isinstance(m.tool_config, ToolRequestModelToolConfig_Webhook), type(m.tool_config)
        return m

    return {
        "vapi": CreateToolsRequest_Function.model_validate,
        "retell": GeneralToolCustomTool.model_validate,
        "elevenlabs": eleven,
    }


BLAND_FIELDS = {"name", "description", "speech", "url", "method", "headers", "body", "query",
                "input_schema", "response", "timeout"}


def export_of(text, platform):
    """The platform's export of a voxhook YAML text (how two action files are compared)."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
    try:
        return json.loads(voxhook(["-f", f.name, "export", "--platform", platform]))
    finally:
        os.unlink(f.name)


def main():
    validate = models()
    failures = 0

    def report(ok, what, detail=""):
        nonlocal failures
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {what}{(': ' + detail) if detail else ''}")

    for platform in ["vapi", "retell", "elevenlabs", "bland"]:
        files = [f"tests/fixtures/tools/{platform}.yaml", f"examples/platforms/{platform}.yaml",
                 "actions.example.yaml", "tests/fixtures/tools/hard.yaml"]
        for file in files:
            tools = json.loads(voxhook(["-f", file, "export", "--platform", platform]))
            for tool in tools:
                name = tool.get("name") or tool.get("function", {}).get("name") \
                    or tool.get("tool_config", {}).get("name")
                what = f"{platform} export {file} {name}"
                if platform == "bland":
                    unknown = set(tool) - BLAND_FIELDS
                    report(not unknown, what, f"undocumented keys {sorted(unknown)}" if unknown else "")
                    continue
                try:
                    m = validate[platform](tool)
                except Exception as e:  # pydantic.ValidationError or the variant check
                    report(False, what, str(e).splitlines()[0])
                    continue
                extra = extras(m)
                report(not extra, what, f"keys the SDK does not declare: {extra}" if extra else "")

        if platform == "bland":
            continue
        # The SDK's own dump of the export, imported again, gives the fixture back.
        fixture = f"tests/fixtures/tools/{platform}.yaml"
        tools = json.loads(voxhook(["-f", fixture, "export", "--platform", platform]))
        dumped = [validate[platform](t).model_dump(by_alias=True, exclude_none=True, mode="json")
                  for t in tools]
        back = voxhook(["import", "--platform", platform, "-"], stdin=json.dumps(dumped))
        report(export_of(back, platform) == tools,
               f"{platform} import of the SDK's dump gives the fixture back")
        # The check itself: a key the SDK does not declare is caught.
        bogus = dict(tools[0], bogus_key=1)
        report(extras(validate[platform](bogus)) == ["$.bogus_key"],
               f"{platform} an undeclared key is caught by the extras check")

    # The samples in examples/import/ are what the platforms' types describe.
    from vapi.tools.types import CreateToolsRequest
    from retell.types.llm_response import LlmResponse
    from elevenlabs.types import ToolsResponseModel
    samples = {
        "vapi": lambda d: [pydantic.TypeAdapter(CreateToolsRequest).validate_python(t) for t in d],
        "retell": LlmResponse.model_validate,
        "elevenlabs": ToolsResponseModel.model_validate,
    }
    for platform, check in samples.items():
        with open(os.path.join(ROOT, "examples/import", platform + ".json")) as f:
            doc = json.load(f)
        try:
            check(doc)
            report(True, f"{platform} sample examples/import/{platform}.json parses with the SDK")
        except Exception as e:
            report(False, f"{platform} sample", str(e).splitlines()[0])

    print(f"{failures} failed" if failures else "all ok")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
