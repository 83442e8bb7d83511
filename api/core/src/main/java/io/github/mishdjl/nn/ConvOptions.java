package io.github.mishdjl.nn;

import org.jspecify.annotations.NullMarked;

/** Options of one convolution beyond its filters and kernel: stride, padding, dilation, groups, bias. */
@NullMarked
public final class ConvOptions {

    int stride = 1;
    int padding = -1; // "same" for stride 1: dilation * (kernel - 1) / 2
    int dilation = 1;
    int groups = 1;
    boolean bias = false; // followed by batch norm in every network here

    ConvOptions() {}

    /** Sets the stride (default 1). */
    public ConvOptions stride(int value) {
        this.stride = NetBuilder.positive("stride", value);
        return this;
    }

    /** Sets zero padding on each side (default: "same", {@code dilation * (kernel - 1) / 2}). */
    public ConvOptions padding(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + value);
        }
        this.padding = value;
        return this;
    }

    /** Sets the dilation (default 1). */
    public ConvOptions dilation(int value) {
        this.dilation = NetBuilder.positive("dilation", value);
        return this;
    }

    /** Sets the number of groups (default 1; the input channels for a depthwise convolution). */
    public ConvOptions groups(int value) {
        this.groups = NetBuilder.positive("groups", value);
        return this;
    }

    /** Adds a bias (default: none, as a batch norm follows). */
    public ConvOptions bias() {
        this.bias = true;
        return this;
    }

    /** Sets whether to add a bias. */
    public ConvOptions bias(boolean value) {
        this.bias = value;
        return this;
    }

    int paddingFor(int kernel) {
        return padding >= 0 ? padding : dilation * (kernel - 1) / 2;
    }
}
