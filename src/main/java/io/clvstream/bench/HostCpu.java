package io.clvstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole host's CPU over a bench phase, from Linux's {@code /proc/stat}: the stream threads' own CPU leaves out
 * what a phase costs the broker, the producers' I/O threads, the JIT compiler and the collector, which on a small
 * machine shared with the broker is most of it. A host without {@code /proc/stat} reports {@link Load#UNKNOWN}.
 */
final class HostCpu {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private HostCpu() {
    }

    /**
     * Cumulative ticks of all CPUs since boot. {@code busy} is what the host ran (user, nice, system, irq, softirq),
     * {@code steal} what the hypervisor gave to other guests while this one wanted to run, {@code all} every tick.
     */
    record Sample(long busy, long steal, long all, int cpus) {
    }

    /**
     * A phase's share of the host: busy CPU per event (all processes, in µs), and the fractions of the host's
     * CPU time that was busy and that was stolen by the hypervisor. NaN when the host could not be read.
     */
    record Load(double cpuMicrosPerEvent, double busyFraction, double stealFraction) {
        static final Load UNKNOWN = new Load(Double.NaN, Double.NaN, Double.NaN);

        boolean known() {
            return !Double.isNaN(cpuMicrosPerEvent);
        }
    }

    static Optional<Sample> sample() {
        try {
            return Files.isReadable(PROC_STAT) ? Optional.of(parse(Files.readAllLines(PROC_STAT))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the aggregate {@code cpu} line (user nice system idle iowait irq softirq steal ...; guest time is
     * already inside user) and counts the {@code cpuN} lines.
     */
    static Sample parse(List<String> procStat) {
        final String total = procStat.stream().filter(line -> line.startsWith("cpu ")).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No aggregate cpu line"));
        final String[] fields = total.trim().split("\\s+");
        final long user = tick(fields, 1);
        final long nice = tick(fields, 2);
        final long system = tick(fields, 3);
        final long idle = tick(fields, 4);
        final long iowait = tick(fields, 5);
        final long irq = tick(fields, 6);
        final long softirq = tick(fields, 7);
        final long steal = tick(fields, 8);
        final long busy = user + nice + system + irq + softirq;
        final int cpus = (int) procStat.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
        return new Sample(busy, steal, busy + idle + iowait + steal, Math.max(1, cpus));
    }

    private static long tick(String[] fields, int index) {
        return index < fields.length ? Long.parseLong(fields[index]) : 0;
    }

    /**
     * The load between two samples over a phase of {@code seconds} that took in {@code events}. Ticks are in
     * USER_HZ, which Java cannot read; the busy share of all ticks times the phase's wall clock and the CPU count
     * gives busy CPU seconds without it.
     */
    static Load between(Sample from, Sample to, double seconds, long events) {
        final long all = to.all() - from.all();
        if (all <= 0 || events <= 0) {
            return Load.UNKNOWN;
        }
        final double busyFraction = (double) (to.busy() - from.busy()) / all;
        final double stealFraction = (double) (to.steal() - from.steal()) / all;
        return new Load(busyFraction * seconds * to.cpus() * 1e6 / events, busyFraction, stealFraction);
    }
}
