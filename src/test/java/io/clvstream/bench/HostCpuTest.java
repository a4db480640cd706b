package io.clvstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class HostCpuTest {

    // Two readings of a 2-CPU host's /proc/stat, about 10 s apart (USER_HZ 100): 2,060 ticks in all between them.
    private static final List<String> BEFORE = List.of(
        "cpu  1000 10 200 5000 40 0 30 20 7 0",
        "cpu0 500 5 100 2500 20 0 15 10 7 0",
        "cpu1 500 5 100 2500 20 0 15 10 0 0",
        "intr 69232519 0 0",
        "ctxt 123");
    private static final List<String> AFTER = List.of(
        "cpu  2500 10 500 5060 40 0 130 120 7 0",
        "cpu0 1250 5 250 2530 20 0 65 60 7 0",
        "cpu1 1250 5 250 2530 20 0 65 60 0 0",
        "intr 69232600 0 0",
        "ctxt 456");

    @Test
    void busyIsUserNiceSystemIrqAndSoftirqAndStealIsApart() {
        final HostCpu.Sample sample = HostCpu.parse(BEFORE);

        // guest (7) is already counted in user by the kernel, so it is not added again.
        assertThat(sample.busy()).isEqualTo(1000 + 10 + 200 + 0 + 30);
        assertThat(sample.steal()).isEqualTo(20);
        assertThat(sample.all()).isEqualTo(1240 + 5000 + 40 + 20);
        assertThat(sample.cpus()).isEqualTo(2);
    }

    @Test
    void aPhasesLoadIsItsShareOfTheTicksTimesItsWallClockAndCpus() {
        // Between the readings: busy 1,500 + 300 + 100 = 1,900 ticks, idle 60, steal 100: 2,060 ticks in all.
        final HostCpu.Load load = HostCpu.between(HostCpu.parse(BEFORE), HostCpu.parse(AFTER), 10.0, 380_000);

        assertThat(load.busyFraction()).isCloseTo(1900.0 / 2060, within(1e-12));
        assertThat(load.stealFraction()).isCloseTo(100.0 / 2060, within(1e-12));
        // 10 s on 2 CPUs, busy 1,900 / 2,060 of it: 18.45 CPU seconds over 380,000 events, 48.5 µs each.
        assertThat(load.cpuMicrosPerEvent()).isCloseTo(1900.0 / 2060 * 20 * 1e6 / 380_000, within(1e-9))
            .isCloseTo(48.5, within(0.1));
        assertThat(load.known()).isTrue();
    }

    @Test
    void noTicksOrNoEventsIsUnknownNotADivisionByZero() {
        final HostCpu.Sample same = HostCpu.parse(BEFORE);

        assertThat(HostCpu.between(same, same, 10.0, 1_000).known()).isFalse();
        assertThat(HostCpu.between(same, HostCpu.parse(AFTER), 10.0, 0).known()).isFalse();
        assertThat(HostCpu.Load.UNKNOWN.known()).isFalse();
    }

    @Test
    void oldKernelsWithoutStealColumnsStillParse() {
        final HostCpu.Sample sample = HostCpu.parse(List.of("cpu  100 0 50 850 0", "cpu0 100 0 50 850 0"));

        assertThat(sample.busy()).isEqualTo(150);
        assertThat(sample.steal()).isZero();
        assertThat(sample.all()).isEqualTo(1000);
        assertThat(sample.cpus()).isEqualTo(1);
        assertThatThrownBy(() -> HostCpu.parse(List.of("intr 1 2 3"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aLinuxHostIsReadable() {
        assertThat(HostCpu.sample()).hasValueSatisfying(sample -> {
            assertThat(sample.all()).isPositive().isGreaterThanOrEqualTo(sample.busy() + sample.steal());
            // A container's CPU limit can leave the JVM fewer processors than the host has, never more.
            assertThat(sample.cpus()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        });
    }
}
