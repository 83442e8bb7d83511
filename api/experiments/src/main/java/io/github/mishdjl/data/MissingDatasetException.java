package io.github.mishdjl.data;

import org.jspecify.annotations.NullMarked;

/** A dataset that is neither on disk nor fetchable: the message says where to put it. */
@NullMarked
public final class MissingDatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingDatasetException(String message) {
        super(message);
    }
}
