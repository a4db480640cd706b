import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a password-less PKCS12 trust store, readable like the JDK's own cacerts, holding
 * every certificate under a directory of PEM files. Run with the source launcher:
 * {@code java BuildCacerts.java OUT DIR}.
 */
public final class BuildCacerts {
    public static void main(String[] args) throws Exception {
        final Path out = Path.of(args[0]);
        // Like the JDK's own cacerts: certificates unencrypted and no MAC, because the JSSE default
        // trust manager opens the store without a password and would otherwise see no entries.
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        final CertificateFactory factory = CertificateFactory.getInstance("X.509");
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        final List<Path> pems;
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            pems = files.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
        }
        for (final Path pem : pems) {
            try (InputStream in = Files.newInputStream(pem)) {
                int i = 0;
                for (final Certificate cert : factory.generateCertificates(in)) {
                    final String alias = pem.getFileName().toString().replaceFirst("\\.crt$", "")
                        .toLowerCase() + (i++ == 0 ? "" : "-" + i);
                    store.setCertificateEntry(alias, cert);
                }
            }
        }
        if (store.size() == 0) {
            throw new IllegalStateException("no certificates under " + args[1]);
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            store.store(os, "changeit".toCharArray());
        }
        System.out.println("cacerts: " + store.size() + " certificates -> " + out);
    }
}
