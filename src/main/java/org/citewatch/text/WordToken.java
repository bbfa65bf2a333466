package org.citewatch.text;

/** A run of letters in a text, with its folded form (lower case, Latin, no diacritics). */
record WordToken(int start, int end, String folded) {}
