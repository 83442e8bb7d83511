package io.github.mishdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.activation.Activations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A fluent builder of plain DJL blocks: each call appends a layer to a {@link SequentialBlock}; nested parts
 * (residual bodies, parallel branches, repeated stages) are lambdas that receive a builder of their own.
 *
 * <p>The network has one default activation, set once ({@link Nets#sequential(String, Consumer)}); {@link
 * #activation()} places it, {@link #activation(String)} overrides it for one layer. The builder tracks the
 * channel count where it is known (after convolutions, concatenations, {@link #inputChannels(int)}), so that
 * depthwise convolutions and squeeze-and-excitation need no repeated numbers.
 *
 * <pre>{@code
 * SequentialBlock net = Nets.sequential("mish", b -> b
 *         .inputChannels(3)
 *         .conv(16, 3).batchNorm().activation()
 *         .repeat(3, r -> r.residual(body -> body
 *                 .conv(16, 3).batchNorm().activation()
 *                 .conv(16, 3).batchNorm()))
 *         .globalAvgPool()
 *         .linear(10));
 * }</pre>
 */
@NullMarked
public final class NetBuilder {

    /** A repeated part that knows its index (0-based), e.g. to stride only the first block of a stage. */
    @FunctionalInterface
    public interface Repeated {
        /**
         * Adds one repetition.
         *
         * @param builder the builder to add to
         * @param index the repetition's index, from 0
         */
        void add(NetBuilder builder, int index);
    }

    private final SequentialBlock block = new SequentialBlock();
    private ActivationFunction activation;
    private @Nullable Integer channels;

    NetBuilder(ActivationFunction activation, @Nullable Integer channels) {
        this.activation = Objects.requireNonNull(activation, "activation");
        this.channels = channels;
    }

    /** Returns the network's default activation. */
    public ActivationFunction getDefaultActivation() {
        return activation;
    }

    /** Returns the channel count after the last layer, or null where it is not known. */
    public @Nullable Integer getChannels() {
        return channels;
    }

    /** Declares the input's channel count (e.g. 3 for RGB images). */
    public NetBuilder inputChannels(int count) {
        this.channels = positive("inputChannels", count);
        return this;
    }

    /** Changes the default activation for the layers added after this call (and nested parts). */
    public NetBuilder defaultActivation(String spec) {
        this.activation = Activations.get(spec);
        return this;
    }

    /** A same-padded convolution with stride 1 and no bias. */
    public NetBuilder conv(int filters, int kernel) {
        return conv(filters, kernel, o -> { });
    }

    /** A same-padded convolution with the given stride and no bias. */
    public NetBuilder conv(int filters, int kernel, int stride) {
        return conv(filters, kernel, o -> o.stride(stride));
    }

    /**
     * A convolution with options: {@code conv(64, 3, o -> o.stride(2).groups(4).dilation(2).bias())}.
     *
     * @param filters output channels
     * @param kernel square kernel size
     * @param options stride, padding, dilation, groups, bias
     * @return this builder
     */
    public NetBuilder conv(int filters, int kernel, Consumer<ConvOptions> options) {
        positive("filters", filters);
        positive("kernel", kernel);
        ConvOptions o = new ConvOptions();
        options.accept(o);
        if (channels != null && channels % o.groups != 0) {
            throw new IllegalArgumentException("conv(" + filters + ", " + kernel + "): groups " + o.groups
                    + " must divide the " + channels + " input channels");
        }
        if (filters % o.groups != 0) {
            throw new IllegalArgumentException(
                    "conv(" + filters + ", " + kernel + "): groups " + o.groups + " must divide the filters");
        }
        int pad = o.paddingFor(kernel);
        block.add(Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(o.stride, o.stride))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(o.dilation, o.dilation))
                .optGroups(o.groups)
                .optBias(o.bias)
                .build());
        channels = filters;
        return this;
    }

    /** A rectangular convolution (Inception's 1x7 and 7x1), same-padded, stride 1, no bias. */
    public NetBuilder convRect(int filters, int kernelHeight, int kernelWidth) {
        positive("convRect kernelHeight", kernelHeight);
        positive("convRect kernelWidth", kernelWidth);
        block.add(Conv2d.builder()
                .setFilters(positive("filters", filters))
                .setKernelShape(new Shape(kernelHeight, kernelWidth))
                .optPadding(new Shape((kernelHeight - 1) / 2, (kernelWidth - 1) / 2))
                .optBias(false)
                .build());
        channels = filters;
        return this;
    }

    /** A depthwise convolution: one filter per input channel (the channel count must be known). */
    public NetBuilder depthwiseConv(int kernel, int stride) {
        int c = requireChannels("depthwiseConv");
        return conv(c, kernel, o -> o.stride(stride).groups(c));
    }

    /** A separable convolution (Xception): depthwise 3x3-style then pointwise 1x1, neither with bias. */
    public NetBuilder separableConv(int filters, int kernel) {
        return depthwiseConv(kernel, 1).conv(filters, 1);
    }

    /** Batch normalisation over channels (learned scale and shift). */
    public NetBuilder batchNorm() {
        block.add(BatchNorm.builder().build());
        return this;
    }

    /**
     * Batch normalisation with options.
     *
     * @param epsilon added to the variance (DJL's default 1e-5; Keras and torchvision's Inception use 1e-3)
     * @param scale whether to learn a scale (Keras' Inception-ResNet-v2 learns only the shift)
     * @return this builder
     */
    public NetBuilder batchNorm(float epsilon, boolean scale) {
        block.add(BatchNorm.builder().optEpsilon(epsilon).optScale(scale).build());
        return this;
    }

    /**
     * Batch normalisation with a given epsilon and momentum, learning scale and shift.
     *
     * @param epsilon added to the variance
     * @param momentum DJL's (and Keras') convention: the running statistics keep {@code momentum} of their value
     *     and take {@code 1 - momentum} of the batch's, so PyTorch's {@code momentum=0.01} is 0.99 here
     * @return this builder
     */
    public NetBuilder batchNorm(float epsilon, float momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchNorm momentum must be in [0, 1], got " + momentum);
        }
        block.add(BatchNorm.builder().optEpsilon(epsilon).optMomentum(momentum).build());
        return this;
    }

    /**
     * Batch normalisation with every option at once.
     *
     * @param epsilon added to the variance (DJL's default 1e-5)
     * @param momentum share of the running statistics kept per batch (DJL's default 0.9; PyTorch's 0.1 is 0.9 here)
     * @param scale whether to learn a scale as well as the shift
     * @return this builder
     */
    public NetBuilder batchNorm(float epsilon, float momentum, boolean scale) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchNorm momentum must be in [0, 1], got " + momentum);
        }
        block.add(BatchNorm.builder().optEpsilon(epsilon).optMomentum(momentum).optScale(scale).build());
        return this;
    }

    /** The network's default activation. */
    public NetBuilder activation() {
        block.add(activation.block());
        return this;
    }

    /** Another activation for this layer only, by registry name ({@code "relu"}, {@code "leaky_relu:0.3"}). */
    public NetBuilder activation(String spec) {
        block.add(Activations.get(spec).block());
        return this;
    }

    /** Another activation for this layer only. */
    public NetBuilder activation(ActivationFunction function) {
        block.add(function.block());
        return this;
    }

    /** Max pooling with a square window. */
    public NetBuilder maxPool(int kernel, int stride) {
        return maxPool(kernel, stride, 0);
    }

    /** Max pooling with a square window and zero padding. */
    public NetBuilder maxPool(int kernel, int stride, int padding) {
        window("maxPool", kernel, stride, padding);
        block.add(Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(padding, padding)));
        return this;
    }

    /** Average pooling with a square window. */
    public NetBuilder avgPool(int kernel, int stride) {
        return avgPool(kernel, stride, 0);
    }

    /**
     * Average pooling with a square window and zero padding that counts in the average, as PyTorch's
     * {@code nn.AvgPool2d} does by default; Keras' "same" pooling does not: see
     * {@link #avgPool(int, int, int, boolean)}.
     */
    public NetBuilder avgPool(int kernel, int stride, int padding) {
        return avgPool(kernel, stride, padding, true);
    }

    /**
     * Average pooling with a square window and zero padding, choosing whether the padding counts in the average:
     * PyTorch's {@code nn.AvgPool2d} counts it by default, Keras' "same" pooling does not. (DJL's own flag is
     * ignored by its PyTorch engine, which always counts; the other case divides by the pooled share of real pixels.)
     */
    public NetBuilder avgPool(int kernel, int stride, int padding, boolean countPadding) {
        window("avgPool", kernel, stride, padding);
        block.add(countPadding
                ? Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding),
                        false, true)
                : Layers.avgPoolExcludingPadding(kernel, stride, padding));
        return this;
    }

    /**
     * Explicit zero padding of the two spatial axes of (N, C, H, W), possibly asymmetric: TensorFlow's "same"
     * padding puts the odd pixel at the bottom and right, which DJL's symmetric convolution padding cannot.
     *
     * @param top rows added above
     * @param bottom rows added below
     * @param left columns added on the left
     * @param right columns added on the right
     * @return this builder
     */
    public NetBuilder zeroPad(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("zeroPad needs non-negative sizes, got " + top + ", " + bottom + ", "
                    + left + ", " + right);
        }
        block.add(Layers.zeroPad(top, bottom, left, right));
        return this;
    }

    /** Keeps every {@code stride}-th row and column from the first: {@code x[:, :, ::stride, ::stride]}. */
    public NetBuilder subsample(int stride) {
        block.add(Layers.subsample(positive("stride", stride)));
        return this;
    }

    /**
     * Adds zero channels before and after the existing ones: the parameter-free shortcut ("option A") of the
     * CIFAR ResNets, where a stage doubles the channels.
     *
     * @param before zero channels placed first
     * @param after zero channels placed last
     * @return this builder
     */
    public NetBuilder zeroPadChannels(int before, int after) {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("zeroPadChannels needs non-negative counts, got " + before + ", "
                    + after);
        }
        block.add(Layers.zeroPadChannels(before, after));
        if (channels != null) {
            channels = channels + before + after;
        }
        return this;
    }

    /** Global average pooling to (N, C). */
    public NetBuilder globalAvgPool() {
        block.add(Pool.globalAvgPool2dBlock());
        return this;
    }

    /** Global max pooling to (N, C). */
    public NetBuilder globalMaxPool() {
        block.add(Pool.globalMaxPool2dBlock());
        return this;
    }

    /** Dropout with the given drop probability (active in training only). */
    public NetBuilder dropout(float rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        block.add(Dropout.builder().optRate(rate).build());
        return this;
    }

    /** Flattens (N, ...) to (N, features). */
    public NetBuilder flatten() {
        block.add(Blocks.batchFlattenBlock());
        channels = null;
        return this;
    }

    /** A fully connected layer with bias (flattens its input first if needed). */
    public NetBuilder linear(int units) {
        block.add(Linear.builder().setUnits(positive("units", units)).build());
        channels = units;
        return this;
    }

    /**
     * Any DJL block. The tracked channel count stays as it was: after a block that changes the channels, call
     * {@link #inputChannels(int)} with the new count.
     */
    public NetBuilder add(Block layer) {
        block.add(Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /** A parameter-free function of the single input, named for summaries. */
    public NetBuilder lambda(String name, UnaryOperator<NDArray> function) {
        block.add(LambdaBlock.singleton(function::apply, name));
        return this;
    }

    /** {@code x + body(x)}: a residual connection with an identity shortcut. */
    public NetBuilder residual(Consumer<NetBuilder> body) {
        return residual(body, shortcut -> { });
    }

    /**
     * {@code shortcut(x) + body(x)}: a residual connection whose shortcut is a projection (e.g. a strided 1x1
     * convolution and a batch norm where the shape changes).
     *
     * @param body the residual branch
     * @param shortcut the shortcut branch; empty for identity
     * @return this builder
     */
    public NetBuilder residual(Consumer<NetBuilder> body, Consumer<NetBuilder> shortcut) {
        NetBuilder b = nested(body);
        NetBuilder s = nested(shortcut);
        if (b.channels != null && s.channels != null && !b.channels.equals(s.channels)) {
            throw new IllegalArgumentException("residual: the body ends with " + b.channels + " channels, the shortcut "
                    + "gives " + s.channels + "; project the shortcut, e.g. residual(body, s -> s.conv(" + b.channels
                    + ", 1, o -> o.stride(2)).batchNorm())");
        }
        block.add(Layers.residual(b.branch(), s.branch()));
        channels = b.channels != null ? b.channels : s.channels;
        return this;
    }

    /** Parallel branches joined by concatenation along channels (Inception modules, DenseNet layers). */
    @SafeVarargs
    public final NetBuilder concat(Consumer<NetBuilder>... branches) {
        atLeastOne("concat", branches);
        List<Block> blocks = new ArrayList<>();
        Integer total = 0;
        for (Consumer<NetBuilder> branch : branches) {
            NetBuilder b = nested(branch);
            blocks.add(b.branch());
            total = total == null || b.channels == null ? null : total + b.channels;
        }
        block.add(Layers.concat(blocks));
        channels = total;
        return this;
    }

    /** Parallel branches joined by an element-wise sum. */
    @SafeVarargs
    public final NetBuilder sum(Consumer<NetBuilder>... branches) {
        atLeastOne("sum", branches);
        List<Block> blocks = new ArrayList<>();
        Integer known = null;
        for (int i = 0; i < branches.length; i++) {
            NetBuilder b = nested(branches[i]);
            blocks.add(b.branch());
            if (known != null && b.channels != null && !known.equals(b.channels)) {
                throw new IllegalArgumentException("sum: branch " + (i + 1) + " ends with " + b.channels
                        + " channels, an earlier one with " + known + "; summed branches need the same channels");
            }
            known = known != null ? known : b.channels;
        }
        block.add(Layers.sum(blocks));
        channels = known;
        return this;
    }

    /** ShuffleNet's channel shuffle. */
    public NetBuilder channelShuffle(int groups) {
        positive("channelShuffle groups", groups);
        if (channels != null && channels % groups != 0) {
            throw new IllegalArgumentException(
                    "channelShuffle(" + groups + "): the " + channels + " channels are not divisible by " + groups);
        }
        block.add(Layers.channelShuffle(groups));
        return this;
    }

    /**
     * Squeeze-and-excitation: {@code x * sigmoid(conv(act(conv(avgpool(x)))))}, with the default activation
     * inside, as MobileNet-v3 and EfficientNet use it.
     *
     * @param squeezeChannels the bottleneck width
     * @return this builder
     */
    public NetBuilder squeezeExcite(int squeezeChannels) {
        int c = requireChannels("squeezeExcite");
        ActivationFunction inner = activation;
        SequentialBlock gate = nested(g -> g.globalAvgPool().add(Layers.toSpatial())
                .conv(squeezeChannels, 1, o -> o.bias())
                .activation(inner)
                .conv(c, 1, o -> o.bias())
                .activation("sigmoid")).block;
        block.add(Layers.gate(Blocks.identityBlock(), gate));
        return this;
    }

    /**
     * The inverted residual of MobileNet-v2 and EfficientNet (MBConv): 1x1 expansion (skipped for ratio 1),
     * depthwise convolution, optional squeeze-and-excitation, 1x1 linear projection; identity shortcut when
     * stride is 1 and channels stay.
     *
     * @param expandRatio expansion of the input channels
     * @param outChannels output channels
     * @param kernel depthwise kernel size
     * @param stride depthwise stride
     * @param seRatio squeeze channels as a fraction of the input channels (0: none)
     * @return this builder
     */
    public NetBuilder invertedResidual(int expandRatio, int outChannels, int kernel, int stride, double seRatio) {
        positive("invertedResidual expandRatio", expandRatio);
        positive("invertedResidual outChannels", outChannels);
        int in = requireChannels("invertedResidual");
        int hidden = in * expandRatio;
        Consumer<NetBuilder> body = b -> {
            if (expandRatio != 1) {
                b.conv(hidden, 1).batchNorm().activation();
            }
            b.depthwiseConv(kernel, stride).batchNorm().activation();
            if (seRatio > 0) {
                b.squeezeExcite(Math.max(1, (int) (in * seRatio)));
            }
            b.conv(outChannels, 1).batchNorm();
        };
        if (stride == 1 && in == outChannels) {
            return residual(body);
        }
        SequentialBlock plain = nested(body).block;
        block.add(plain);
        channels = outChannels;
        return this;
    }

    /** Adds {@code body} {@code times} times. */
    public NetBuilder repeat(int times, Consumer<NetBuilder> body) {
        return repeat(times, (b, i) -> body.accept(b));
    }

    /** Adds {@code body} {@code times} times, telling it the repetition's index. */
    public NetBuilder repeat(int times, Repeated body) {
        if (times < 0) {
            throw new IllegalArgumentException("repeat: times must be >= 0, got " + times);
        }
        for (int i = 0; i < times; i++) {
            body.add(this, i);
        }
        return this;
    }

    /** Returns the network built so far. */
    public SequentialBlock build() {
        return block;
    }

    /** The built part as a branch: DJL rejects an empty SequentialBlock, so an empty part is the identity. */
    private Block branch() {
        return block.getChildren().isEmpty() ? Blocks.identityBlock() : block;
    }

    private NetBuilder nested(Consumer<NetBuilder> part) {
        NetBuilder b = new NetBuilder(activation, channels);
        part.accept(b);
        return b;
    }

    /**
     * The channel count at this point, for a part of your own that needs it (a bottleneck's width).
     *
     * @param what the part asking, for the message
     * @return the channels the next layer receives (the last convolution's, or those given to inputChannels)
     * @throws IllegalStateException if they are unknown here (no convolution yet and no inputChannels(n))
     */
    public int requireChannels(String what) {
        if (channels == null) {
            throw new IllegalStateException(what + " needs the input channel count: place it after a convolution "
                    + "or call inputChannels(n) first");
        }
        return channels;
    }

    private static void atLeastOne(String what, Consumer<NetBuilder>[] branches) {
        if (branches.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one branch");
        }
    }

    /** A pooling window PyTorch accepts: kernel and stride at least 1, padding from 0 to half the kernel. */
    private static void window(String what, int kernel, int stride, int padding) {
        positive(what + " kernel", kernel);
        positive(what + " stride", stride);
        if (padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException(what + "(" + kernel + ", " + stride + ", " + padding
                    + "): padding must lie between 0 and half the kernel (" + kernel / 2 + ")");
        }
    }

    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }
}
