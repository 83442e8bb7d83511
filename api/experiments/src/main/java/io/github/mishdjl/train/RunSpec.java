package io.github.mishdjl.train;

import io.github.mishdjl.data.Augmentation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;

/**
 * One training run of a grid: an architecture, an activation, a seed and a protocol. Its {@link #id()} is derived
 * from its canonical {@link #key()}, so a restarted or sharded grid recognises finished runs.
 */
@NullMarked
public record RunSpec(String architecture, String activation, int seed, Protocol protocol) {

    /**
     * The version of the key's layout. Fields added to {@link Protocol} after it are written only when they differ
     * from their default, so adding a field never moves the key of an existing run; the version changes only if
     * the meaning of an existing field does.
     */
    public static final String SCHEMA = "mish-run/2";

    /**
     * The canonical text of this run: one {@code name=value} line per field in a fixed order, numbers in their
     * shortest exact decimal form; {@code inputNoise} and {@code initializer} only when not at their defaults (0 and
     * {@link Protocol#DEFAULT_INITIALIZER}).
     */
    public String key() {
        Protocol p = protocol;
        Augmentation a = p.augmentation();
        List<String> lines = new ArrayList<>(List.of(
                "schema=" + SCHEMA,
                "architecture=" + architecture,
                "activation=" + activation,
                "seed=" + seed,
                "dataset=" + p.dataset(),
                "epochs=" + p.epochs(),
                "batchSize=" + p.batchSize(),
                "optimizer=" + p.optimizer(),
                "learningRate=" + plain(p.learningRate()),
                "momentum=" + plain(p.momentum()),
                "weightDecay=" + plain(p.weightDecay()),
                "schedule=" + p.schedule(),
                "milestones=" + p.milestones().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "cropPadding=" + a.cropPadding(),
                "flipProbability=" + plain(a.flipProbability()),
                "rotationDegrees=" + plain(a.rotationDegrees()),
                "trainFraction=" + plain(p.trainFraction()),
                "testFraction=" + plain(p.testFraction()),
                "mean=" + plain(p.mean()),
                "std=" + plain(p.std())));
        // Fields with defaults: absent at their default, so runs stored before the field existed keep their key.
        if (p.inputNoise() != 0) {
            lines.add("inputNoise=" + plain(p.inputNoise()));
        }
        if (!p.initializer().equals(Protocol.DEFAULT_INITIALIZER)) {
            lines.add("initializer=" + p.initializer());
        }
        return String.join("\n", lines);
    }

    /** A readable, stable identifier: {@code <arch>_<activation>_s<seed>_<first 10 hex of SHA-256(key)>}. */
    public String id() {
        String hash;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return (architecture + "_" + activation + "_s" + seed).replaceAll("[^A-Za-z0-9_.-]", "-") + "_" + hash;
    }

    /**
     * A number as run keys and result folders spell it: shortest exact decimal, no exponent, no trailing zeros
     * (0.5, 2, 0.0001). Changing it would change every stored run's key.
     */
    public static String plain(double v) {
        return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
