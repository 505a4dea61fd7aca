"""A scripted OpenAI-compatible chat server on 127.0.0.1 for the real litellm path.

Each POST to /v1/chat/completions takes the next scripted reply (text, delay); every
request body is kept so tests can read what the gateway sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Script:
    replies: list[tuple[str, float]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self) -> tuple[str, float]:
        with self.lock:
            return self.replies.pop(0) if self.replies else ("```cypher\nRETURN 1 AS one\n```", 0)


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with script.lock:
                script.requests.append(body)
            text, delay = script.next()
            time.sleep(delay)
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if text.startswith("TOOL "):  # "TOOL name {json args}": a tool call
                _, name, arguments = text.split(" ", 2)
                message = {"role": "assistant", "content": None, "tool_calls": [{
                    "id": "call-1", "type": "function",
                    "function": {"name": name, "arguments": arguments}}]}
            reply = {"id": f"cmpl-{len(script.requests)}", "object": "chat.completion",
                     "created": 0, "model": "scripted",
                     "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
                     "usage": {"prompt_tokens": 100, "completion_tokens": 20,
                               "total_tokens": 120}}
            data = json.dumps(reply).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out first
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def scripted_server() -> Iterator[tuple[str, Script]]:
    """(api_base, script); the server stops when the block ends."""
    script = Script()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", script
    finally:
        server.shutdown()
        server.server_close()


def write_config(path: Path, api_base: str, *, timeout: float = 5.0,
                 retries: int = 0) -> Path:
    """A gateway YAML whose four aliases all point at the scripted server."""
    deployment = {"model": "openai/scripted", "api_base": api_base, "api_key": "test-key"}
    config = {
        "model_list": [{"model_name": alias, "litellm_params": dict(deployment)}
                       for alias in ("cypher", "answer", "draft", "fast")],
        "router_settings": {"num_retries": retries},
        "aliases": {"cypher": {"timeout": timeout, "max_tokens": 300}},
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path
