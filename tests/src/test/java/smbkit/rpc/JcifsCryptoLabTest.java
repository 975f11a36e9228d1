package smbkit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.ClassLoads;

/**
 * A signed SMB 3.1.1 logon to the lab (jcifs-ng signs an authenticated IPC$) hashes the password with smbkit's
 * MD4 and signs with its AES-CMAC, and never builds BouncyCastle's JCA provider (some 300 classes).
 */
@Tag("lab")
class JcifsCryptoLabTest {

    @TempDir
    Path tmp;

    @Test
    void aSignedLogonUsesNoBouncyCastleProvider() {
        List<String> classes = ClassLoads.ofListSessions(tmp.resolve("crypto.log"), "--format", "json");
        assertTrue(classes.contains("smbkit.rpc.JcifsCrypto$Md4"), "the NT hash is smbkit's MD4");
        assertTrue(classes.contains("smbkit.rpc.JcifsCrypto$AesCmac"), "the session is signed with smbkit's AES-CMAC");
        // the provider's class is loaded (jcifs-ng's Crypto names it) but never built: none of its algorithms are
        assertEquals(List.of(), classes.stream().filter(c -> c.startsWith("org.bouncycastle.jcajce.provider.")
                && !c.equals("org.bouncycastle.jcajce.provider.config.ConfigurableProvider")).toList());
        // what is left: SPNEGO's ASN.1, MD4, AES-CMAC and the SMB 3 key derivation (145 classes on 2.1.10,
        // against 426 with BouncyCastle's provider built)
        List<String> bc = classes.stream().filter(c -> c.startsWith("org.bouncycastle.")).toList();
        assertTrue(bc.size() < 200, bc.size() + " BouncyCastle classes: " + bc);
    }
}
