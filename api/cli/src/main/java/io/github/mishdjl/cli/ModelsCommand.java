package io.github.mishdjl.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.nn.ModelSummary;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mish models}: the architecture zoo, each network built and run forward once. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "List the architectures with their trainable parameter count, output shape (each is built and run",
            "forward once on one example) and the source their layers follow (official, official-as-run, library,",
            "reconstructed), or show one network's layer table with --arch NAME --summary."
        })
final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--arch", paramLabel = "NAME",
            description = "One architecture (e.g. resnet20-v2, wrn-16-4, deep-dense-20); default: all.")
    @Nullable String arch;

    @Option(names = "--activation", defaultValue = "mish",
            description = "The network's activation, by registry name (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--summary", description = "Print the layer table (with --arch).")
    boolean summary;

    @Option(names = "--format", defaultValue = "text",
            description = "text (default) or csv (header name,parameters,output_shape,source; shapes as 1x10).")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("csv")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or csv, got '" + format + "'");
        }
        if (summary && arch == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--summary needs --arch NAME; see the names with `mish models`");
        }
        if (arch != null) {
            try {
                Zoo.get(arch);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
            }
        }
        List<Architecture> archs = arch != null ? List.of(Zoo.get(arch))
                : Zoo.names().stream().map(Zoo::get).collect(Collectors.toList());
        var function = Activations.get(activation);
        if (format.equals("csv")) {
            System.out.println("name,parameters,output_shape,source");
        }
        for (Architecture a : archs) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block net = a.build(function);
                Shape input = new Shape(1).addAll(a.getInputShape());
                ModelSummary table = ModelSummary.of(manager, net, input);
                NDArray out = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomNormal(input)), false).singletonOrThrow();
                if (summary) {
                    System.out.println(a.getName() + " with " + function + ": " + a.getReference());
                    System.out.println("source: " + a.getSource().getLabel() + " (" + a.getSource().getDescription() + ")"
                            + a.getOfficialFile().map(f -> ", " + f).orElse(""));
                    System.out.println(table);
                } else if (format.equals("csv")) {
                    System.out.println(a.getName() + "," + table.getTrainableParameters() + ","
                            + dims(out.getShape()) + "," + a.getSource().getLabel());
                } else {
                    System.out.println(String.format(Locale.ROOT, "%-27s %,13d  %-10s %-15s %s", a.getName(),
                            table.getTrainableParameters(), out.getShape(), a.getSource().getLabel(),
                            a.getReference()));
                }
                System.out.flush();
            }
        }
        return 0;
    }

    private static String dims(Shape shape) {
        StringBuilder text = new StringBuilder();
        for (long d : shape.getShape()) {
            text.append(text.length() == 0 ? "" : "x").append(d);
        }
        return text.toString();
    }
}
