package io.clvstream.app;

import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.files.TransactionFileReader;
import io.clvstream.files.TransactionFormat;
import io.clvstream.ingest.ColumnNames;
import io.clvstream.ingest.FileSummary;
import io.clvstream.ingest.Ingester;
import io.clvstream.ingest.InputFiles;
import io.clvstream.ingest.PurchaseRows;
import io.clvstream.serde.ClvSerdes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clv ingest}: loads historical exports into the input topics. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Loads CSV exports into the input topics (Avro through the schema registry, idempotent producer).",
        "Signups are sent first, then purchases, then refunds. Unreadable rows are reported with their line",
        "number and skipped. Exit status 0 when at least one row was loaded, 1 otherwise."})
final class IngestCommand implements Callable<Integer> {

    private static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    private static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--purchases", paramLabel = "FILE", required = true,
        description = "Purchases: customer_id,order_id,occurred_at,amount[,currency,gross_margin] (or CDNOW).")
    Path purchases;

    @Option(names = "--signups", paramLabel = "FILE",
        description = "Signups: customer_id,signed_up_at[,acquisition_channel,segment,acquisition_cost,currency].")
    Path signups;

    @Option(names = "--refunds", paramLabel = "FILE",
        description = "Refunds: refund_id,order_id,customer_id,occurred_at,amount[,currency].")
    Path refunds;

    @Option(names = "--format", paramLabel = "csv|cdnow", defaultValue = "csv",
        description = "Layout of the purchases file (default: csv).")
    String format;

    @Option(names = "--column", paramLabel = "NAME=HEADER",
        description = "Read column NAME from header HEADER, repeatable (e.g. --column customer_id=Email).")
    Map<String, String> columns = new LinkedHashMap<>();

    @Override
    public Integer call() {
        final Map<String, String> defaults = new LinkedHashMap<>();
        final ClvConfig loaded = options.load(Map.of());
        if (loaded.bootstrapServers().isEmpty()) {
            defaults.put(ClvConfig.BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP);
        }
        if (loaded.schemaRegistryUrl().isEmpty()) {
            defaults.put(ClvConfig.SCHEMA_REGISTRY_URL, DEFAULT_REGISTRY);
        }
        final ClvConfig config = loaded.with(defaults);
        final ColumnNames names = new ColumnNames(columns);
        final String currency = CustomerTopologyConfig.from(config.asMap()).baseCurrency();
        final TopicNames topics = config.topicNames();
        final ClvSerdes serdes = ClvSerdes.create(config.registryProperties());
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<FileSummary> summaries = new ArrayList<>();
        try (Ingester ingester = new Ingester(config.clientProperties(), err, System.console() != null)) {
            if (signups != null) {
                summaries.add(ingester.load(signups, topics.signups(), InputFiles.signups(names, currency),
                    serdes.signup().serializer(), CustomerSignup::getCustomerId));
            }
            summaries.add(ingester.load(purchases, topics.purchases(), PurchaseRows.reader(purchaseReader(names, currency)),
                serdes.purchase().serializer(), Purchase::getCustomerId));
            if (refunds != null) {
                summaries.add(ingester.load(refunds, topics.refunds(), InputFiles.refunds(names, currency),
                    serdes.refund().serializer(), Refund::getCustomerId));
            }
        }
        summaries.forEach(out::println);
        final long sent = summaries.stream().mapToLong(FileSummary::sent).sum();
        out.println(String.format(Locale.ROOT, "total: %,d rows read, %,d sent, %,d rejected in %.1f s",
            summaries.stream().mapToLong(FileSummary::read).sum(), sent,
            summaries.stream().mapToLong(FileSummary::rejected).sum(),
            summaries.stream().mapToDouble(FileSummary::seconds).sum()));
        out.flush();
        return sent > 0 ? 0 : 1;
    }

    private TransactionFileReader purchaseReader(ColumnNames names, String currency) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> new TransactionFileReader(TransactionFormat.CSV, names.purchases(), currency);
            case "cdnow" -> TransactionFileReader.cdnow();
            default -> throw new IllegalArgumentException("--format must be csv or cdnow, not " + format);
        };
    }
}
