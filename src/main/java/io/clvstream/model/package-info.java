/**
 * Pure customer-value mathematics: numbers in, numbers out, no Kafka, no I/O (STYLE.md item 12).
 *
 * <ul>
 *   <li>{@link io.clvstream.model.FormulaClv}: the classic AOV × frequency × lifespan × margin formula.</li>
 *   <li>Transaction ("buy till you die") models behind {@link io.clvstream.model.TransactionModel}:
 *       BG/NBD ({@link io.clvstream.model.BgNbd}, {@link io.clvstream.model.BgNbdScorer}) and Pareto/NBD
 *       ({@link io.clvstream.model.ParetoNbd}, {@link io.clvstream.model.ParetoNbdScorer}).</li>
 *   <li>Spend: Gamma-Gamma ({@link io.clvstream.model.GammaGamma}, {@link io.clvstream.model.GammaGammaParams}).</li>
 *   <li>{@link io.clvstream.model.PredictiveClv}: lifetimes' discounted monthly CLV sum.</li>
 *   <li>Fitting input is compact and weighted ({@link io.clvstream.model.RfmRow}, {@link io.clvstream.model.SpendRow},
 *       {@link io.clvstream.model.RfmBinner}); fits return a {@link io.clvstream.model.FitResult} and never NaN.</li>
 * </ul>
 *
 * <p>Time: x counts repeat purchase days; t_x and T are measured from the first purchase in one model time unit
 * (days or weeks) chosen by the caller. Only α (and β for Pareto/NBD) carry the unit: a fit in days has α seven
 * times the fit in weeks and the same r, a, b. Predictive CLV takes the month length in that unit.
 */
package io.clvstream.model;
