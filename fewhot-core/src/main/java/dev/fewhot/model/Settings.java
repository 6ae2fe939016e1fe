package dev.fewhot.model;

import java.util.Map;

/** Reading settings stored as strings by name (the parse half of the toSettings/fromSettings pairs). */
public final class Settings {
    private Settings() { }

    /** The entry {@code key}; missing is an IllegalArgumentException naming it. */
    public static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException(key + ": missing");
        return v;
    }

    /** The entry {@code key} as an int. */
    public static int integer(Map<String, String> m, String key) {
        try {
            return Integer.parseInt(get(m, key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer, got '" + m.get(key) + "'");
        }
    }

    /** The entry {@code key} as a long. */
    public static long longInteger(Map<String, String> m, String key) {
        try {
            return Long.parseLong(get(m, key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer, got '" + m.get(key) + "'");
        }
    }

    /** The entry {@code key} as a double (exactly as {@link Double#toString} wrote it). */
    public static double real(Map<String, String> m, String key) {
        try {
            return Double.parseDouble(get(m, key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number, got '" + m.get(key) + "'");
        }
    }

    /** The entries of two settings maps that differ, as "checkpoint k=v, this run k=w; ..." (empty when equal). */
    public static String diff(Map<String, String> a, Map<String, String> b, String aName, String bName) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            String u = a.get(k), w = b.get(k);
            if (!java.util.Objects.equals(u, w)) {
                sb.append(sb.length() == 0 ? "" : "; ").append(aName).append(' ').append(k).append('=').append(u)
                        .append(", ").append(bName).append(' ').append(k).append('=').append(w);
            }
        }
        return sb.toString();
    }
}
