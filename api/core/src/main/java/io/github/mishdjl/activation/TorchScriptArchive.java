package io.github.mishdjl.activation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive for a parameter-free module whose {@code forward(x)} returns one expression
 * of aten operators, e.g. {@code torch.mish(x)}.
 *
 * <p>Why: libtorch's fused kernels (and their fused backward) are reachable from DJL only through a
 * TorchScript module. Writing the archive here keeps it reproducible from the repository, with no Python
 * and no network. The format is the one {@code torch.jit.save} writes: a zip of stored (uncompressed)
 * entries under one top folder, holding {@code data.pkl} (the pickled module object), {@code
 * code/__torch__.py} (its class in serialized TorchScript), {@code constants.pkl} and {@code version}.
 * The output is deterministic (fixed timestamps), so a shipped archive can be checked byte for byte.
 */
final class TorchScriptArchive {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // File format version 10: libtorch applies operator upgraders to older archives (at 3, gelu loses
    // its `approximate` argument); 10 is read by libtorch 1.13 (Debian's oracle) and 2.x alike.
    private static final String FORMAT_VERSION = "10\n";
    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private TorchScriptArchive() {}

    /**
     * Returns the bytes of a TorchScript archive whose module computes {@code expression} of its input {@code
     * x}.
     *
     * @param className the module's class name (also the archive's top folder), a Python identifier
     * @param expression a TorchScript expression of the tensor {@code x}, e.g. {@code torch.mish(x)}
     * @return the archive, ready for {@code torch.jit.load} or DJL's {@code JniUtils.loadModule}
     */
    static byte[] write(String className, String expression) {
        if (!IDENTIFIER.matcher(className).matches()) {
            throw new IllegalArgumentException("Not a Python identifier: '" + className + "'");
        }
        if (expression.contains("\n")) {
            throw new IllegalArgumentException("The expression must be one line: '" + expression + "'");
        }
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("data.pkl", pickledModule(className));
        records.put("code/__torch__.py", classSource(className, expression).getBytes(StandardCharsets.UTF_8));
        // An empty tuple: the module has no tensor constants.
        records.put("constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        records.put("version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        return zip(className, records);
    }

    private static String classSource(String className, String expression) {
        return "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + className + ",\n"
                + "    x: Tensor) -> Tensor:\n"
                + "    return " + expression + "\n";
    }

    /** Pickle (protocol 2) of {@code __torch__.<className>} with state {@code {"training": True}}. */
    private static byte[] pickledModule(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80); // PROTO
        out.write(2);
        out.write('c'); // GLOBAL module\nname\n
        out.writeBytes(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(')'); // EMPTY_TUPLE: no constructor arguments
        out.write(0x81); // NEWOBJ
        out.write('}'); // EMPTY_DICT: the state
        out.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        out.write('X'); // BINUNICODE, 4-byte little-endian length
        for (int i = 0; i < 4; i++) {
            out.write((key.length >>> (8 * i)) & 0xff);
        }
        out.writeBytes(key);
        out.write(0x88); // NEWTRUE
        out.write('u'); // SETITEMS
        out.write('b'); // BUILD
        out.write('.'); // STOP
        return out.toByteArray();
    }

    private static byte[] zip(String folder, Map<String, byte[]> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> record : records.entrySet()) {
                byte[] data = record.getValue();
                ZipEntry entry = new ZipEntry(folder + "/" + record.getKey());
                entry.setMethod(ZipEntry.STORED); // libtorch maps records; keep them uncompressed
                entry.setSize(data.length);
                entry.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(DOS_EPOCH);
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }
}
