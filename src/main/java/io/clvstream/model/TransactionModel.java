package io.clvstream.model;

/**
 * A fitted "buy till you die" transaction model scored per customer from (x, t_x, T), all times in the model's
 * time unit and measured from the customer's first purchase. Implemented by {@link BgNbdScorer} and
 * {@link ParetoNbdScorer} so that the stream can choose the model by configuration. Implementations are
 * thread safe, immutable in what they compute and, once warm, allocation free on these methods.
 */
public interface TransactionModel {

    /** P(customer still alive at T | x, t_x, T). */
    double pAlive(int x, double tx, double T);

    /** Conditional expected number of purchases in (T, T + t]: E[Y(t) | x, t_x, T]. */
    double expectedPurchases(double t, int x, double tx, double T);

    /**
     * {@link #expectedPurchases(double, int, double, double)} at each of the first {@code count} horizons of
     * {@code t}, into {@code into} (not {@code t} itself): the CLV needs one customer's expectation at every
     * month. One by one here; a model may share work between the horizons.
     */
    default void expectedPurchases(double[] t, int count, int x, double tx, double T, double[] into) {
        for (int i = 0; i < count; i++) {
            into[i] = expectedPurchases(t[i], x, tx, T);
        }
    }

    /** Unconditional expected number of repeat purchases in (0, t] for a new customer: E[X(t)]. */
    double expectedPurchases(double t);

    /**
     * The age T at which P(alive | x, t_x, T) of a customer who makes no further purchase first drops below
     * {@code threshold} (0 &lt; threshold &lt; 1), measured from the first purchase like T; never less than
     * {@code tx}; {@link Double#POSITIVE_INFINITY} when it never does. Used to index AT_RISK due times.
     */
    double timeWhenPAliveBelow(double threshold, int x, double tx);

    /**
     * Median time from T to the next purchase of a customer who is alive at T: with λ | data, alive ~
     * Gamma(r+x, α+T) the waiting time has survival ((α+T)/(α+T+s))^(r+x), so the median is
     * (α+T)(2^(1/(r+x)) − 1). Under BG/NBD an alive customer's next purchase is certain (dropout happens only
     * right after a purchase), so this is exact; under Pareto/NBD it is the median conditional on also staying
     * alive until then. The unconditional "next purchase" may never happen, so it has no median in general.
     */
    double medianTimeToNextPurchase(int x, double tx, double T);
}
