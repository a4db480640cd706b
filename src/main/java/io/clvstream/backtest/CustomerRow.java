package io.clvstream.backtest;

/** One line of customers.csv (DESIGN.md): calibration summary, predictions as of the calibration end, holdout actuals. */
public record CustomerRow(String customerId, int frequency, double recency, double age, double monetaryValue,
                          double pAlive, double expectedHoldout, int actualHoldout, double expectedAverageValue,
                          double clv12m) {
}
