package io.clvstream.demo;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the feed reaches the screen. {@link #plain} prints each event as a line and the top table every
 * {@code refresh} (when it changed), so it reads well in a file or a CI log; {@link #ansi} redraws a
 * dashboard in place: progress, the table and the latest events.
 */
public abstract class FeedView {

    /** Where the replay is, for the title line. */
    public record Progress(long simulatedTimeMs, long sent, long total) {
    }

    static final int TOP = 10;

    final PrintStream out;
    final FeedState state;
    final FeedFormat format;
    final Supplier<Progress> progress;

    FeedView(PrintStream out, FeedState state, FeedFormat format, Supplier<Progress> progress) {
        this.out = out;
        this.state = state;
        this.format = format;
        this.progress = progress;
    }

    public static FeedView plain(PrintStream out, FeedState state, FeedFormat format, Supplier<Progress> progress,
                                 long refreshMs) {
        return new Plain(out, state, format, progress, refreshMs);
    }

    public static FeedView ansi(PrintStream out, FeedState state, FeedFormat format, Supplier<Progress> progress) {
        return new Ansi(out, state, format, progress);
    }

    /** What is being replayed and how, once before the feed starts. */
    abstract void intro(List<String> lines);

    /** An event worth a line (tier change, alert, dead letter). */
    abstract void line(String text);

    /** Called every few hundred milliseconds by the feed thread. */
    abstract void tick(long nowMs);

    /** The replay is over and every output has been read: the last table. */
    abstract void finish();

    String title(String when) {
        final Progress p = progress.get();
        final String date = p.sent() == 0 ? "" : FeedFormat.date(p.simulatedTimeMs()) + "  ";
        return date + when + "top " + TOP + " by formula CLV  ·  " + FeedFormat.count(p.sent()) + " of "
            + FeedFormat.count(p.total()) + " events sent  ·  " + FeedFormat.count(state.customers()) + " customers  ·  "
            + "tier changes ↑" + FeedFormat.count(state.upgrades()) + " ↓" + FeedFormat.count(state.downgrades())
            + "  ·  alerts " + FeedFormat.count(state.alertCount());
    }

    private static final class Plain extends FeedView {
        private final long refreshMs;
        private long lastTableAt = System.currentTimeMillis();
        private long lastVersion;

        Plain(PrintStream out, FeedState state, FeedFormat format, Supplier<Progress> progress, long refreshMs) {
            super(out, state, format, progress);
            this.refreshMs = refreshMs;
        }

        @Override
        void intro(List<String> lines) {
            lines.forEach(out::println);
            out.flush();
        }

        @Override
        void line(String text) {
            out.println(text);
        }

        @Override
        void tick(long nowMs) {
            if (nowMs - lastTableAt >= refreshMs && state.version() != lastVersion) {
                table("");
                lastTableAt = nowMs;
            }
            out.flush();
        }

        @Override
        void finish() {
            table("final  ");
            out.flush();
        }

        private void table(String when) {
            lastVersion = state.version();
            out.println();
            format.table(title(when), state.top(TOP)).forEach(out::println);
            out.println();
        }
    }

    private static final class Ansi extends FeedView {
        private static final String HOME = "\u001b[H";
        private static final String CLEAR_SCREEN = "\u001b[2J";
        private static final String CLEAR_LINE = "\u001b[K";
        private static final String CLEAR_BELOW = "\u001b[J";
        private static final String HIDE_CURSOR = "\u001b[?25l";
        private static final String SHOW_CURSOR = "\u001b[?25h";
        private static final int RECENT = 14;
        private static final long REDRAW_MS = 250;
        private static final int BAR = 30;

        private final Deque<String> recent = new ArrayDeque<>();
        private final List<String> intro = new ArrayList<>();
        private long lastDrawAt;
        private boolean started;

        Ansi(PrintStream out, FeedState state, FeedFormat format, Supplier<Progress> progress) {
            super(out, state, format, progress);
        }

        @Override
        void intro(List<String> lines) {
            intro.addAll(lines);
        }

        @Override
        void line(String text) {
            recent.addLast(text);
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }

        @Override
        void tick(long nowMs) {
            if (nowMs - lastDrawAt >= REDRAW_MS) {
                draw("");
                lastDrawAt = nowMs;
            }
        }

        @Override
        void finish() {
            draw("final  ");
            out.print(SHOW_CURSOR);
            out.flush();
        }

        private void draw(String when) {
            final List<String> screen = new ArrayList<>();
            screen.add(bar());
            intro.forEach(line -> screen.add(format.dim(line)));
            screen.add("");
            screen.addAll(format.table(title(when), state.top(TOP)));
            screen.add("");
            screen.add(format.bold("latest tier changes and alerts"));
            screen.addAll(recent);
            final StringBuilder frame = new StringBuilder(started ? HOME : HIDE_CURSOR + CLEAR_SCREEN + HOME);
            screen.forEach(line -> frame.append(line).append(CLEAR_LINE).append('\n'));
            frame.append(CLEAR_BELOW);
            out.print(frame);
            out.flush();
            started = true;
        }

        private String bar() {
            final Progress p = progress.get();
            final double done = p.total() == 0 ? 1 : (double) p.sent() / p.total();
            final int filled = (int) Math.round(done * BAR);
            return format.bold("clv demo") + "  " + (p.sent() == 0 ? "starting" : FeedFormat.date(p.simulatedTimeMs()))
                + "  ▕" + "█".repeat(filled) + "░".repeat(BAR - filled) + "▏ " + Math.round(done * 100) + "%";
        }
    }
}
