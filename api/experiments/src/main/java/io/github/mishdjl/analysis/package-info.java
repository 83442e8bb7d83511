/**
 * Analyses of trained networks: the loss landscape around their weights (Li et al. 2018, the paper's Fig. 4).
 */
@NullMarked
package io.github.mishdjl.analysis;

import org.jspecify.annotations.NullMarked;
