package io.github.mishdjl.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.NullMarked;

/**
 * Files that are whole or absent: written under a temporary name of this writer's own beside the target
 * ({@code .<name>.<random>.part}, so concurrent writers never share one, and sweepers recognise it), forced to disk,
 * then renamed onto the target atomically. A reader (or a process killed mid-write) never sees half a file. The
 * one place the project does this; results, reports, caches and benchmark output all go through it.
 */
@NullMarked
public final class AtomicFiles {

    /** Writes the content of a temporary file. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} whole: {@code writer} fills a temporary file beside it, which then replaces the target.
     *
     * @param target the file to write (its folder must exist)
     * @param writer fills the temporary file
     * @throws IOException if writing or renaming fails (the temporary file is removed; the target is untouched)
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".part");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--")); // not 0600
            }
            writer.write(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveInto(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code text} (UTF-8) into {@code target} whole. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Copies the rest of {@code in} into {@code target} whole. */
    public static void copy(InputStream in, Path target) throws IOException {
        write(target, tmp -> Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Renames a finished file or folder onto {@code target} in one step, replacing a file that is there. */
    public static void moveInto(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
