"""Schemathesis against the served OpenAPI spec: no request the spec allows may give a 500, and every
response must match the spec (status codes, content types, schemas)."""
import os
import subprocess
import sys


def test_api_conforms_to_its_spec_and_never_fails(server):
    token = server.qlcb("token", "create", "--user", "sotttt", "--name", "schemathesis").strip().splitlines()[-1]
    cli = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    result = subprocess.run(
        [cli, "run", server + "/api/openapi.yaml", "--url", server + "/api/v1",
         "-H", f"Authorization: Bearer {token}", "--max-examples", os.environ.get("FUZZ_EXAMPLES", "25"),
         "--seed", "2013", "--no-color",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
