/**
 * Evaluation: whether each claim's quote and figure still stand on its source, whether a program's
 * own site page agrees with the official wording, and what changed beside the claims. Returns
 * findings; writes nothing. Depends on {@code model}, {@code text}, {@code compare} and {@code extract}.
 */
package org.citewatch.evaluate;
