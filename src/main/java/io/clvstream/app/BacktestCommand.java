package io.clvstream.app;

import io.clvstream.backtest.Backtest;
import io.clvstream.backtest.BacktestReport;
import io.clvstream.backtest.BacktestResult;
import io.clvstream.files.TransactionFileReader;
import io.clvstream.predict.ModelTimeUnit;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clv backtest}: DESIGN.md's backtest of the predictive model on a transaction file. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Replay a transaction file through the topology as of the calibration end, fit, score and compare "
        + "with the holdout period; writes DIR/params.json and DIR/customers.csv.")
public final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "Transaction file.")
    Path transactions;

    @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
        description = "Last day (inclusive, UTC) of the calibration period; the as-of time is 00:00 UTC of this day.")
    LocalDate calibrationEnd;

    @Option(names = "--holdout-end", required = true, paramLabel = "DATE", description = "Last day (inclusive) of the holdout.")
    LocalDate holdoutEnd;

    @Option(names = "--time-unit", defaultValue = "weeks", paramLabel = "weeks|days", description = "Model time unit.")
    String timeUnit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|cdnow",
        description = "csv (DESIGN.md columns) or cdnow (the raw CDNOW files).")
    String format;

    @Option(names = "--currency", defaultValue = "USD", description = "Currency of CSV rows without one.")
    String currency;

    @Override
    public Integer call() throws Exception {
        final TransactionFileReader reader = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> TransactionFileReader.csv(currency);
            case "cdnow" -> TransactionFileReader.cdnow();
            default -> throw new IllegalArgumentException("--format must be csv or cdnow, got " + format);
        };
        final long started = System.nanoTime();
        final BacktestResult result =
            new Backtest(reader, calibrationEnd, holdoutEnd, ModelTimeUnit.parse(timeUnit)).run(transactions);
        BacktestReport.write(result, out);
        System.out.print(paramsLine(result));
        BacktestReport.printTable(result, System.out);
        System.out.printf(Locale.ROOT, "wrote %s and %s (%d customers, %d unreadable rows) in %.1f s%n",
            out.resolve("params.json"), out.resolve("customers.csv"), result.customers().size(), result.unreadableRows(),
            (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static String paramsLine(BacktestResult result) {
        return "model version " + result.params().getVersion() + ", fit " + String.format(Locale.ROOT, "%.2f",
            result.params().getFitSeconds()) + " s: " + BacktestReport.paramsJson(result);
    }
}
