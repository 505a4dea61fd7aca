"""Static checks of the deployment files: compose.yaml, .env.example, Dockerfile, .dockerignore.

Docker cannot run here, so these read the files and check the contracts the stack relies on:
the four services, health-gated start-up, named volumes, loopback-only ports, no secret
written in the file, .env.example in step with compose.yaml, and a non-root image that
installs the project with CPU torch. When the `docker compose` plugin is present, the file
is also validated by Compose itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "compose.yaml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

SERVICES = ("neo4j", "postgres", "api", "dashboards")
VOLUMES = ("neo4j-data", "neo4j-logs", "pg-data")
# The fixed top-level layout (DESIGN.md): what the image may be built from.
LAYOUT_FILES = {"pyproject.toml", "README.md"}
LAYOUT_DIRS = {"graph", "cypher", "embeddings", "intel", "api", "dashboards"}
REQUIRED_SECRETS = ("NEO4J_PASSWORD", "POSTGRES_PASSWORD")

SENSITIVE_NAME = re.compile(r"PASSWORD|SECRET|KEY|DSN|AUTH|TOKEN", re.IGNORECASE)
SECRET_VAR = re.compile(r"PASSWORD|SECRET|KEY|TOKEN", re.IGNORECASE)

# Compose interpolation: `$$` is an escaped `$`; `${NAME}`, `${NAME:-default}`,
# `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`; bare `$NAME`.
TOKEN = re.compile(
    r"\$\$"
    r"|\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)
SENTINEL = "\x00VAR\x00"


# ---------------------------------------------------------------- helpers


def _strings(node: Any) -> list[str]:
    """Every string (keys and values) in a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def _leaves(node: Any) -> list[str]:
    """Every string value (mapping keys excluded) in a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _leaves(v)]
    if isinstance(node, list):
        return [s for item in node for s in _leaves(item)]
    return []


def _refs(text: str) -> list[tuple[str, str | None, str | None]]:
    """(name, operator, argument) of each interpolation in text, escapes skipped."""
    out = []
    for m in TOKEN.finditer(text):
        if m.group(0) == "$$":
            continue
        if m.group("bare"):
            out.append((m.group("bare"), None, None))
        else:
            out.append((m.group("braced"), m.group("op"), m.group("arg")))
    return out


def _mask(text: str) -> str:
    """text with each interpolation replaced by SENTINEL and `$$` by `$` (what a shell sees)."""
    return TOKEN.sub(lambda m: "$" if m.group(0) == "$$" else SENTINEL, text)


def _interpolate(text: str, env: dict[str, str]) -> str:
    """Resolve interpolations the way Compose does (enough for the forms used here)."""

    def one(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        name = m.group("bare") or m.group("braced")
        op, arg = m.group("op"), m.group("arg") or ""
        value = env.get(name)
        unset_or_empty = value is None or (value == "" and op is not None and op.startswith(":"))
        if op in (":-", "-") and (unset_or_empty if op == ":-" else value is None):
            return arg
        if op in (":?", "?") and (unset_or_empty if op == ":?" else value is None):
            raise ValueError(f"required variable {name} is missing a value: {arg}")
        return value or ""

    return TOKEN.sub(one, text)


def _resolve(node: Any, env: dict[str, str]) -> Any:
    if isinstance(node, str):
        return _interpolate(node, env)
    if isinstance(node, dict):
        return {k: _resolve(v, env) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, env) for v in node]
    return node


def _environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as a dict, from either the map or the list form."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, "") for item in env)
        return dict(pairs)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def _parse_env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        assert "=" in stripped, f".env.example: not NAME=value: {line!r}"
        name, value = stripped.split("=", 1)
        assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", name), f".env.example: bad name {name!r}"
        assert name not in values, f".env.example: {name} listed twice"
        values[name] = value
    return values


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = DOCKERFILE.read_text()
    logical: list[str] = []
    buf = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        logical.append(buf + line)
        buf = ""
    if buf:
        logical.append(buf)
    out = []
    for line in logical:
        instr, _, args = line.partition(" ")
        out.append((instr.upper(), args.strip()))
    return out


def _final_stage() -> list[tuple[str, str]]:
    instrs = _dockerfile_instructions()
    starts = [i for i, (instr, _) in enumerate(instrs) if instr == "FROM"]
    assert starts, "Dockerfile has no FROM"
    return instrs[starts[-1] :]


@pytest.fixture(scope="module")
def raw() -> str:
    return COMPOSE.read_text()


@pytest.fixture(scope="module")
def compose(raw: str) -> dict[str, Any]:
    data = yaml.safe_load(raw)
    assert isinstance(data, dict), "compose.yaml is not a mapping"
    return data


@pytest.fixture(scope="module")
def values(compose: dict[str, Any]) -> str:
    """Every string Compose interpolates (the parsed file: comments excluded)."""
    return "\n".join(_strings(compose))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture(scope="module")
def env_example() -> dict[str, str]:
    return _parse_env_example()


# ---------------------------------------------------------------- compose: structure


def test_compose_spec_without_version_key(compose: dict[str, Any]) -> None:
    assert "version" not in compose, "the Compose spec has no top-level version key"
    assert isinstance(compose.get("services"), dict)


def test_four_services(services: dict[str, Any]) -> None:
    for name in SERVICES:
        assert name in services, f"service {name} missing"
        assert isinstance(services[name], dict)


def test_images_pinned(services: dict[str, Any]) -> None:
    neo4j = services["neo4j"]["image"]
    assert re.fullmatch(r"neo4j:5\.\d+(\.\d+)?-community", neo4j), neo4j
    assert services["postgres"]["image"].startswith("pgvector/pgvector:pg")


def test_every_service_has_healthcheck(services: dict[str, Any]) -> None:
    for name in SERVICES:
        hc = services[name].get("healthcheck")
        assert isinstance(hc, dict), f"{name}: no healthcheck"
        assert not hc.get("disable"), f"{name}: healthcheck disabled"
        test = hc.get("test")
        assert test, f"{name}: healthcheck has no test"
        if isinstance(test, list):
            assert test[0] in ("CMD", "CMD-SHELL"), f"{name}: test must start CMD/CMD-SHELL"
            assert len(test) > 1 and all(test[1:]), f"{name}: empty healthcheck command"


def test_healthchecks_probe_the_right_thing(services: dict[str, Any]) -> None:
    def cmd(name: str) -> str:
        test = services[name]["healthcheck"]["test"]
        return " ".join(test[1:]) if isinstance(test, list) else test

    assert "cypher-shell" in cmd("neo4j") or ":7474" in cmd("neo4j")
    assert "pg_isready" in cmd("postgres")
    assert "http://127.0.0.1:8000/health" in cmd("api")
    assert "http://127.0.0.1:8501/_stcore/health" in cmd("dashboards")
    for name in ("api", "dashboards"):  # the image has no curl/wget
        assert "urllib.request" in cmd(name) and "curl" not in cmd(name)


def test_restart_policy(services: dict[str, Any]) -> None:
    for name in SERVICES:
        assert services[name].get("restart") in ("unless-stopped", "always"), name


def test_neo4j_settings(services: dict[str, Any]) -> None:
    env = _environment(services["neo4j"])
    assert env["NEO4J_AUTH"].startswith("neo4j/")
    assert yaml.safe_load(env["NEO4J_PLUGINS"]) == ["apoc"]
    for key in (
        "NEO4J_server_memory_heap_initial__size",
        "NEO4J_server_memory_heap_max__size",
        "NEO4J_server_memory_pagecache_size",
    ):
        assert _refs(env[key]), f"{key} should come from the environment"


def test_app_services_build_from_the_one_dockerfile(services: dict[str, Any]) -> None:
    for name in ("api", "dashboards"):
        build = services[name].get("build")
        if isinstance(build, dict):
            assert build.get("context") == "."
            assert build.get("dockerfile", "Dockerfile") == "Dockerfile"
        else:
            assert build == ".", f"{name}: build must be '.'"


def test_app_commands(services: dict[str, Any]) -> None:
    def argv(name: str) -> list[str]:
        command = services[name]["command"]
        return command if isinstance(command, list) else command.split()

    assert argv("api") == ["rapport", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert argv("dashboards") == ["rapport", "dashboard", "--host", "0.0.0.0", "--port", "8501"]


def test_depends_on_waits_for_health(services: dict[str, Any]) -> None:
    expected = {"api": {"neo4j", "postgres"}, "dashboards": {"api"}}
    for name, deps in expected.items():
        depends = services[name].get("depends_on")
        assert isinstance(depends, dict), f"{name}: depends_on must be the long form"
        assert set(depends) == deps, f"{name}: depends on {set(depends)}, want {deps}"
        for dep, spec in depends.items():
            assert spec.get("condition") == "service_healthy", f"{name} -> {dep}"
            assert "healthcheck" in services[dep], f"{dep} has no healthcheck to wait on"


def test_named_volumes_declared_and_used(compose: dict[str, Any], services: dict) -> None:
    declared = compose.get("volumes") or {}
    assert set(VOLUMES) <= set(declared), f"declare {VOLUMES}"
    used: set[str] = set()
    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            source = vol.get("source") if isinstance(vol, dict) else vol.split(":", 1)[0]
            assert not source.startswith(("/", ".", "~")), f"{name}: bind mount {vol}"
            assert source in declared, f"{name}: volume {source} not declared"
            used.add(source)
    assert used == set(declared), f"declared but unused: {set(declared) - used}"
    mounts = {
        svc: {v.split(":", 1)[0]: v.split(":", 2)[1] for v in services[svc]["volumes"]}
        for svc in ("neo4j", "postgres")
    }
    assert mounts["neo4j"] == {"neo4j-data": "/data", "neo4j-logs": "/logs"}
    assert mounts["postgres"] == {"pg-data": "/var/lib/postgresql/data"}


def test_ports_bound_to_loopback(services: dict[str, Any]) -> None:
    expected = {"neo4j": {7474, 7687}, "api": {8000}, "dashboards": {8501}}
    for name, svc in services.items():
        published = set()
        for port in svc.get("ports", []):
            if isinstance(port, dict):
                assert port.get("host_ip") == "127.0.0.1", f"{name}: {port}"
                published.add(int(port["target"]))
            else:
                parts = str(port).split(":")
                assert len(parts) == 3 and parts[0] == "127.0.0.1", f"{name}: {port}"
                published.add(int(parts[2].split("/")[0]))
        assert published == expected.get(name, set()), f"{name} publishes {published}"


def test_api_environment(services: dict[str, Any], env_example: dict[str, str]) -> None:
    env = _environment(_resolve(services["api"], env_example))
    assert env["RAPPORT_GRAPH_URI"] == "neo4j://neo4j:7687"
    assert env["RAPPORT_GRAPH_USER"] == "neo4j"
    assert env["RAPPORT_GRAPH_DATABASE"] == "neo4j"
    assert env["RAPPORT_GRAPH_PASSWORD"] == env_example["NEO4J_PASSWORD"]
    assert "RAPPORT_LLM_CONFIG" in env
    dsn = urlsplit(env["RAPPORT_PG_DSN"])
    assert dsn.scheme == "postgresql"
    assert (dsn.hostname, dsn.port) == ("postgres", 5432)
    assert dsn.username == env_example["POSTGRES_USER"]
    assert dsn.password == env_example["POSTGRES_PASSWORD"]
    assert dsn.path == "/" + env_example["POSTGRES_DB"]


def test_dashboards_environment(services: dict[str, Any]) -> None:
    env = _environment(services["dashboards"])
    assert env["RAPPORT_DASHBOARD_API_URL"] == "http://api:8000"
    assert [name for name, _, _ in _refs(env["RAPPORT_DASHBOARD_API_KEY"])] == [
        "RAPPORT_DASHBOARD_API_KEY"]


# ---------------------------------------------------------------- compose: secrets


def test_sensitive_env_values_are_interpolated(services: dict[str, Any]) -> None:
    checked = 0
    for name, svc in services.items():
        for key, value in _environment(svc).items():
            if not SENSITIVE_NAME.search(key):
                continue
            checked += 1
            refs = _refs(value)
            assert any(SECRET_VAR.search(ref) for ref, _, _ in refs), (
                f"{name}.{key} must take its secret from a variable, got {value!r}"
            )
    assert checked >= 5  # NEO4J_AUTH, POSTGRES_PASSWORD, graph password, DSN, api key ...


def test_secret_variables_have_no_literal_default(values: str) -> None:
    for name, op, arg in _refs(values):
        if SECRET_VAR.search(name) and op in (":-", "-", ":+", "+"):
            assert arg == "", f"${{{name}{op}{arg}}}: a secret must not have a default value"


def test_required_secrets_fail_loudly(values: str) -> None:
    for secret in REQUIRED_SECRETS:
        uses = [(op, arg) for name, op, arg in _refs(values) if name == secret]
        assert uses, f"{secret} not used"
        for op, arg in uses:
            assert op == ":?" and arg, f"{secret} must be ${{{secret}:?message}} everywhere"


def test_no_password_literals(compose: dict[str, Any], env_example: dict[str, str]) -> None:
    strings = [_mask(s) for s in _strings(compose)]
    for s in strings:
        # credentials inside a URL: scheme://user:password@host
        for m in re.finditer(r"://[^/\s:@]*:([^@\s/]*)@", s):
            assert m.group(1) == SENTINEL, f"literal password in URL: {s!r}"
        # name=value / name: value pairs for secret-looking names
        for m in re.finditer(r"(?i)(?:password|passwd|secret|token|api[_-]?key)\s*[=:]\s*(\S+)", s):
            assert m.group(1).strip("'\"").startswith((SENTINEL, "$")), f"literal secret: {s!r}"
        # command-line password flags (a $shell variable is fine)
        for m in re.finditer(r"(?:^|\s)(?:-p|--password|-W)\s+(\S+)", s):
            assert m.group(1).strip("'\"").startswith((SENTINEL, "$")), f"literal -p: {s!r}"
    for s in (_mask(v) for v in _leaves(compose)):
        # long mixed-case + digit tokens in values look like generated keys
        for m in re.finditer(r"[A-Za-z0-9+/=_\-]{20,}", s):
            tok = m.group(0)
            mixed = re.search(r"[a-z]", tok) and re.search(r"[A-Z]", tok)
            assert not (mixed and re.search(r"\d", tok)), f"key-like literal {tok!r}"
    auth = _mask(_environment(compose["services"]["neo4j"])["NEO4J_AUTH"])
    assert auth == "neo4j/" + SENTINEL, f"NEO4J_AUTH password must be a variable: {auth!r}"
    text = "\n".join(strings)
    for name, value in env_example.items():
        if SECRET_VAR.search(name) and value:
            assert value not in text, f"the .env.example value of {name} is written in compose"


# ---------------------------------------------------------------- .env.example


def test_env_example_matches_compose(values: str, env_example: dict[str, str]) -> None:
    referenced = {name for name, _, _ in _refs(values)}
    assert referenced, "compose.yaml references no variables"
    missing = referenced - set(env_example)
    unused = set(env_example) - referenced
    assert not missing, f"referenced in compose.yaml, not in .env.example: {sorted(missing)}"
    assert not unused, f"in .env.example, not used by compose.yaml: {sorted(unused)}"


def test_env_example_entries_are_documented() -> None:
    lines = ENV_EXAMPLE.read_text().splitlines()
    for i, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            assert i > 0 and lines[i - 1].lstrip().startswith("#"), (
                f".env.example: {line.split('=')[0]} needs a comment line above it"
            )


def test_env_example_secrets_are_placeholders(env_example: dict[str, str]) -> None:
    for secret in REQUIRED_SECRETS:
        value = env_example[secret]
        assert "change-me" in value, f"{secret} should be an obvious placeholder"
        assert len(value) >= 8, f"{secret}: Neo4j needs at least 8 characters"
        assert re.fullmatch(r"[A-Za-z0-9._~-]+", value), f"{secret} must be URL-safe"


def test_compose_resolves_with_env_example_and_fails_without_secrets(
    compose: dict[str, Any], env_example: dict[str, str]
) -> None:
    originals = _strings(compose)
    for original in originals:
        # After interpolation only the $$-escaped references may remain (for the container).
        escaped = re.findall(r"\$\$\{?([A-Za-z_][A-Za-z0-9_]*)", original)
        left = [name for name, _, _ in _refs(_interpolate(original, env_example))]
        assert set(left) <= set(escaped), f"unresolved {left} in {original!r}"
    resolved = _resolve(compose, env_example)
    hc = resolved["services"]["neo4j"]["healthcheck"]["test"]
    assert "${NEO4J_AUTH#neo4j/}" in " ".join(hc)  # the $$ escape reaches the container shell
    for secret in REQUIRED_SECRETS:
        env = {k: v for k, v in env_example.items() if k != secret}
        with pytest.raises(ValueError, match=secret):
            _resolve(compose, env)
        with pytest.raises(ValueError, match=secret):
            _resolve(compose, {**env, secret: ""})


def test_env_files_stay_out_of_git_and_image() -> None:
    gitignore = (ROOT / ".gitignore").read_text().split()
    assert ".env" in gitignore
    ignored = DOCKERIGNORE.read_text().split()
    for entry in (".env", ".venv", ".rapport", ".git", "tests"):
        assert entry in ignored, f".dockerignore should list {entry}"
    assert any("__pycache__" in e for e in ignored)


# ---------------------------------------------------------------- Dockerfile


def test_dockerfile_base_and_user() -> None:
    instrs = _dockerfile_instructions()
    froms = [args.split()[0] for instr, args in instrs if instr == "FROM"]
    assert froms and all(f == "python:3.11-slim" for f in froms), froms
    final = _final_stage()
    users = [args for instr, args in final if instr == "USER"]
    assert users, "final stage has no USER: the image would run as root"
    assert users[-1].split(":")[0] not in ("root", "0"), users[-1]
    user_at = max(i for i, (instr, _) in enumerate(final) if instr == "USER")
    assert final[-1][0] == "CMD" and user_at < len(final) - 1


def test_dockerfile_installs_cpu_torch_then_project() -> None:
    runs = [args for instr, args in _dockerfile_instructions() if instr == "RUN"]
    torch_at = [i for i, r in enumerate(runs) if "torch==2.13.0" in r]
    project_at = [i for i, r in enumerate(runs) if '".[embeddings,dashboards,llm]"' in r]
    assert torch_at, "torch==2.13.0 not pinned"
    assert "--index-url https://download.pytorch.org/whl/cpu" in runs[torch_at[0]]
    assert project_at, 'project not installed with ".[embeddings,dashboards,llm]"'
    assert torch_at[0] < project_at[0], "install CPU torch before the project"
    assert all("--no-cache-dir" in runs[i] for i in torch_at + project_at)
    unpinned = [r for r in runs if re.search(r"\btorch(?!==2\.13\.0)\b", r)]
    assert not unpinned, f"unpinned torch install: {unpinned}"


def test_dockerfile_copies_only_the_layout() -> None:
    sources: set[str] = set()
    for instr, args in _dockerfile_instructions():
        if instr in ("COPY", "ADD"):
            if any(p.startswith("--from") for p in args.split()):
                continue  # from another stage, not the build context
            parts = [p for p in args.split() if not p.startswith("--")]
            assert instr == "COPY", "use COPY, not ADD"
            assert len(parts) >= 2, args
            sources.update(p.rstrip("/") for p in parts[:-1])
    assert sources, "nothing copied from the build context"
    assert sources >= LAYOUT_FILES, f"pyproject.toml and README.md must be copied: {sources}"
    unexpected = sources - LAYOUT_FILES - LAYOUT_DIRS
    assert not unexpected, f"COPY outside the fixed layout: {unexpected}"
    assert sources >= LAYOUT_DIRS, f"packages not copied: {LAYOUT_DIRS - sources}"
    # Of the layout, whatever exists already must be a directory (not a stray file).
    for name in LAYOUT_DIRS:
        path = ROOT / name
        assert not path.exists() or path.is_dir(), f"{name} should be a package directory"


def test_dockerfile_runtime_environment_and_ports() -> None:
    final = _final_stage()
    env_text = " ".join(args for instr, args in final if instr == "ENV")
    for setting in ("HF_HUB_OFFLINE=1", "LITELLM_LOCAL_MODEL_COST_MAP=True", "PYTHONUNBUFFERED=1"):
        assert setting in env_text.split(), f"final stage lacks ENV {setting}"
    exposed = {p for instr, args in final if instr == "EXPOSE" for p in args.split()}
    assert {"8000", "8501"} <= exposed
    cmd = [args for instr, args in final if instr == "CMD"][-1]
    assert yaml.safe_load(cmd) == ["rapport", "serve", "--host", "0.0.0.0"]


def test_dockerfile_has_no_secrets() -> None:
    for instr, args in _dockerfile_instructions():
        if instr in ("ENV", "ARG"):
            names = re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", args) or args.split()[:1]
            for name in names:
                assert not SECRET_VAR.search(name), f"{instr} {name}: secrets belong in runtime env"


# ---------------------------------------------------------------- docker compose itself


def _compose_plugin() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, text=True, timeout=30
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _compose_plugin(), reason="`docker compose` plugin not installed (docker CLI only)"
)
def test_docker_compose_config(tmp_path: Path, env_example: dict[str, str]) -> None:
    env_file = tmp_path / "env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in env_example.items()))
    base = ["docker", "compose", "--env-file", str(env_file), "-f", str(COMPOSE)]
    # Only the temporary env file may supply values, not this shell's environment.
    clean = {k: v for k, v in os.environ.items() if k not in env_example}

    def config() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*base, "config", "--quiet"], capture_output=True, text=True, timeout=60, env=clean
        )

    ok = config()
    assert ok.returncode == 0, ok.stderr
    env_file.write_text(
        "".join(f"{k}={v}\n" for k, v in env_example.items() if k != "NEO4J_PASSWORD")
    )
    bad = config()
    assert bad.returncode != 0 and "NEO4J_PASSWORD" in bad.stderr
