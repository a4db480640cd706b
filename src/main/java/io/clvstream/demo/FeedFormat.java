package io.clvstream.demo;

import io.clvstream.avro.Alert;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.TierDirection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of the feed. With {@code color} false it is plain text without a single escape code (for
 * pipes, files and CI logs); with it, ANSI colours. Layout is identical either way.
 */
public final class FeedFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String MAGENTA = "\u001b[35m";
    private static final String CYAN = "\u001b[36m";
    private static final int ID_WIDTH = 10;

    private final boolean color;
    private final List<String> tiers;

    /** {@code tiers}: the ladder's names, lowest first, to colour the tier names by rank. */
    public FeedFormat(boolean color, List<String> tiers) {
        this.color = color;
        this.tiers = List.copyOf(tiers);
    }

    public static String date(long epochMs) {
        return DATE.format(Instant.ofEpochMilli(epochMs));
    }

    public static String money(BigDecimal value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,.2f", value);
    }

    /** A setting such as a speed: no needless decimals ({@code 7}, {@code 0.5}). */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 1997-03-02  ↑ 00111  silver → gold  net spend 12m 162.30 >= gold 150.00} */
    public String tierChange(TierChange change) {
        final boolean up = change.getDirection() == TierDirection.UP;
        final String from = change.getFromTier() == null ? "(new)" : change.getFromTier();
        final String move = pad(from, 8) + " → " + tier(change.getToTier(), 8);
        return paint(DIM, date(change.getOccurredAt().toEpochMilli())) + "  " + paint(up ? GREEN : YELLOW, up ? "↑" : "↓")
            + " " + id(change.getCustomerId()) + "  " + move + "  " + paint(DIM, change.getReason());
    }

    /** {@code 1997-03-02  ★ 19339  HIGH_VALUE         formula CLV 1633.20 reached ...} */
    public String alert(Alert alert) {
        return paint(DIM, date(alert.getOccurredAt().toEpochMilli())) + "  " + paint(MAGENTA, "★") + " "
            + id(alert.getCustomerId()) + "  " + paint(BOLD + MAGENTA, pad(alert.getType().name(), 19)) + "  "
            + alert.getReason();
    }

    public String deadLetter(DeadLetter letter) {
        return paint(DIM, date(letter.getOccurredAt().toEpochMilli())) + "  " + paint(RED, "✗") + " dead letter from "
            + letter.getSourceTopic() + ": " + letter.getReason();
    }

    /** The table under a title line, one customer per row. */
    public List<String> table(String title, List<FeedState.Row> rows) {
        final List<String> lines = new ArrayList<>();
        lines.add(paint(BOLD, title));
        lines.add(paint(DIM, String.format(Locale.ROOT, "%4s  %-" + ID_WIDTH + "s %7s %14s %14s %14s  %s",
            "#", "customer", "orders", "net revenue", "formula CLV", "predicted CLV", "tier")));
        for (int i = 0; i < rows.size(); i++) {
            final FeedState.Row row = rows.get(i);
            lines.add(String.format(Locale.ROOT, "%4d  %s %7d %14s %14s %14s  %s", i + 1, id(row.customerId()),
                row.orders(), money(row.netRevenue()), money(row.formulaClv()), money(row.predictedClv()),
                tier(row.tier(), 0)));
        }
        if (rows.isEmpty()) {
            lines.add(paint(DIM, "      (no customer values yet)"));
        }
        return lines;
    }

    private String id(String customerId) {
        final String shown = customerId.length() > ID_WIDTH ? customerId.substring(0, ID_WIDTH - 1) + "…" : customerId;
        return pad(shown, ID_WIDTH);
    }

    /** A tier name, brighter the higher it ranks; padded to {@code width} outside the escape codes. */
    private String tier(String name, int width) {
        if (name == null) {
            return pad("-", width);
        }
        final int rank = tiers.indexOf(name);
        final int fromTop = tiers.size() - 1 - rank;
        final String style = rank < 0 ? "" : fromTop == 0 ? BOLD + CYAN : fromTop == 1 ? YELLOW : rank == 0 ? DIM : "";
        return paint(style, name) + " ".repeat(Math.max(0, width - name.length()));
    }

    public String paint(String style, String text) {
        return color && !style.isEmpty() ? style + text + RESET : text;
    }

    public boolean color() {
        return color;
    }

    public String bold(String text) {
        return paint(BOLD, text);
    }

    public String dim(String text) {
        return paint(DIM, text);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
