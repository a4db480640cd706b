package io.clvstream.demo;

import io.clvstream.app.run.ClvRunner;
import io.clvstream.avro.TierChange;
import io.clvstream.config.ClvConfig;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.Money;
import io.clvstream.customer.Tier;
import io.clvstream.serde.ClvSerdes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code clv demo} end to end: the embedded stack of {@code clv run}, the replay, the live feed and
 * the summary. Ctrl-C ({@link #requestStop()}) ends whichever phase is running and still closes
 * Streams, registry and broker in order.
 */
public final class Demo {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FEED_TIMEOUT = Duration.ofSeconds(60);

    private final ClvConfig config;
    private final DemoInput input;
    private final DemoOptions options;
    private final PrintStream out;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Replayer replayer;
    private volatile LiveFeed feed;

    /** {@code config}: the demo's settings ({@link DemoSettings}), embedded mode. */
    public Demo(ClvConfig config, DemoInput input, DemoOptions options, PrintStream out) {
        this.config = config;
        this.input = input;
        this.options = options;
        this.out = out;
    }

    /** Returns the exit status: 1 when Streams failed, 0 otherwise (Ctrl-C included). */
    public int run() throws InterruptedException {
        final DemoScript script = DemoScript.of(input.transactions(), options.extras());
        final DemoDataDir dir = new DemoDataDir(config.dataDir());
        final DemoDataDir.Plan plan = dir.prepare(options.fresh(), input.description());
        if (!plan.message().isEmpty()) {
            say(plan.message());
        }
        if (!input.errors().isEmpty()) {
            say("skipped " + input.errors().size() + " unreadable rows of " + input.description() + ", e.g. "
                + input.errors().get(0));
        }
        say("starting the embedded Kafka broker and schema registry (data in " + config.dataDir() + ") ...");
        final BlockingQueue<String> ready = new LinkedBlockingQueue<>();
        try (ClvRunner runner = ClvRunner.start(config, line -> {
            out.println(line);
            out.flush();
            ready.add(line);
        })) {
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "clv-demo-shutdown"));
            final String line = awaitReady(runner, ready);
            if (line != null) {
                show(ReadyLine.parse(line), script, plan, dir, runner);
            }
            runner.close();
            return runner.failed() ? 1 : 0;
        }
    }

    private void show(ReadyLine address, DemoScript script, DemoDataDir.Plan plan, DemoDataDir dir, ClvRunner runner)
        throws InterruptedException {
        final ClvConfig live = config.with(Map.of(ClvConfig.BOOTSTRAP_SERVERS, address.bootstrapServers(),
            ClvConfig.SCHEMA_REGISTRY_URL, address.registryUrl()));
        final Map<String, Object> client = live.clientProperties();
        final ClvSerdes serdes = ClvSerdes.create(live.registryProperties());
        final TopicNames topics = live.topicNames();
        final CustomerTopologyConfig settings = CustomerTopologyConfig.from(live.asMap());
        final List<String> tierNames = settings.tiers().stream().map(Tier::name).toList();
        try (Admin admin = Admin.create(client)) {
            EventTimeRetention.keepForever(admin, List.of(topics.purchases(), topics.refunds(), topics.signups(),
                topics.tierChanges(), topics.alerts(), topics.deadLetter()));
            final FeedState state = new FeedState();
            final FeedFormat format = new FeedFormat(options.interactive(), tierNames);
            final FeedView view = options.interactive()
                ? FeedView.ansi(out, state, format, () -> progress(script))
                : FeedView.plain(out, state, format, () -> progress(script), options.refreshMs());
            view.intro(intro(script, settings, plan.replay()));
            feed = new LiveFeed(client, topics, serdes, state, view, format, listed(tierNames));
            final Thread feedThread = new Thread(feed, "clv-demo-feed");
            feedThread.setDaemon(true);
            feedThread.start();
            final long startedAt = System.nanoTime();
            if (plan.replay()) {
                replay(client, topics, serdes, script);
            }
            final Completion completion = new Completion(admin);
            final boolean complete = stop.getCount() > 0 && completion.awaitProcessed(live.applicationId(),
                List.of(topics.purchases(), topics.refunds(), topics.signups()), PROCESSING_TIMEOUT, stop);
            if (complete) {
                feed.drainTo(completion.endOffsets(feed.outputTopics()));
            } else {
                feed.stop();
            }
            if (!feed.awaitFinished(FEED_TIMEOUT)) {
                feed.stop();
                feed.awaitFinished(Duration.ofSeconds(5));
            }
            if (complete && plan.replay()) {
                dir.finished(script.events().size());
            }
            summary(script, state, complete, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt));
            if (complete && !options.exitWhenDone() && stop.getCount() > 0 && !runner.failed()) {
                say("still running: kafka=" + address.bootstrapServers() + " schema-registry=" + address.registryUrl()
                    + " (topics " + topics.customerValues() + ", " + topics.tierChanges() + ", " + topics.alerts()
                    + "); Ctrl-C to stop");
                stop.await();
            }
        }
    }

    private void replay(Map<String, Object> client, TopicNames topics, ClvSerdes serdes, DemoScript script)
        throws InterruptedException {
        try (Replayer r = new Replayer(client, topics, serdes)) {
            replayer = r;
            if (stop.getCount() == 0) {
                return;
            }
            r.replay(script, new ReplayClock(script.first().toEpochMilli(), options.daysPerSecond(),
                System.currentTimeMillis()));
        }
    }

    private FeedView.Progress progress(DemoScript script) {
        final Replayer r = replayer;
        final int total = script.events().size();
        if (r == null) {
            // Resuming a finished demo: everything was sent by the earlier run.
            return new FeedView.Progress(script.last().toEpochMilli(), total, total);
        }
        return new FeedView.Progress(r.eventTime(), r.sent(), total);
    }

    /** Changes into or out of the two highest tiers get a line; the many lower ones are only counted. */
    private Predicate<TierChange> listed(List<String> tierNames) {
        if (options.allTierChanges()) {
            return change -> true;
        }
        final Set<String> top = Set.copyOf(tierNames.subList(Math.max(0, tierNames.size() - 2), tierNames.size()));
        return change -> top.contains(change.getToTier())
            || change.getFromTier() != null && top.contains(change.getFromTier());
    }

    private List<String> intro(DemoScript script, CustomerTopologyConfig settings, boolean replay) {
        final List<String> lines = new ArrayList<>();
        final String speed = options.daysPerSecond() > 0
            ? "at " + FeedFormat.number(options.daysPerSecond()) + " days per second (about "
                + Math.round(ReplayClock.durationSeconds(script.first().toEpochMilli(), script.last().toEpochMilli(),
                    options.daysPerSecond())) + " s)"
            : "as fast as possible";
        lines.add("clv demo: " + (replay ? "replaying " : "replayed ") + FeedFormat.count(script.purchases())
            + " orders of " + FeedFormat.count(script.customers()) + " customers from " + input.description() + ", "
            + FeedFormat.date(script.first().toEpochMilli()) + " .. " + FeedFormat.date(script.last().toEpochMilli())
            + (replay ? ", " + speed : ""));
        if (options.extras()) {
            lines.add("clv demo: plus " + FeedFormat.count(script.signups()) + " generated signups (segments "
                + String.join("/", DemoExtras.SEGMENTS) + ", acquisition cost by channel) and "
                + FeedFormat.count(script.refunds()) + " generated refunds");
        }
        lines.add("clv demo: tiers " + settings.tiers().stream()
            .map(t -> t.name() + " " + FeedFormat.money(Money.toDecimal(t.thresholdCents())))
            .collect(Collectors.joining(" | ")) + " on " + settings.tierMetric().label() + "; "
            + "HIGH_VALUE alert at " + settings.highValueMetric().label() + " "
            + FeedFormat.money(Money.toDecimal(settings.highValueThresholdCents())));
        return lines;
    }

    private void summary(DemoScript script, FeedState state, boolean complete, long seconds) {
        final Replayer r = replayer;
        final long sent = r == null ? script.events().size() : r.sent();
        out.println();
        say(complete ? "done in " + seconds + " s" : "stopped after " + seconds + " s, before the replay was processed");
        out.println("  events replayed   " + FeedFormat.count(sent) + " of " + FeedFormat.count(script.events().size())
            + " (" + FeedFormat.count(script.purchases()) + " purchases, " + FeedFormat.count(script.signups())
            + " signups, " + FeedFormat.count(script.refunds()) + " refunds)");
        out.println("  customers         " + FeedFormat.count(state.customers()) + " ("
            + FeedFormat.count(state.repeatCustomers()) + " bought on two or more days)");
        out.println("  tier changes      up " + FeedFormat.count(state.upgrades()) + ", down "
            + FeedFormat.count(state.downgrades()));
        out.println("  alerts            " + state.alerts().entrySet().stream()
            .map(e -> e.getKey() + " " + FeedFormat.count(e.getValue())).collect(Collectors.joining(", ")));
        out.println("  dead letters      " + FeedFormat.count(state.deadLetters()));
        out.flush();
    }

    /** Waits for the ready line; null when Ctrl-C or a Streams failure came first. */
    private String awaitReady(ClvRunner runner, BlockingQueue<String> ready) throws InterruptedException {
        while (stop.getCount() > 0) {
            final String line = ready.poll(500, TimeUnit.MILLISECONDS);
            if (line != null) {
                return line;
            }
            final boolean down = runner.failed() || runner.streams()
                .map(streams -> streams.state() == KafkaStreams.State.NOT_RUNNING
                    || streams.state() == KafkaStreams.State.ERROR).orElse(false);
            if (down) {
                return null;
            }
        }
        return null;
    }

    /** Ctrl-C: stop the replay and the feed, print what was seen, close everything. */
    public void requestStop() {
        stop.countDown();
        final Replayer r = replayer;
        if (r != null) {
            r.stop();
        }
        final LiveFeed f = feed;
        if (f != null) {
            f.stop();
        }
    }

    private void say(String text) {
        out.println(text.startsWith("clv demo:") ? text : "clv demo: " + text);
        out.flush();
    }
}
