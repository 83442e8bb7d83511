package io.github.mishdjl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark or report says about the machine it ran on. */
final class Machine {

    private Machine() {}

    /** The CPU model from /proc/cpuinfo and the core count. */
    static String cpuModel() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the placeholder
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
