package io.github.mishdjl.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is whole or absent: replaced in one step, untouched when the writer fails, no temporary left either way. */
class AtomicFilesTest {

    @Test
    void replacesWholeOrLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("results.jsonl");
        AtomicFiles.writeString(target, "first\n");
        AtomicFiles.writeString(target, "second\n");
        assertEquals("second\n", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "readable like any other file, not a temporary file's 0600");
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("second\n", Files.readString(target), "a failed write leaves the old content");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left behind");
        }
    }
}
