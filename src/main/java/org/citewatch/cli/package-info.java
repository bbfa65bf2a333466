/**
 * The command line (picocli): parses arguments, calls the stages, prints their answers and maps
 * them to exit codes. The only package that writes to the terminal or calls {@code System.exit};
 * it may depend on every other package.
 */
package org.citewatch.cli;
