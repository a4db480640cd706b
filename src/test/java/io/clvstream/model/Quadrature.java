package io.clvstream.model;

import java.util.function.DoubleUnaryOperator;

/** Independent numerical integration for tests: adaptive Gauss–Kronrod (7/15) on [lo, hi]. */
final class Quadrature {

    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private Quadrature() {
    }

    static double integrate(DoubleUnaryOperator f, double lo, double hi, double tol) {
        return adapt(f, lo, hi, tol, 0);
    }

    private static double adapt(DoubleUnaryOperator f, double lo, double hi, double tol, int depth) {
        double c = 0.5 * (lo + hi);
        double h = 0.5 * (hi - lo);
        double fc = f.applyAsDouble(c);
        double kronrod = fc * WGK[7];
        double gauss = fc * WG[3];
        for (int j = 0; j < 7; j++) {
            double dx = h * XGK[j];
            double s = f.applyAsDouble(c - dx) + f.applyAsDouble(c + dx);
            kronrod += WGK[j] * s;
            if (j % 2 == 1) {
                gauss += WG[j / 2] * s;
            }
        }
        kronrod *= h;
        gauss *= h;
        if (Math.abs(kronrod - gauss) <= tol || depth > 40) {
            return kronrod;
        }
        return adapt(f, lo, c, tol / 2, depth + 1) + adapt(f, c, hi, tol / 2, depth + 1);
    }
}
