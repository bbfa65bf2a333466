/**
 * {@code citewatch serve}: the review pages, the JSON API and the feed over a store, reading the
 * journal and writing only through {@code store} as the commands do. Depends on {@code model},
 * {@code config}, {@code compare}, {@code report}, {@code schedule} and {@code store}.
 */
package org.citewatch.web;
