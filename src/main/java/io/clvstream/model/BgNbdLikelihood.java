package io.clvstream.model;

import java.util.List;

/**
 * The weighted BG/NBD log-likelihood over a fixed data set, evaluated many times by the optimiser.
 * The log-gamma differences of eq. 6 depend on a row only through its integer x, so they are built per distinct
 * x by the recurrences lnΓ(r+x) − lnΓ(r) = Σ_{k&lt;x} ln(r+k) and similarly for b and a+b: per row only two
 * logarithms and one log-add-exp remain. Not thread safe (reuses its scratch arrays).
 */
final class BgNbdLikelihood {

    private final int[] x;
    private final double[] tx;
    private final double[] age;
    private final double[] weight;
    private final double[] rGamma;
    private final double[] betaPart;

    BgNbdLikelihood(List<RfmRow> rows) {
        int n = rows.size();
        x = new int[n];
        tx = new double[n];
        age = new double[n];
        weight = new double[n];
        int maxX = 0;
        for (int i = 0; i < n; i++) {
            RfmRow row = rows.get(i);
            x[i] = row.x();
            tx[i] = row.tx();
            age[i] = row.T();
            weight[i] = row.weight();
            maxX = Math.max(maxX, row.x());
        }
        rGamma = new double[maxX + 1];
        betaPart = new double[maxX + 1];
    }

    double value(double r, double alpha, double a, double b) {
        rGamma[0] = 0;
        betaPart[0] = 0;
        for (int k = 1; k < rGamma.length; k++) {
            rGamma[k] = rGamma[k - 1] + Math.log(r + k - 1);
            betaPart[k] = betaPart[k - 1] + Math.log((b + k - 1) / (a + b + k - 1));
        }
        double logA = Math.log(a);
        double rLogAlpha = r * Math.log(alpha);
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            int xi = x[i];
            double rx = r + xi;
            double a3 = -rx * Math.log(alpha + age[i]);
            double mix = a3;
            if (xi > 0) {
                double a4 = logA - Math.log(b + xi - 1) - rx * Math.log(alpha + tx[i]);
                mix = BgNbd.logAddExp(a3, a4);
            }
            total += weight[i] * (rGamma[xi] + rLogAlpha + betaPart[xi] + mix);
        }
        return total;
    }
}
