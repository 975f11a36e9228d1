package smbkit.access.samba;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Output of Samba's tools captured from the lab, under tests/src/test/resources/samba/. */
public final class SambaFixtures {

    private SambaFixtures() {}

    public static String read(String name) {
        try (InputStream in = SambaFixtures.class.getResourceAsStream("/samba/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture samba/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
