package io.github.mishdjl.zoo;

import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/** Where a zoo architecture's layer layout comes from, so that a result can say what network it was. */
@NullMarked
public enum Source {

    /** The official repository's code (digantamisra98/Mish), layer for layer, as the paper meant it to run. */
    OFFICIAL("the official repository's code, layer for layer"),

    /** The official notebook's exact form as it was run, where that deviates from the paper's description. */
    OFFICIAL_AS_RUN("the official notebook's exact form as run, deviating from the paper"),

    /** A library's layout (torchvision, Keras applications or examples, kuangliu/pytorch-cifar), not the paper's. */
    LIBRARY("a library's layout (torchvision, Keras, kuangliu/pytorch-cifar), not the paper's"),

    /** No official code exists: the design is reconstructed from the cited paper; the protocol was not recorded. */
    RECONSTRUCTED("no official code: design reconstructed from the cited paper, protocol not recorded"),

    /** A network a user of the library registered ({@link Zoo#register(Architecture)}); not one of the paper's. */
    USER("a network registered by the library's user, not one of the paper's");

    private final String description;

    Source(String description) {
        this.description = description;
    }

    /** A short human description, e.g. for listings (Kotlin: {@code source.description}). */
    public String getDescription() {
        return description;
    }

    /** The lower-case label used in listings and CSV, e.g. {@code official-as-run} (Kotlin: {@code source.label}). */
    public String getLabel() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether no official code exists for it. */
    public boolean isReconstructed() {
        return this == RECONSTRUCTED;
    }

    /** Whether it follows an official file of the repository (as the paper meant it, or as the notebook ran). */
    public boolean isOfficial() {
        return this == OFFICIAL || this == OFFICIAL_AS_RUN;
    }
}
