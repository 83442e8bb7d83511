package io.github.mishdjl.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.jspecify.annotations.NullMarked;

/** Folders as a whole: checkpoints, scratch training, unpacked downloads. */
@NullMarked
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a folder and everything in it, deepest first (nothing if it does not exist).
     *
     * @throws IOException if an entry cannot be deleted (the rest of the tree may be left)
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
