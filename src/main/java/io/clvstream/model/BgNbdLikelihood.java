package io.clvstream.model;

import java.util.Arrays;
import java.util.List;

/**
 * The weighted BG/NBD log-likelihood over a fixed data set, evaluated many times by the optimiser.
 * <ul>
 *   <li>The log-gamma differences of eq. 6 depend on a row only through its integer x, so they are built per
 *       distinct x by the recurrences lnΓ(r+x) − lnΓ(r) = Σ_{k&lt;x} ln(r+k), and likewise for b and a+b.</li>
 *   <li>Binned input has few distinct t_x and T values (a grid), so ln(α+t) is computed once per distinct time
 *       value and rows refer to it by index; per row only one exp and one log remain.</li>
 * </ul>
 * Not thread safe (reuses its scratch arrays).
 */
final class BgNbdLikelihood {

    private final int[] x;
    private final int[] txIndex;
    private final int[] ageIndex;
    private final double[] weight;
    private final double[] times;
    private final double[] logAlphaPlusTime;
    private final double[] rGamma;
    private final double[] betaPart;
    private final double[] dropTerm;

    BgNbdLikelihood(List<RfmRow> rows) {
        int n = rows.size();
        x = new int[n];
        txIndex = new int[n];
        ageIndex = new int[n];
        weight = new double[n];
        double[] all = new double[2 * n];
        int maxX = 0;
        for (int i = 0; i < n; i++) {
            RfmRow row = rows.get(i);
            x[i] = row.x();
            weight[i] = row.weight();
            all[2 * i] = row.tx();
            all[2 * i + 1] = row.T();
            maxX = Math.max(maxX, row.x());
        }
        times = Arrays.stream(all).sorted().distinct().toArray();
        for (int i = 0; i < n; i++) {
            txIndex[i] = Arrays.binarySearch(times, all[2 * i]);
            ageIndex[i] = Arrays.binarySearch(times, all[2 * i + 1]);
        }
        logAlphaPlusTime = new double[times.length];
        rGamma = new double[maxX + 1];
        betaPart = new double[maxX + 1];
        dropTerm = new double[maxX + 1];
    }

    double value(double r, double alpha, double a, double b) {
        rGamma[0] = 0;
        betaPart[0] = 0;
        for (int k = 1; k < rGamma.length; k++) {
            rGamma[k] = rGamma[k - 1] + Math.log(r + k - 1);
            betaPart[k] = betaPart[k - 1] + Math.log((b + k - 1) / (a + b + k - 1));
            dropTerm[k] = Math.log(a / (b + k - 1));
        }
        for (int j = 0; j < times.length; j++) {
            logAlphaPlusTime[j] = Math.log(alpha + times[j]);
        }
        double rLogAlpha = r * Math.log(alpha);
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            int xi = x[i];
            double rx = r + xi;
            double a3 = -rx * logAlphaPlusTime[ageIndex[i]];
            double mix = a3;
            if (xi > 0) {
                double a4 = dropTerm[xi] - rx * logAlphaPlusTime[txIndex[i]];
                mix = BgNbd.logAddExp(a3, a4);
            }
            total += weight[i] * (rGamma[xi] + rLogAlpha + betaPart[xi] + mix);
        }
        return total;
    }
}
