package io.clvstream.model;

import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Minimises a negative log-likelihood of strictly positive parameters with Hipparchus' Nelder–Mead simplex on
 * the log-parameters (as lifetimes does with scipy), which removes the positivity constraints and makes the
 * problem scale free. Nelder–Mead is known to stall on a collapsed simplex, so the search is restarted from the
 * best point with a fresh simplex until a restart no longer improves the objective; only then is the fit
 * reported as converged. Non-finite objective values are replaced by a large penalty so the simplex walks away
 * from them and NaN cannot escape.
 */
final class LogScaleMinimizer {

    /** The search space: |log θ| ≤ 30; outside it the objective is the penalty. */
    static final double MAX_ABS_LOG = 30;
    /**
     * An estimate beyond e^±15 (3e6, 3e-7) means the optimiser walked along a flat ridge to a boundary (e.g. r, α
     * → ∞ with r/α fixed when the data show no heterogeneity): the parameters are not identified, so the fit is
     * reported as failed even if the simplex "converged" there. Realistic BTYD parameters in days or weeks are
     * far inside this range.
     */
    static final double IDENTIFIED_ABS_LOG = 15;
    private static final double PENALTY = 1e100;
    private static final double COLD_STEP = 0.5;
    private static final double WARM_STEP = 0.05;
    private static final double RESTART_STEP = 0.05;
    private static final int MAX_ROUNDS = 8;

    record Outcome(double[] params, double objective, boolean converged, int iterations, int evaluations,
                   String message) {
    }

    private LogScaleMinimizer() {
    }

    /**
     * @param negLogLik objective of the natural (positive) parameters; may return NaN/∞ for bad points
     * @param start     starting parameters (natural scale, all &gt; 0)
     * @param warm      true when {@code start} is a previous fit: a small initial simplex then suffices
     */
    static Outcome minimize(ToDoubleFunction<double[]> negLogLik, double[] start, boolean warm, int maxEvaluations) {
        int dim = start.length;
        double[] theta = new double[dim];
        for (int i = 0; i < dim; i++) {
            if (!(start[i] > 0) || Double.isInfinite(start[i])) {
                throw new IllegalArgumentException("start parameters must be finite and > 0");
            }
            theta[i] = Math.log(start[i]);
        }
        double[] natural = new double[dim];
        ObjectiveFunction objective = new ObjectiveFunction(point -> {
            for (int i = 0; i < dim; i++) {
                if (!(Math.abs(point[i]) <= MAX_ABS_LOG)) {
                    return PENALTY;
                }
                natural[i] = Math.exp(point[i]);
            }
            double v = negLogLik.applyAsDouble(natural);
            return Double.isFinite(v) ? v : PENALTY;
        });

        PointValuePair best = null;
        int iterations = 0;
        int evaluations = 0;
        double step = warm ? WARM_STEP : COLD_STEP;
        boolean converged = false;
        String message = "restart limit reached";
        for (int round = 0; round < MAX_ROUNDS; round++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-12));
            PointValuePair found;
            try {
                found = optimizer.optimize(new MaxEval(Math.max(1, maxEvaluations - evaluations)), objective,
                        GoalType.MINIMIZE, new InitialGuess(theta), new NelderMeadSimplex(dim, step));
            } catch (MathIllegalStateException e) {
                evaluations += optimizer.getEvaluations();
                iterations += optimizer.getIterations();
                message = "evaluation budget exhausted: " + e.getMessage();
                break;
            }
            evaluations += optimizer.getEvaluations();
            iterations += optimizer.getIterations();
            boolean improved = best == null
                    || found.getValue() < best.getValue() - 1e-10 * Math.max(1, Math.abs(best.getValue()));
            if (best == null || found.getValue() < best.getValue()) {
                best = found;
            }
            if (!improved) {
                converged = true;
                message = "converged after " + (round + 1) + " simplex runs";
                break;
            }
            theta = best.getPoint();
            step = RESTART_STEP;
        }
        if (best == null) {
            return new Outcome(null, Double.POSITIVE_INFINITY, false, iterations, evaluations, message);
        }
        if (!(best.getValue() < PENALTY)) {
            return new Outcome(null, Double.POSITIVE_INFINITY, false, iterations, evaluations,
                    "no finite likelihood found");
        }
        double[] point = best.getPoint();
        double[] params = new double[dim];
        for (int i = 0; i < dim; i++) {
            if (Math.abs(point[i]) > IDENTIFIED_ABS_LOG) {
                return new Outcome(null, Double.POSITIVE_INFINITY, false, iterations, evaluations,
                        "parameter " + i + " diverged to " + Math.exp(point[i]) + ": likelihood not identified");
            }
            params[i] = Math.exp(point[i]);
        }
        return new Outcome(params, best.getValue(), converged, iterations, evaluations, message);
    }
}
