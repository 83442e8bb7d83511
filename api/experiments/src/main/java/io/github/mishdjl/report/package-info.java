/**
 * Reports of a results folder (HTML and Markdown, charts as inline SVG) and the claims tables the notebooks test the
 * paper's claims with.
 */
@NullMarked
package io.github.mishdjl.report;

import org.jspecify.annotations.NullMarked;
