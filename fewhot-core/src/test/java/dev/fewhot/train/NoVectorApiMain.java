package dev.fewhot.train;

import dev.fewhot.loss.BceWithLogits;
import dev.fewhot.loss.Reduction;

/**
 * Run in a JVM started without {@code --add-modules jdk.incubator.vector} by
 * {@link NoVectorApiTest}: touches the library's entry points and prints, per entry point, the
 * exception it got ({@code ISE <message>} for the expected IllegalStateException).
 */
public final class NoVectorApiMain {
    private NoVectorApiMain() { }

    public static void main(String[] args) {
        report("loss", () -> BceWithLogits.unweighted(Reduction.SUM).compute(new float[1], new float[1], 1, 1, null, null));
        report("trainer", () -> new Trainer(TrainerConfig.defaults(), null));
    }

    private static void report(String what, Runnable r) {
        try {
            r.run();
            System.out.println(what + " NONE");
        } catch (IllegalStateException e) {
            System.out.println(what + " ISE " + e.getMessage());
        } catch (Throwable t) {
            System.out.println(what + " OTHER " + t);
        }
    }
}
