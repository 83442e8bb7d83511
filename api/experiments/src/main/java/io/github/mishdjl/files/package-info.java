/**
 * Files written atomically (a reader never sees half of one, and a crash leaves the old one), and folders deleted
 * as a whole.
 */
@NullMarked
package io.github.mishdjl.files;

import org.jspecify.annotations.NullMarked;
