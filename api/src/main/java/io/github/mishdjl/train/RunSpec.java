package io.github.mishdjl.train;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.NullMarked;

/**
 * One training run of a grid: an architecture, an activation, a seed and a protocol. Its {@link #id()} is
 * derived from all four, so a restarted or sharded grid recognises finished runs.
 */
@NullMarked
public record RunSpec(String architecture, String activation, int seed, Protocol protocol) {

    private static final Gson GSON = new Gson();

    /** A readable, stable identifier: {@code <arch>_<activation>_s<seed>_<hash of everything>}. */
    public String id() {
        String hash;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return (architecture + "_" + activation + "_s" + seed).replaceAll("[^A-Za-z0-9_.-]", "-") + "_" + hash;
    }
}
