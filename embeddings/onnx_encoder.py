"""The query encoder on ONNX Runtime: the same model as the torch encoder, run on one thread.

A single short query costs about 7 ms here against 21 ms in torch on one thread (measured on
the 2-core server; 9 against 27 with other processes busy), and a process that finds the
export cached never imports torch or sentence-transformers (seconds at every CLI start). Which
models qualify, and the export: embeddings/onnx_model.py. A failed export logs one warning
and the encoder answers through torch from then on: a request never fails for want of ONNX.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.encoder import Encoder, SentenceTransformerEncoder
from embeddings.onnx_model import (
    OnnxUnsupportedError,
    export_graph,
    fingerprint,
    model_cache_dir,
    onnx_available,
    supported_max_length,
    tokenizer,
)
from graph.errors import RapportError

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from tokenizers import Encoding

_log = logging.getLogger(__name__)

_MIN_COSINE = 0.9999
# Checked against the torch encoder before an export is kept: short, unicode, empty, long.
_PROBES = ("cfo lisbon", "Ünïcödé café 東京 🚀 naïve résumé", "",
           "head of procurement at a Porto fintech " * 60)
_export_lock = threading.Lock()  # one export at a time per process; os.replace covers others


class _Runtime:
    """A session and two tokenizers: padding is tokenizer state, and one text must not be
    padded (the folder's tokenizer.json pads to 128: 90 ms instead of 7), so each mode has its
    own object and none is mutated after construction, which keeps them safe to share."""

    def __init__(self, session: Any, folder: Path, max_length: int) -> None:
        self.session = session
        self.single = tokenizer(folder, max_length, pad=False)
        self.batch = tokenizer(folder, max_length, pad=True)
        self.inputs = [i.name for i in session.get_inputs()]  # an unused input may be pruned

    def encode(self, texts: list[str], batch_size: int) -> NDArray[np.float32]:
        if len(texts) == 1:
            return self._run([self.single.encode(texts[0])])
        # Longest first, as sentence-transformers batches: less padding per batch.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        rows: list[NDArray[np.float32]] = [np.empty(0, np.float32)] * len(texts)
        for start in range(0, len(texts), batch_size):
            part = order[start:start + batch_size]
            pooled = self._run(self.batch.encode_batch([texts[i] for i in part]))
            for i, row in zip(part, pooled, strict=True):
                rows[i] = row
        return np.stack(rows)

    def _run(self, encodings: list[Encoding]) -> NDArray[np.float32]:
        feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
        hidden = self.session.run(["last_hidden_state"], {n: feed[n] for n in self.inputs})[0]
        mask = feed["attention_mask"][..., np.newaxis].astype(np.float32)
        pooled: NDArray[np.float32] = ((hidden * mask).sum(axis=1)
                                       / np.clip(mask.sum(axis=1), 1e-9, None))
        return pooled.astype(np.float32)


def _session(path: Path) -> Any:
    import onnxruntime as ort  # type: ignore[import-untyped]

    options = ort.SessionOptions()
    # One thread, no spinning: several workers share two cores, and a spinning pool burns
    # the core another request needs.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxEncoder(Encoder):
    """The torch encoder's model on ONNX Runtime; same `model_name` and `dimension`, so its
    vectors stand beside stored ones. Exports on first use when no cached graph exists."""

    def __init__(self, torch_encoder: SentenceTransformerEncoder, cache_dir: Path, *,
                 batch_size: int = 64) -> None:
        self.torch_encoder = torch_encoder
        self.model_name = torch_encoder.model_name
        self.dimension = torch_encoder.dimension
        self.folder = torch_encoder.model_path
        self._max_length = supported_max_length(self.folder)
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", self.model_name)
        self.path = cache_dir / f"{slug}-{fingerprint(self.folder)}.onnx"
        self._batch_size = batch_size
        self._runtime: _Runtime | None = None
        self._failed = False
        self._lock = threading.Lock()

    @property
    def uses_onnx(self) -> bool:
        """Loads the graph (exporting it if needed); False once it has fallen back to torch."""
        return self._loaded() is not None

    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        runtime = self._loaded()
        if runtime is not None:
            try:
                return runtime.encode(texts, batch_size or self._batch_size)
            except Exception as e:  # onnxruntime raises its own types; a request must not fail
                _log.warning("ONNX encode failed, answering through torch: %s", e)
        return self.torch_encoder.encode(texts, batch_size)

    def _loaded(self) -> _Runtime | None:
        with self._lock:
            if self._runtime is None and not self._failed:
                try:
                    self._runtime = self._load()
                except Exception as e:  # torch.onnx and onnxruntime raise many types
                    _log.warning("the ONNX query encoder is unavailable, using torch: %s", e)
                    self._failed = True
            return self._runtime

    def _load(self) -> _Runtime:
        with _export_lock:
            if not self.path.is_file():
                self._export()
        return _Runtime(_session(self.path), self.folder, self._max_length)

    def _export(self) -> None:
        # A temp file in the same folder, then os.replace: a worker exporting at the same
        # time, or a reader, never sees half a file.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _log.info("exporting %s to ONNX (once) at %s", self.model_name, self.path)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        os.close(fd)
        temp = Path(name)
        try:
            export_graph(self.folder, temp, self._max_length)
            self._verify(_Runtime(_session(temp), self.folder, self._max_length))
            temp.chmod(0o644)  # mkstemp makes it private; workers may run as other users
            temp.replace(self.path)  # atomic (os.replace)
        finally:
            temp.unlink(missing_ok=True)

    def _verify(self, runtime: _Runtime) -> None:
        probes = list(_PROBES)
        expected = np.vstack([self.torch_encoder.encode(probes)] * 2)
        got = np.vstack([runtime.encode(probes, self._batch_size),  # padded, and one by one
                         *(runtime.encode([p], 1) for p in probes)])
        got /= np.linalg.norm(got, axis=1, keepdims=True)
        worst = float(np.min(np.sum(expected * got, axis=1)))
        if worst < _MIN_COSINE:
            raise OnnxUnsupportedError(f"the ONNX export differs from torch (cosine {worst:.5f})")


def make_onnx_encoder(encoder: Encoder, cache_dir: Path | None = None) -> OnnxEncoder | None:
    """An `OnnxEncoder` over `encoder` when ONNX Runtime is installed and the model is one it
    reproduces, else None (the caller keeps `encoder`). Nothing heavy happens here."""
    if not isinstance(encoder, SentenceTransformerEncoder) or not onnx_available():
        return None
    try:
        return OnnxEncoder(encoder, cache_dir or model_cache_dir())
    except OnnxUnsupportedError as e:
        _log.info("the query encoder stays on torch: %s", e)
    except (RapportError, OSError) as e:  # e.g. an invalid RAPPORT_EMBEDDING_ONNX_CACHE
        _log.warning("the query encoder stays on torch: %s", e)
    return None
