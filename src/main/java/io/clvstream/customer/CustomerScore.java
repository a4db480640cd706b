package io.clvstream.customer;

/**
 * A customer's predictive figures as of one time, from one parameter version (docs/predictive.md).
 *
 * @param pAlive                    P(alive | x, t_x, T)
 * @param expectedPurchases         E[Y(horizon) | x, t_x, T], the configured horizon
 * @param predictedClv              discounted monthly sum of expected purchases x expected order value x margin
 * @param expectedAverageOrderValue Gamma-Gamma E[M | x, m-bar] (the population mean for x = 0)
 * @param expectedNextPurchaseAt    as-of + the median time to the next purchase of an alive customer (epoch ms)
 * @param modelVersion              null for the configured prior
 */
public record CustomerScore(double pAlive, double expectedPurchases, double predictedClv,
                            double expectedAverageOrderValue, long expectedNextPurchaseAt, Long modelVersion) {
}
