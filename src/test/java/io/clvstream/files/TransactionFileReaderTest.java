package io.clvstream.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsDesignCsvAndReportsEachBadRowWithItsLineNumber() throws Exception {
        final Path file = dir.resolve("tx.csv");
        Files.writeString(file, String.join("\n",
            "customer_id,order_id,occurred_at,amount,currency,gross_margin",
            "c1,o1,2026-01-05,500.00,EUR,120.50",
            "c1,o2,2026-01-06T10:15:30Z,12.5,,",
            ",o3,2026-01-07,1.00,USD,",
            "c2,o4,yesterday,1.00,USD,",
            "c2,o5,2026-01-08T09:00:00,abc,USD,",
            "c3,o6,2026-01-09T09:00:00+02:00,0,usd,",
            ""));
        final List<Transaction> rows = new ArrayList<>();
        final List<RowError> errors = new ArrayList<>();

        TransactionFileReader.csv("USD").read(file, rows::add, errors::add);

        assertThat(rows).extracting(Transaction::orderId).containsExactly("o1", "o2", "o6");
        assertThat(rows.get(0).amount()).isEqualByComparingTo(new BigDecimal("500.00"));
        assertThat(rows.get(0).grossMargin()).isEqualByComparingTo(new BigDecimal("120.50"));
        assertThat(rows.get(0).occurredAt()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(rows.get(1).currency()).isEqualTo("USD");
        assertThat(rows.get(1).occurredAt()).isEqualTo(Instant.parse("2026-01-06T10:15:30Z"));
        assertThat(rows.get(2).occurredAt()).isEqualTo(Instant.parse("2026-01-09T07:00:00Z"));
        assertThat(rows.get(2).currency()).isEqualTo("USD");
        assertThat(rows).extracting(Transaction::line).containsExactly(2L, 3L, 7L);
        assertThat(errors).extracting(RowError::line).containsExactly(4L, 5L, 6L);
        assertThat(errors.get(0).message()).contains("customer_id");
        assertThat(errors.get(1).message()).contains("yesterday");
        assertThat(errors.get(2).message()).contains("amount 'abc'");
    }

    @Test
    void readsRawCdnowSampleAndMasterLayouts() throws Exception {
        final Path sample = dir.resolve("sample.txt");
        Files.writeString(sample, " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n broken line\r\n");
        final Path master = dir.resolve("master.txt");
        Files.writeString(master, " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n");
        final List<Transaction> rows = new ArrayList<>();
        final List<RowError> errors = new ArrayList<>();

        TransactionFileReader.cdnow().read(sample, rows::add, errors::add);
        TransactionFileReader.cdnow().read(master, rows::add, errors::add);

        assertThat(rows).extracting(Transaction::customerId).containsExactly("00004", "00004", "00001");
        assertThat(rows.get(1).occurredAt()).isEqualTo(Instant.parse("1997-01-18T00:00:00Z"));
        assertThat(rows.get(1).amount()).isEqualByComparingTo("29.73");
        assertThat(rows.get(2).amount()).isEqualByComparingTo("11.77");
        assertThat(errors).extracting(RowError::line).containsExactly(3L);
    }
}
