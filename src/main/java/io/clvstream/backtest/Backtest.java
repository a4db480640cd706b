package io.clvstream.backtest;

import io.clvstream.avro.ModelParams;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerFigures;
import io.clvstream.customer.CustomerScore;
import io.clvstream.customer.PredictiveFigures;
import io.clvstream.files.Transaction;
import io.clvstream.files.TransactionFileReader;
import io.clvstream.predict.ModelTimeUnit;
import io.clvstream.predict.PredictConfig;
import io.clvstream.predict.ScoringModel;
import io.clvstream.registry.MockSchemaRegistry;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.InternalAvroSerde;
import io.clvstream.topology.ClvTopology;
import io.clvstream.topology.StateStores;
import io.clvstream.topology.RfmSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code clv backtest}: replays a transaction file through the production topology ({@link ClvTopology#build})
 * in a TopologyTestDriver with stream time, as of the calibration end. Purchases up to and including the
 * calibration end date are piped in event-time order; then the customer task's RFM sample is published as of
 * the calibration end (00:00 UTC of that date, so T = days from the first purchase day to the calibration end,
 * as in lifetimes and the literature) to the same summaries topic and fitter the live refit uses, and every
 * customer is scored with the published parameters by the same code that scores events. Holdout actuals are
 * the distinct purchase days in (calibration end, holdout end] read from the file.
 */
public final class Backtest {

    private static final String APPLICATION_ID = "clv-backtest";

    private final TransactionFileReader reader;
    private final LocalDate calibrationEnd;
    private final LocalDate holdoutEnd;
    private final ModelTimeUnit unit;

    public Backtest(TransactionFileReader reader, LocalDate calibrationEnd, LocalDate holdoutEnd, ModelTimeUnit unit) {
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("--holdout-end must be after --calibration-end");
        }
        this.reader = reader;
        this.calibrationEnd = calibrationEnd;
        this.holdoutEnd = holdoutEnd;
        this.unit = unit;
    }

    public BacktestResult run(Path file) throws IOException {
        final List<Transaction> calibration = new ArrayList<>();
        final Map<String, Set<LocalDate>> holdoutDays = new HashMap<>();
        final LinkedHashMap<String, Boolean> customers = new LinkedHashMap<>();
        final int[] unreadable = {0};
        reader.read(file, t -> {
            final LocalDate day = t.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            customers.putIfAbsent(t.customerId(), Boolean.TRUE);
            if (!day.isAfter(calibrationEnd)) {
                calibration.add(t);
            } else if (!day.isAfter(holdoutEnd)) {
                holdoutDays.computeIfAbsent(t.customerId(), k -> new HashSet<>()).add(day);
            }
        }, error -> {
            unreadable[0]++;
            System.err.println("line " + error.line() + ": " + error.message());
        });
        calibration.sort(Comparator.comparing(Transaction::occurredAt));
        final long asOf = calibrationEnd.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        final long holdoutDaysCount = ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd);

        final String scope = "backtest-" + UUID.randomUUID();
        final Map<String, Object> config = config(scope, customers.size(), holdoutDaysCount);
        final ClvSerdes serdes = ClvSerdes.create(config);
        final Path stateDir = Files.createTempDirectory("clv-backtest");
        try (TopologyTestDriver driver = new TopologyTestDriver(ClvTopology.build(config, serdes), properties(stateDir))) {
            final TopicNames topics = TopicNames.from(config);
            final TestInputTopic<String, Purchase> purchases =
                driver.createInputTopic(topics.purchases(), new StringSerializer(), serdes.purchase().serializer());
            for (final Transaction t : calibration) {
                purchases.pipeInput(t.customerId(), Purchase.newBuilder().setOrderId(t.orderId())
                    .setCustomerId(t.customerId()).setOccurredAt(t.occurredAt()).setAmount(t.amount())
                    .setCurrency(t.currency()).setGrossMargin(t.grossMargin()).build(), t.occurredAt());
            }
            final ModelParams params = fitAsOf(driver, topics, serdes, asOf, (int) config.get(PredictConfig.SAMPLE_SIZE));
            final ScoringModel model = ScoringModel.from(params);
            final PredictiveFigures figures = new PredictiveFigures(PredictConfig.from(config));
            final KeyValueStore<String, CustomerState> states = driver.getKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE);
            final List<CustomerRow> rows = new ArrayList<>();
            for (final String customerId : customers.keySet()) {
                final CustomerState state = states.get(customerId);
                final CustomerScore score = state == null ? null : figures.score(model, state, asOf);
                if (score != null) {
                    rows.add(row(customerId, state, score, asOf, holdoutDays.getOrDefault(customerId, Set.of()).size()));
                }
            }
            return new BacktestResult(params, unit, rows, unreadable[0]);
        } finally {
            MockSchemaRegistry.dropScope(scope);
        }
    }

    /** Publishes the sample as of {@code asOf} to the fitter's input topic and returns what the fitter published. */
    private ModelParams fitAsOf(TopologyTestDriver driver, TopicNames topics, ClvSerdes serdes, long asOf, int sampleSize) {
        final RfmSample sample = new RfmSample(sampleSize);
        sample.init(driver.getKeyValueStore(ClvTopology.CUSTOMER_STATE_STORE));
        final RfmSummary summary = sample.summary(0, asOf);
        final TestOutputTopic<String, ModelParams> published =
            driver.createOutputTopic(topics.modelParams(), new StringDeserializer(), serdes.modelParams().deserializer());
        published.readValuesToList();
        driver.createInputTopic(APPLICATION_ID + "-" + ClvTopology.RFM_SUMMARIES_REPARTITION + "-repartition",
                new StringSerializer(), new InternalAvroSerde<>(RfmSummary.class).serializer())
            .pipeInput("0", summary, asOf);
        final List<ModelParams> fits = published.readValuesToList();
        if (fits.isEmpty()) {
            throw new IllegalStateException("the model fit at the calibration end failed or had too little data (see the log)");
        }
        return fits.get(fits.size() - 1);
    }

    private CustomerRow row(String customerId, CustomerState state, CustomerScore score, long asOf, int actual) {
        final int x = CustomerFigures.repeatTransactions(state);
        final Double mean = CustomerFigures.meanRepeatValueCents(state);
        final double age = unit.fromMillis(asOf - state.getPurchaseDays().get(0) * 86_400_000.0);
        return new CustomerRow(customerId, x, unit.fromDays(CustomerFigures.recencyDays(state)), age,
            mean == null ? 0 : mean / 100.0, score.pAlive(), score.expectedPurchases(), actual,
            score.expectedAverageOrderValue(), score.predictedClv());
    }

    private Map<String, Object> config(String scope, int customers, long holdoutDays) {
        final Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", "mock://" + scope);
        config.put("clv.time.source", "stream-time");
        config.put(StateStores.STORE_TYPE, "in-memory");
        config.put(PredictConfig.TIME_UNIT, unit.name());
        // Room for every customer (one spare: a full sample switches to the bottom-k population estimate), so the
        // fit is the exact maximum-likelihood fit of the whole file up to 49,999 customers.
        config.put(PredictConfig.SAMPLE_SIZE, Math.max(10, Math.min(customers + 1, 50_000)));
        config.put(PredictConfig.MIN_CUSTOMERS, "1");
        config.put(PredictConfig.REFIT_INTERVAL, "PT0S");
        // Periodic summaries would fit during the replay; the one fit that matters is at the calibration end.
        config.put(PredictConfig.SUMMARY_INTERVAL, "P100000D");
        config.put(PredictConfig.HORIZON_DAYS, Long.toString(holdoutDays));
        config.put(PredictConfig.HORIZON_MONTHS, "12");
        config.put(PredictConfig.MONTHLY_DISCOUNT, "0.01");
        // Historic files: no event is "in the future", and refund windows need not hold every order.
        config.put("clv.validation.max-future", "P36500D");
        return config;
    }

    private static java.util.Properties properties(Path stateDir) {
        final java.util.Properties props = new java.util.Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}
