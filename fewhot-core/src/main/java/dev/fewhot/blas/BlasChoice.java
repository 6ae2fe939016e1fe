package dev.fewhot.blas;

import java.util.Locale;

/**
 * Which GEMM back-end to use: {@link #JAVA} (the Vector API kernel, deterministic for a thread
 * count), {@link #NATIVE} (the system's OpenBLAS through JNI; an error when it does not load),
 * or {@link #AUTO} (native when it loads and a short calibration on the caller's shape finds it
 * at least 10% faster, else Java).
 */
public enum BlasChoice {
    AUTO, JAVA, NATIVE;

    /** The option value: auto, java or native. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Parses auto, java or native (case-insensitive). */
    public static BlasChoice fromId(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto" -> AUTO;
            case "java" -> JAVA;
            case "native" -> NATIVE;
            default -> throw new IllegalArgumentException("--blas must be auto, java or native, got '" + s + "'");
        };
    }
}
