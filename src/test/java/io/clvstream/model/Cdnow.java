package io.clvstream.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test access to the CDNOW files shipped in shared/data/cdnow (see its README). */
final class Cdnow {

    /** One customer of cdnow_customers_summary_with_transactions.csv (weeks). */
    record Customer(int id, int x, double tx, double T, double zbar) {
    }

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private Cdnow() {
    }

    /** System property {@code cdnow.dir}, else the first {@code shared/data/cdnow} found walking up from cwd. */
    static Path dir() {
        String configured = System.getProperty("cdnow.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("cdnow");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/cdnow not found above " + Paths.get("").toAbsolutePath()
                + "; set -Dcdnow.dir");
    }

    static List<Customer> summary() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("cdnow_customers_summary_with_transactions.csv"));
            List<Customer> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split(",");
                out.add(new Customer(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RfmRow> rfmRows() {
        return summary().stream().map(c -> RfmRow.of(c.x(), c.tx(), c.T())).toList();
    }

    static List<SpendRow> spendRows() {
        return summary().stream().filter(c -> c.x() > 0).map(c -> SpendRow.of(c.x(), c.zbar())).toList();
    }

    /**
     * Rebuilds (x, t_x, T, mean repeat value) per sample id from CDNOW_sample.txt: same-day rows merged
     * (amounts summed), calibration up to and including 1997-09-30, time in weeks.
     */
    static Map<Integer, Customer> rebuildFromSample() {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, TreeMap<LocalDate, Double>> days = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(dir().resolve("CDNOW_sample.txt"))) {
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\\s+");
                int sampleId = Integer.parseInt(f[1]);
                LocalDate date = LocalDate.parse(f[2], yyyymmdd);
                double dollars = Double.parseDouble(f[4]);
                days.computeIfAbsent(sampleId, k -> new TreeMap<>()).merge(date, dollars, Double::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Customer> out = new TreeMap<>();
        days.forEach((id, byDay) -> {
            LocalDate first = byDay.firstKey();
            List<Map.Entry<LocalDate, Double>> calibration = byDay.headMap(CALIBRATION_END, true).entrySet()
                    .stream().toList();
            int x = calibration.size() - 1;
            LocalDate last = calibration.get(calibration.size() - 1).getKey();
            double repeatSum = 0;
            for (int i = 1; i < calibration.size(); i++) {
                repeatSum += calibration.get(i).getValue();
            }
            out.put(id, new Customer(id, x, ChronoUnit.DAYS.between(first, last) / 7.0,
                    ChronoUnit.DAYS.between(first, CALIBRATION_END) / 7.0, x > 0 ? repeatSum / x : 0));
        });
        return out;
    }
}
