"""What the ONNX query encoder can run, where its export lives, and the export itself.

The pipeline reproduces sentence-transformers exactly only for what it knows: a BERT
Transformer, mean pooling, optional Normalize, no default prompt. Any other folder raises
`OnnxUnsupportedError` and the caller keeps torch. The graph is exported once from the local
model folder with `torch.onnx.export` and kept in the user's cache folder (`model_cache_dir`),
named by a fingerprint of the model's config and weights, so a changed model gets a new one.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import warnings
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embeddings.encoder import EncoderError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

# Part of the cache key: bump it when the exported graph changes shape or meaning.
EXPORT_FORMAT = "bert-last-hidden-state/opset17/v1"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_MAX_WEIGHTS = 1_500_000_000  # one .onnx file holds at most 2 GB (protobuf)

class OnnxUnsupportedError(EncoderError):
    """The model folder is not one the ONNX pipeline reproduces exactly: use torch."""


def onnx_available() -> bool:
    """onnxruntime, onnx and tokenizers are installed (found, not imported: that is slow)."""
    return all(find_spec(name) is not None for name in ("onnxruntime", "onnx", "tokenizers"))


def model_cache_dir() -> Path:
    """Where exports are kept: RAPPORT_EMBEDDING_ONNX_CACHE, else the user's cache folder.
    An export derives from an installed model, not from data: every data folder, worker and
    test run shares it."""
    from embeddings.settings import get_embedding_settings

    configured = get_embedding_settings().onnx_cache
    if configured is not None:
        return configured.expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "rapport" / "models"


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise OnnxUnsupportedError(f"cannot read {path.name}: {e}") from e


def _check_modules(folder: Path) -> None:
    modules = _json(folder / "modules.json")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxUnsupportedError(f"modules {kinds} are not Transformer + Pooling")
    if modules[0].get("path", "") != "":
        raise OnnxUnsupportedError("the Transformer module is not at the folder root")
    pooling = _json(folder / modules[1]["path"] / "config.json")
    mode = pooling.get("pooling_mode")
    legacy = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True)
    if mode not in ("mean", ["mean"]) and (mode is not None
                                          or legacy != ["pooling_mode_mean_tokens"]):
        raise OnnxUnsupportedError("pooling is not mean pooling")


def supported_max_length(folder: Path) -> int:
    """The token limit sentence-transformers applies to this folder; raises
    `OnnxUnsupportedError` unless the whole pipeline is one this module reproduces."""
    try:
        return _max_length(folder)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError) as e:
        raise OnnxUnsupportedError(f"unexpected model configuration: {e!r}") from e


def _max_length(folder: Path) -> int:
    _check_modules(folder)
    config = _json(folder / "config.json")
    if config.get("model_type") != "bert":  # BERT takes token_type_ids as the export expects
        raise OnnxUnsupportedError(f"model type {config.get('model_type')!r} is not bert")
    if not (folder / "tokenizer.json").is_file():
        raise OnnxUnsupportedError("no tokenizer.json")
    st_config = folder / "config_sentence_transformers.json"
    if st_config.is_file() and _json(st_config).get("default_prompt_name"):
        raise OnnxUnsupportedError("the model prepends a default prompt")
    bert = _json(folder / "sentence_bert_config.json")
    if bert.get("do_lower_case"):
        raise OnnxUnsupportedError("sentence-transformers lowercases for this model")
    if sum(p.stat().st_size for p in _weights(folder)) > _MAX_WEIGHTS:
        raise OnnxUnsupportedError("the weights are too large for one .onnx file")
    limit = bert.get("max_seq_length")
    if limit is None:
        tokenizer_config = folder / "tokenizer_config.json"
        limit = _json(tokenizer_config).get("model_max_length") if tokenizer_config.is_file() \
            else None
    positions = int(config.get("max_position_embeddings", 512))
    return min(int(limit), positions) if limit else positions


def _weights(folder: Path) -> list[Path]:
    found = sorted([*folder.glob("*.safetensors"), *folder.glob("pytorch_model*.bin")])
    if not found:
        raise OnnxUnsupportedError("no model weights in the folder")
    return found


def fingerprint(folder: Path) -> str:
    """Names the export: config bytes plus each weights file's name, size and mtime (hashing
    90 MB on every start would cost more than the encodes it saves)."""
    digest = hashlib.sha256(EXPORT_FORMAT.encode())
    digest.update((folder / "config.json").read_bytes())
    for path in _weights(folder):
        stat = path.stat()
        digest.update(f"\0{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def tokenizer(folder: Path, max_length: int, *, pad: bool) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_length)
    padding = tokenizer.padding or {}
    tokenizer.no_padding()
    if pad:  # to the longest text of the batch; the mask keeps padding out of the mean
        tokenizer.enable_padding(pad_id=padding.get("pad_id", 0),
                                 pad_type_id=padding.get("pad_type_id", 0),
                                 pad_token=padding.get("pad_token", "[PAD]"))
    return tokenizer


def export_graph(folder: Path, target: Path, max_length: int) -> None:
    """Trace the folder's BERT to `target`: inputs (input_ids, attention_mask,
    token_type_ids), output last_hidden_state, batch and sequence dynamic."""
    # Read at import time; local_files_only below is the second guard against a hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel

    # torch is untyped to mypy here (follow_imports = skip): say so once, not per use.
    torch: Any = importlib.import_module("torch")
    model = AutoModel.from_pretrained(str(folder), local_files_only=True,
                                      attn_implementation="eager").eval()

    class LastHidden(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(folder, max_length, pad=True).encode_batch(["a query", "a longer text"])
    args = tuple(torch.tensor([getattr(e, a) for e in sample], dtype=torch.int64)
                 for a in ("ids", "attention_mask", "type_ids"))
    axes = {name: {0: "batch", 1: "sequence"} for name in (*_INPUTS, "last_hidden_state")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about Python control flow
        torch.onnx.export(LastHidden(), args, str(target), input_names=list(_INPUTS),
                          output_names=["last_hidden_state"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
