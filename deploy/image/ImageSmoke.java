import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * Run inside the image's root filesystem by {@code check-image.sh --run}: proves that the base
 * image's JRE has what production needs beyond starting the main class — RocksDB's native library
 * (unpacked into java.io.tmpdir) writing to the state volume, a populated trust store and TLS 1.3
 * for Confluent Cloud, SASL PLAIN and EC crypto.
 */
public final class ImageSmoke {
    public static void main(String[] args) throws Exception {
        final Path db = Files.createTempDirectory(Path.of(args[0]), "smoke-rocksdb");
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB rocks = RocksDB.open(options, db.toString())) {
            rocks.put("k".getBytes(), "v".getBytes());
            check(new String(rocks.get("k".getBytes())).equals("v"), "RocksDB writes and reads under " + args[0]);
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        final int cas = ((X509TrustManager) trust.getTrustManagers()[0]).getAcceptedIssuers().length;
        check(cas > 100, "default trust store holds " + cas + " CA certificates");
        final SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, null, null);
        check(tls.getDefaultSSLParameters().getCipherSuites().length > 0, "TLS 1.3 available");
        new PlainLoginModule();
        KeyPairGenerator.getInstance("EC").generateKeyPair();
        check(true, "SASL PLAIN login module and EC keys available");
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "ok    " : "FAIL  ") + what);
        if (!ok) {
            System.exit(1);
        }
    }
}
