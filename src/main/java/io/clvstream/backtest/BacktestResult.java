package io.clvstream.backtest;

import io.clvstream.avro.ModelParams;
import io.clvstream.predict.ModelTimeUnit;
import java.util.List;

/** What a backtest produced: the fit at the calibration end and one row per calibration customer, in file order. */
public record BacktestResult(ModelParams params, ModelTimeUnit unit, List<CustomerRow> customers, int unreadableRows) {
}
