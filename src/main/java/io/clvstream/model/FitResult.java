package io.clvstream.model;

/**
 * Outcome of a maximum-likelihood fit. {@code params} is {@code null} when no usable estimate exists
 * (degenerate input, divergence, invalid parameters); then {@code converged} is false, {@code logLikelihood}
 * is {@link Double#NEGATIVE_INFINITY} and {@code message} says why. A non-null {@code params} with
 * {@code converged == false} is the best point found when the evaluation budget ran out: usable with care.
 * No field is ever NaN.
 *
 * @param iterations  optimiser iterations (all restarts)
 * @param evaluations objective evaluations (all restarts)
 */
public record FitResult<P>(P params, double logLikelihood, boolean converged, int iterations, int evaluations,
                           String message) {

    static <P> FitResult<P> failure(String message, int iterations, int evaluations) {
        return new FitResult<>(null, Double.NEGATIVE_INFINITY, false, iterations, evaluations, message);
    }

    /** True when the fit converged to valid parameters that callers may publish. */
    public boolean usable() {
        return converged && params != null;
    }
}
