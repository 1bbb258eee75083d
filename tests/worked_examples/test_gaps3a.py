"""Recompute every number stated in the gaps3a batch (sequence models, vision transformers,
object detection and CTC)."""

from __future__ import annotations

import itertools
import math

import numpy as np

from tests.helpers import assert_states, run_python_block

VIT = "vision-transformer-vs-cnn-inductive-bias"


def test_vit_patch_embedding_numbers():
    image, patch, channels, width = 224, 16, 3, 768
    n_patches = (image // patch) ** 2
    patch_dim = patch * patch * channels
    params = patch_dim * width + width
    assert (n_patches, patch_dim, params) == (196, 768, 590_592)
    assert_states(
        VIT,
        f"$(224/16)^2 = {n_patches}$",
        f"$16\\cdot16\\cdot3 = {patch_dim}$",
        f"$768\\cdot768 + 768 = {params:,}$".replace(",", "{,}"),
        f"processes the {n_patches + 1} tokens",
    )


def test_vit_halving_patch_size_cost():
    tokens_16 = (224 // 16) ** 2
    tokens_8 = (224 // 8) ** 2
    ratio = (tokens_8 / tokens_16) ** 2  # attention scores are quadratic in the token count
    assert tokens_8 == 784 and ratio == 16
    assert_states(VIT, f"gives {tokens_8} tokens and {ratio:.0f}× the attention-score FLOPs")
