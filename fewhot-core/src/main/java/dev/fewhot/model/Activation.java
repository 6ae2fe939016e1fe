package dev.fewhot.model;

/** Hidden-layer activation. GELU uses the tanh approximation (Hendrycks and Gimpel 2016). */
public enum Activation { RELU, GELU }
