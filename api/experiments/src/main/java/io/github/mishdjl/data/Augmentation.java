package io.github.mishdjl.data;

import org.jspecify.annotations.NullMarked;

/**
 * The protocols' augmentations: random crop after zero padding, horizontal flip, rotation. Immutable.
 *
 * @param cropPadding pixels of zero padding before a random crop back to size (0: none; the ResNet protocol: 4)
 * @param flipProbability chance of a horizontal flip (the PyTorch notebooks: 0.4; ResNet protocol: 0.5)
 * @param rotationDegrees maximum absolute rotation, uniform (the PyTorch notebooks: 30)
 */
@NullMarked
public record Augmentation(int cropPadding, double flipProbability, double rotationDegrees) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0);
    /** Random crop with padding 4 and flip with probability 0.5 (He et al.'s CIFAR protocol). */
    public static final Augmentation CROP_FLIP = new Augmentation(4, 0.5, 0);
    /** Flip with probability 0.4 and rotation up to 30 degrees (the paper's PyTorch notebooks). */
    public static final Augmentation FLIP_ROTATE = new Augmentation(0, 0.4, 30);

    public Augmentation {
        if (cropPadding < 0 || !(flipProbability >= 0 && flipProbability <= 1) || !(rotationDegrees >= 0)) {
            throw new IllegalArgumentException("bad augmentation: padding " + cropPadding + ", flip "
                    + flipProbability + ", rotation " + rotationDegrees);
        }
    }

    /** Human-readable, e.g. "crop (pad 4) + flip 0.5" or "none". */
    public String describe() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (cropPadding > 0) {
            parts.add("random crop (pad " + cropPadding + ")");
        }
        if (flipProbability > 0) {
            parts.add("flip " + flipProbability);
        }
        if (rotationDegrees > 0) {
            parts.add("rotation ±" + rotationDegrees + "°");
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    /** Whether anything is applied. */
    public boolean any() {
        return cropPadding > 0 || flipProbability > 0 || rotationDegrees > 0;
    }
}
