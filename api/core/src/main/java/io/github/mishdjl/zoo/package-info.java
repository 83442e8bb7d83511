/**
 * The paper's networks by name ({@link io.github.mishdjl.zoo.Zoo#get(String)}): the official code's definitions where
 * it has them, reconstructions otherwise, each built with any activation; and networks of your own, registered by
 * name.
 */
@NullMarked
package io.github.mishdjl.zoo;

import org.jspecify.annotations.NullMarked;
