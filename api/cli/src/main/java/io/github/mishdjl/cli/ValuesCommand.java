package io.github.mishdjl.cli;

import ai.djl.ndarray.types.DataType;
import io.github.mishdjl.activation.Mish;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mish values}: Mish and its gradient at given points, as CSV. */
@Command(
        name = "values",
        mixinStandardHelpOptions = true,
        description = {
            "Print x,y,grad for each input: y = mish(x) and grad = dy/dx from the implementation's backward.",
            "Numbers round-trip in the chosen data type; NaN and Infinity are accepted and printed as Java does."
        })
final class ValuesCommand implements Callable<Integer> {

    @Option(names = "--impl", description = "native, analytic or autograd (default: native on PyTorch).",
            converter = ImplConverter.class)
    Mish.@Nullable Impl impl; // resolved at run time: the engine starts only after --threads is read

    @Option(names = "--dtype", description = "float32 (default), float64, float16 or bfloat16.",
            converter = Options.DataTypeConverter.class)
    DataType dtype = DataType.FLOAT32;

    @Option(names = "--x", required = true, split = ",", paramLabel = "V",
            description = "Inputs, comma-separated, e.g. --x=-1,0,1,NaN,Infinity.",
            converter = Options.NumberConverter.class)
    List<Double> xs;

    @Override
    public Integer call() {
        print(System.out);
        return 0;
    }

    void print(PrintStream out) {
        if (dtype == DataType.BFLOAT16) {
            throw new IllegalArgumentException(
                    "bfloat16 is not available: DJL 0.35.1's PyTorch engine has no bfloat16 data type; "
                            + "use float16, float32 or float64");
        }
        double[] values = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Mish.Impl chosen = impl == null ? Mish.defaultImpl() : impl;
        double[][] r = io.github.mishdjl.activation.Probe.evaluate(x -> Mish.mish(x, chosen), values, dtype);
        StringBuilder csv = new StringBuilder("x,y,grad\n");
        for (int i = 0; i < values.length; i++) {
            csv.append(format(r[0][i])).append(',').append(format(r[1][i])).append(',').append(format(r[2][i]))
                    .append('\n');
        }
        out.print(csv);
        out.flush();
    }

    /** Shortest text that reads back to the same value in the chosen type. */
    private String format(double value) {
        return dtype == DataType.FLOAT64 ? Double.toString(value) : Float.toString((float) value);
    }

    static final class ImplConverter implements picocli.CommandLine.ITypeConverter<Mish.Impl> {
        @Override
        public Mish.Impl convert(String value) {
            try {
                return Mish.Impl.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
