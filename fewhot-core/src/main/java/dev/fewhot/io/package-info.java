/**
 * fewhot's binary files: the model file format ({@link dev.fewhot.io.ModelFile}) on the shared
 * checksummed container ({@link dev.fewhot.io.Container}), which checkpoints
 * (CheckpointFile in the train package) also use. Depends on {@code model} and
 * {@code decide}, never on {@code train}.
 */
package dev.fewhot.io;
