/**
 * Files fewhot writes: the model file format ({@link dev.fewhot.io.ModelFile}) and atomic
 * replacement of any output ({@link dev.fewhot.io.AtomicFiles}).
 */
package dev.fewhot.io;
