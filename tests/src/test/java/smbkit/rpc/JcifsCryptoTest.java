package smbkit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The NT hash's MD4 and SMB 3.x signing's AES-CMAC that jcifs-ng gets from smbkit: the RFCs' own vectors. That
 * jcifs-ng takes it instead of BouncyCastle's provider is StartupClassesLabTest's (a fresh process).
 */
class JcifsCryptoTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The provider itself: which one jcifs-ng holds in this shared test JVM depends on the tests run before. */
    private static final JcifsCrypto PROVIDER = new JcifsCrypto();

    @Test
    void md4GivesRfc1320sDigests() throws Exception {
        MessageDigest md4 = MessageDigest.getInstance("MD4", PROVIDER);
        assertEquals("31d6cfe0d16ae931b73c59d7e0c089c0", HEX.formatHex(md4.digest()));
        assertEquals("a448017aaf21d8525fc10ae87aa6729d", HEX.formatHex(md4.digest("abc".getBytes(StandardCharsets.US_ASCII))));
        md4.update("message ".getBytes(StandardCharsets.US_ASCII));
        md4.update((byte) 'd');
        md4.update("igest".getBytes(StandardCharsets.US_ASCII));
        assertEquals("d9130a8164549fe818874806e1c7014b", HEX.formatHex(md4.digest()));
    }

    @Test
    void theNtHashOfPasswordIsTheKnownOne() throws Exception {
        MessageDigest md4 = MessageDigest.getInstance("MD4", PROVIDER);
        // MS-NLMP's NTOWFv1("Password"), the hash of its examples (4.2.2.1.2)
        assertEquals("a4f49c406510bdcab6824ee7c30fd852",
                HEX.formatHex(md4.digest("Password".getBytes(StandardCharsets.UTF_16LE))));
    }

    @Test
    void aesCmacGivesRfc4493sTags() throws Exception {
        Mac mac = Mac.getInstance("AESCMAC", PROVIDER);
        mac.init(new SecretKeySpec(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), "HMAC"));
        assertEquals("bb1d6929e95937287fa37d129b756746", HEX.formatHex(mac.doFinal()));
        mac.update(HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"));
        assertEquals("070a16b46b4d4144f79bdd9dd04a287c", HEX.formatHex(mac.doFinal()));
        byte[] msg = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411");
        mac.update(msg, 0, 20);
        mac.update(msg, 20, msg.length - 20);
        assertEquals("dfa66747de9ae63030ca32611497c827", HEX.formatHex(mac.doFinal()));
        assertEquals(16, mac.getMacLength());
    }

    @Test
    void aWrongSizedKeyIsRefused() throws Exception {
        Mac mac = Mac.getInstance("AESCMAC", PROVIDER);
        assertThrows(InvalidKeyException.class, () -> mac.init(new SecretKeySpec(new byte[5], "HMAC")));
    }

    @Test
    void thisJdkLetsItServeAMac() {
        assertTrue(JcifsCrypto.usable(PROVIDER));
    }
}
