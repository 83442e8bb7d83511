/**
 * Progress on a terminal for long work.
 */
@NullMarked
package io.github.mishdjl.console;

import org.jspecify.annotations.NullMarked;
