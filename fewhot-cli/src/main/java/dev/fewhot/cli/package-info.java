/**
 * The {@code fewhot} command line: one picocli command per verb. Commands parse options into
 * the library's configuration records and hold no logic a library user would need.
 */
package dev.fewhot.cli;
