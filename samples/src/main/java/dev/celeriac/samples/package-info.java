/**
 * Example tasks that show Celeriac's features; the README's walk-through uses them and each one is
 * exercised by a test, so they never rot.
 */
@NullMarked
package dev.celeriac.samples;

import org.jspecify.annotations.NullMarked;
