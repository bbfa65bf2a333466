/**
 * Comparison of extracted text: block diffs between captures and word diffs for evidence. Depends on
 * {@code model} and {@code text}; pure functions, no I/O.
 */
package org.citewatch.compare;
