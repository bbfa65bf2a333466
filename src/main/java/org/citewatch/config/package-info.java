/**
 * sources.yaml: reads it with every problem at its file:line:col, owns every limit (ranges,
 * lengths, environment references), and rewrites claims in place for {@code verify --accept}.
 * Depends on {@code model} and {@code text}.
 */
package org.citewatch.config;
