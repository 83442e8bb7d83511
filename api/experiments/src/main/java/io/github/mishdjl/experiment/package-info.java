/**
 * Experiment grids (architectures x activations x seeds, each network with its protocol), the paper's presets, and
 * the results store that keeps finished runs and resumes the rest.
 */
@NullMarked
package io.github.mishdjl.experiment;

import org.jspecify.annotations.NullMarked;
