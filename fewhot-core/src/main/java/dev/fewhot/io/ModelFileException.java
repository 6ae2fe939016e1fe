package dev.fewhot.io;

import java.io.IOException;

/**
 * A model file that cannot be loaded: not a fewhot model, truncated, corrupted, or written by a
 * newer format version. The message is one line naming the file and the section.
 */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }
}
