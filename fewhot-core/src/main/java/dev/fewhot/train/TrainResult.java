package dev.fewhot.train;

import dev.fewhot.model.Model;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run.
 *
 * @param model             the trained model (the best epoch's when early stopping chose one)
 * @param epochsRun         epochs actually run
 * @param bestEpoch         1-based epoch whose parameters were kept
 * @param finalLoss         mean training loss of the last epoch
 * @param epochLosses       mean training loss per epoch
 * @param validationValues  validation measure per epoch (empty without validation)
 * @param trainSeconds      wall time of the optimisation (forward, backward, step), without validation
 * @param samplesPerSecond  training rows per second over trainSeconds
 * @param blas              the GEMM back-end that ran ("java", "openblas")
 * @param epochSamplesPerSecond training rows per second of each epoch run by this call (the
 *                          first includes the JIT's warm-up; later ones show the steady state)
 * @param backend           how the back-end was chosen: {@code blas}, {@code gemm_kernel} (e.g. the
 *                          Java kernel's register block and vector width) and, when {@code auto}
 *                          measured them, {@code gemm_java_gflops} and {@code gemm_native_gflops}
 */
public record TrainResult(Model model, int epochsRun, int bestEpoch, double finalLoss, List<Double> epochLosses,
                          List<Double> validationValues, double trainSeconds, double samplesPerSecond,
                          String blas, List<Double> epochSamplesPerSecond, Map<String, String> backend) {

    /** Copies {@code backend}. */
    public TrainResult {
        backend = backend == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(backend));
    }

    /** A result without back-end facts. */
    public TrainResult(Model model, int epochsRun, int bestEpoch, double finalLoss, List<Double> epochLosses,
                       List<Double> validationValues, double trainSeconds, double samplesPerSecond,
                       String blas, List<Double> epochSamplesPerSecond) {
        this(model, epochsRun, bestEpoch, finalLoss, epochLosses, validationValues, trainSeconds, samplesPerSecond,
                blas, epochSamplesPerSecond, Map.of());
    }
}
