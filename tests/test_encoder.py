"""The offline encoder: loads with no network, unit vectors, stable, one model per process."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import (
    OFFLINE_MODEL_NAME,
    Encoder,
    EncoderError,
    SentenceTransformerEncoder,
    get_encoder,
    make_encoder,
)
from embeddings.settings import load_embedding_settings
from graph.errors import ConfigError


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a non-loopback connection fails the test."""
    real_connect = socket.socket.connect

    def guarded(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"} \
                and sock.family != socket.AF_UNIX:
            raise AssertionError(f"network access to {address!r} during encoding")
        return real_connect(sock, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


def test_offline_model_loads_without_network(no_network: None) -> None:
    encoder = make_encoder(load_embedding_settings())
    vectors = encoder.encode(["Chief Financial Officer at a Lisbon fintech", "warehouse in Porto"])
    assert encoder.model_name == OFFLINE_MODEL_NAME
    assert vectors.shape == (2, encoder.dimension) == (2, 384)
    assert vectors.dtype == np.float32


def test_vectors_are_normalised_and_stable() -> None:
    encoder = get_encoder()
    texts = ["Maya Rossi, CFO, Globex", "Maya Rossi, CFO, Globex", "a two-bedroom flat"]
    first = encoder.encode(texts, batch_size=2)
    again = encoder.encode(texts[::-1])[::-1]
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(first, again, atol=1e-5)
    assert float(first[0] @ first[1]) > 0.999
    assert float(first[0] @ first[2]) < 0.5


def test_similar_texts_are_closer_than_unrelated_ones() -> None:
    encoder = get_encoder()
    cfo, finance_chief, flat = encoder.encode(
        ["Chief Financial Officer", "head of finance", "apartment with a sea view"])
    assert float(cfo @ finance_chief) > float(cfo @ flat)


def test_encoder_is_loaded_once_per_process() -> None:
    assert get_encoder() is get_encoder()


def test_empty_input_and_a_bare_string() -> None:
    encoder = get_encoder()
    assert encoder.encode([]).shape == (0, encoder.dimension)
    with pytest.raises(TypeError, match="sequence of texts"):
        encoder.encode("one string")


def test_missing_model_folder_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RAPPORT_EMBEDDING_MODEL_PATH"):
        make_encoder(load_embedding_settings(model_path=tmp_path / "nope"))


def test_a_folder_that_is_not_a_model_is_an_encoder_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"hidden_size": 8}', encoding="utf-8")
    encoder = SentenceTransformerEncoder(tmp_path, model_name="broken")
    assert encoder.dimension == 8
    with pytest.raises(EncoderError, match="cannot load"):
        encoder.encode(["x"])


def test_encoder_is_an_encoder() -> None:
    assert isinstance(get_encoder(), Encoder)
