"""The ONNX query encoder: the torch encoder's vectors, an export made once and shared,
torch kept for models it cannot reproduce. The real export runs once for the module."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path

import numpy as np
import pytest

from embeddings import onnx_encoder, onnx_model, quick_encoder
from embeddings.encoder import Encoder, SentenceTransformerEncoder, get_encoder
from embeddings.onnx_encoder import OnnxEncoder, make_onnx_encoder
from embeddings.quick_encoder import QuickEncoder, get_query_encoder

LONG = " ".join(f"Contact {i} met the CFO of Globex in Lisbon about a warehouse."
               for i in range(40))
TEXTS = ["cfo lisbon", "", "   ", "Ünïcödé café 東京 🚀 naïve résumé — «quotes»",
         "head of procurement, fintech, Porto", LONG, "a\tb\nc", "Maya Rossi, CFO, Globex",
         LONG[:700], "x"]


def _torch() -> SentenceTransformerEncoder:
    encoder = get_encoder()
    assert isinstance(encoder, SentenceTransformerEncoder)
    return encoder


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx(models: Path) -> OnnxEncoder:
    encoder = make_onnx_encoder(_torch(), models)
    assert encoder is not None and encoder.uses_onnx
    return encoder


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch, onnx: OnnxEncoder) -> list[Path]:
    """Counts exports; each one copies the module's real export instead of tracing again."""
    made: list[Path] = []

    def copy(folder: Path, target: Path, max_length: int) -> None:
        made.append(target)
        shutil.copyfile(onnx.path, target)

    monkeypatch.setattr(onnx_encoder, "export_graph", copy)
    return made


@pytest.fixture
def fresh_query_encoder() -> Iterator[Callable[[], Encoder]]:
    get_query_encoder.cache_clear()
    yield get_query_encoder
    get_query_encoder.cache_clear()


def _cosines(a: np.ndarray, b: np.ndarray) -> list[float]:
    return [float(x) for x in np.sum(a * b, axis=1)]


def test_vectors_equal_the_torch_encoders(onnx: OnnxEncoder) -> None:
    from tokenizers import Tokenizer

    tokens = Tokenizer.from_file(str(onnx.folder / "tokenizer.json"))
    tokens.no_truncation()
    assert len(tokens.encode(LONG).ids) > 256  # truncated by both
    expected = _torch().encode(TEXTS)
    singles = np.vstack([onnx.encode_one(t) for t in TEXTS])
    assert min(_cosines(expected, singles)) >= 0.9999
    batched = onnx.encode(TEXTS, batch_size=3)  # mixed lengths, padded, several batches
    assert batched.shape == (len(TEXTS), 384) and batched.dtype == np.float32
    assert min(_cosines(expected, batched)) >= 0.9999
    assert (onnx.model_name, onnx.dimension) == (_torch().model_name, _torch().dimension)
    assert onnx.encode([]).shape == (0, 384)


def test_the_export_is_reused(onnx: OnnxEncoder, models: Path, exports: list[Path]) -> None:
    before = onnx.path.stat().st_mtime_ns
    again = OnnxEncoder(_torch(), models)
    assert again.path == onnx.path and again.uses_onnx
    assert exports == [] and onnx.path.stat().st_mtime_ns == before
    assert [p.name for p in models.iterdir()] == [onnx.path.name]


def test_threads_starting_together_export_once(tmp_path: Path, exports: list[Path]) -> None:
    encoders = _race(lambda: OnnxEncoder(_torch(), tmp_path))
    assert len(exports) == 1
    _check_one_valid_file(tmp_path, encoders)


def test_workers_exporting_at_once_leave_one_whole_file(
        tmp_path: Path, onnx: OnnxEncoder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes share no lock: both export, each to its own temp file, and each
    renames it over the other; a reader sees one file or the other, never half of one.
    (Threads stand in for the processes, so the export is a copy: torch.onnx.export itself
    is not thread-safe, and two processes never share it.)"""
    monkeypatch.setattr(onnx_encoder, "_export_lock", nullcontext())
    both_writing = threading.Barrier(2, timeout=60)
    exports: list[Path] = []

    def overlapping(folder: Path, target: Path, max_length: int) -> None:
        exports.append(target)
        shutil.copyfile(onnx.path, target)
        both_writing.wait()

    monkeypatch.setattr(onnx_encoder, "export_graph", overlapping)
    encoders = _race(lambda: OnnxEncoder(_torch(), tmp_path))
    assert len(exports) == 2 and exports[0] != exports[1]
    _check_one_valid_file(tmp_path, encoders)


def _race(build: Callable[[], OnnxEncoder]) -> list[OnnxEncoder]:
    start = threading.Barrier(2, timeout=60)
    built: list[OnnxEncoder] = []

    def run() -> None:
        start.wait()
        encoder = build()
        encoder.encode_one("warm-up")
        built.append(encoder)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 2
    return built


def _check_one_valid_file(folder: Path, encoders: list[OnnxEncoder]) -> None:
    assert [p.name for p in folder.iterdir()] == [encoders[0].path.name]  # no temp files
    assert all(e.uses_onnx for e in encoders)
    short = [t for t in TEXTS if len(t) < 100]
    reader = OnnxEncoder(_torch(), folder)
    assert min(_cosines(_torch().encode(short), reader.encode(short))) >= 0.9999


def test_a_failed_export_answers_through_torch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(folder: Path, target: Path, max_length: int) -> None:
        raise RuntimeError("torch.onnx cannot trace this")

    monkeypatch.setattr(onnx_encoder, "export_graph", broken)
    encoder = OnnxEncoder(_torch(), tmp_path)
    with caplog.at_level(logging.WARNING, logger="embeddings.onnx_encoder"):
        vectors = encoder.encode(["cfo lisbon", "warehouse in Porto"])
        encoder.encode_one("again")
    assert not encoder.uses_onnx
    assert min(_cosines(_torch().encode(["cfo lisbon", "warehouse in Porto"]), vectors)) > 0.9999
    warned = [r.getMessage() for r in caplog.records if r.name == "embeddings.onnx_encoder"]
    assert len(warned) == 1 and "torch" in warned[0]
    assert list(tmp_path.iterdir()) == []


def _cls_pooled_copy(folder: Path, into: Path) -> Path:
    """The model folder with CLS pooling: big files linked, the rest copied."""
    copy = into / "cls-model"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    for weights in [*folder.glob("*.safetensors"), *folder.glob("*.bin")]:
        (copy / weights.name).symlink_to(weights)
    pooling = copy / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_cls_token=True, pooling_mode_mean_tokens=False)
    pooling.write_text(json.dumps(config))
    return copy


def test_an_unsupported_model_keeps_torch(
        tmp_path: Path, models: Path, monkeypatch: pytest.MonkeyPatch,
        fresh_query_encoder: Callable[[], Encoder]) -> None:
    cls_model = SentenceTransformerEncoder(_cls_pooled_copy(_torch().model_path, tmp_path))
    assert make_onnx_encoder(cls_model, models) is None
    (cls_model.model_path / "modules.json").write_text('{"not": "a list"}')
    assert make_onnx_encoder(cls_model, models) is None  # malformed: torch decides
    (cls_model.model_path / "modules.json").write_text(
        (_torch().model_path / "modules.json").read_text())
    monkeypatch.setattr(onnx_encoder, "model_cache_dir", lambda: models)
    monkeypatch.setattr(quick_encoder, "get_encoder", lambda: cls_model)
    query = fresh_query_encoder()
    assert isinstance(query, QuickEncoder) and query.inner is cls_model


def test_the_query_encoder_runs_on_onnx(
        onnx: OnnxEncoder, models: Path, monkeypatch: pytest.MonkeyPatch, exports: list[Path],
        fresh_query_encoder: Callable[[], Encoder]) -> None:
    monkeypatch.setattr(onnx_encoder, "model_cache_dir", lambda: models)
    query = fresh_query_encoder()
    assert isinstance(query, QuickEncoder) and isinstance(query.inner, OnnxEncoder)
    vector = query.encode_one("cfo lisbon")
    assert float(vector @ _torch().encode_one("cfo lisbon")) >= 0.9999 and exports == []


def test_without_onnxruntime_the_query_encoder_is_torch(
        models: Path, monkeypatch: pytest.MonkeyPatch,
        fresh_query_encoder: Callable[[], Encoder]) -> None:
    monkeypatch.setattr(onnx_model, "find_spec", lambda name: None)
    monkeypatch.setattr(onnx_encoder, "model_cache_dir", lambda: models)
    query = fresh_query_encoder()
    assert isinstance(query, QuickEncoder) and query.inner is get_encoder()
