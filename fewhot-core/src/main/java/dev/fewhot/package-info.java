/**
 * The library's entry point: {@link dev.fewhot.FewHot} reads data and returns a
 * {@link dev.fewhot.FewHotTrainer}, whose {@code fit} runs the whole training job of
 * {@code fewhot train} (the auto recipe, validation split, ensemble, refit, threshold tuning)
 * and returns a {@link dev.fewhot.FewHotModel} that predicts, evaluates and saves itself. The
 * command line is a shell over these classes. Lower layers: {@code data} and {@code data.io}
 * (rows, files), {@code loss}, {@code model}, {@code decide} (decision rules), {@code metrics},
 * {@code train} (one network, ensembles, refit, the auto recipe), {@code io} (model files).
 */
package dev.fewhot;
