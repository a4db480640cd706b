package io.clvstream.model;

import java.util.function.ToDoubleFunction;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** Asymptotic standard errors from the inverse of the numerical observed information −∇²LL at the MLE. */
final class StandardErrors {

    private StandardErrors() {
    }

    static double[] of(ToDoubleFunction<double[]> logLikelihood, double[] mle) {
        int n = mle.length;
        double[][] h = new double[n][n];
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = 1e-4 * Math.abs(mle[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = (eval(logLikelihood, mle, i, step[i], j, step[j])
                        - eval(logLikelihood, mle, i, step[i], j, -step[j])
                        - eval(logLikelihood, mle, i, -step[i], j, step[j])
                        + eval(logLikelihood, mle, i, -step[i], j, -step[j])) / (4 * step[i] * step[j]);
                h[i][j] = -v;
                h[j][i] = -v;
            }
        }
        RealMatrix cov = new LUDecomposition(MatrixUtils.createRealMatrix(h)).getSolver().getInverse();
        double[] se = new double[n];
        for (int i = 0; i < n; i++) {
            se[i] = Math.sqrt(cov.getEntry(i, i));
        }
        return se;
    }

    private static double eval(ToDoubleFunction<double[]> f, double[] x, int i, double di, int j, double dj) {
        double[] y = x.clone();
        y[i] += di;
        y[j] += dj;
        return f.applyAsDouble(y);
    }
}
