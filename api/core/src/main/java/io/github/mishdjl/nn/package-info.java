/**
 * A model-builder DSL for DJL blocks with a pluggable activation, readable from Java and Kotlin, and model summaries.
 */
@NullMarked
package io.github.mishdjl.nn;

import org.jspecify.annotations.NullMarked;
