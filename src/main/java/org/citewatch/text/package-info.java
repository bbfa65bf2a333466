/**
 * Text rules shared by config, extract and evaluate: how text is normalised for comparison and how
 * figures (money, durations, counts) are read from it. Config needs them to validate a claim's
 * figure where it is written, which is why they are not inside {@code extract}.
 */
package org.citewatch.text;
