package io.github.mishdjl.data;

import java.nio.file.Path;
import org.jspecify.annotations.NullMarked;

/** A dataset file that is not what it should be: names the file, the byte offset and the problem. */
@NullMarked
public final class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataFormatException(Path file, long offset, String problem) {
        super(file + " at byte " + offset + ": " + problem);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
