package smbkit.rpc;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Map;

import javax.crypto.MacSpi;

import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The two algorithms jcifs-ng asks its security provider for, and nothing else: MD4 (the NT hash of NTLM) and
 * AES-CMAC (SMB 3.x signing), both BouncyCastle's own implementations, used directly. Left to itself jcifs-ng
 * builds BouncyCastle's whole JCA provider for them: some 300 classes loaded and registered, a quarter of a
 * second of every run's start-up, for two algorithms that the JDK lacks. Everything else it takes from the JDK.
 */
public final class JcifsCrypto extends Provider {

    private static final long serialVersionUID = 1L;
    private static volatile boolean installed;

    JcifsCrypto() {
        super("smbkit-jcifs", "1", "MD4 and AES-CMAC for jcifs-ng, on BouncyCastle's lightweight classes");
        putService(new Direct(this, "MessageDigest", "MD4", Md4::new));
        putService(new Direct(this, "Mac", "AESCMAC", AesCmac::new));
    }

    /** Gives jcifs-ng this provider, once, before its first context; a no-op after that. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (JcifsCrypto.class) {
            if (!installed) {
                JcifsCrypto p = new JcifsCrypto();
                if (usable(p)) {
                    try {
                        jcifs.util.Crypto.initProvider(p);
                    } catch (jcifs.CIFSUnsupportedCryptoException e) {
                        // already given one (by an embedding application): keep it
                    }
                }
                installed = true;
            }
        }
    }

    /**
     * Whether this JDK lets an unsigned provider serve a Mac: OpenJDK builds do; Oracle's JDK wants JCE providers
     * signed by a certificate of its own, and there jcifs-ng keeps BouncyCastle's signed provider (as JBang runs it).
     */
    static boolean usable(Provider p) {
        try {
            javax.crypto.Mac.getInstance("AESCMAC", p);
            return true;
        } catch (GeneralSecurityException | SecurityException e) {
            return false;
        }
    }

    /** A service made without reflection: the provider's classes are this file's. */
    private static final class Direct extends Provider.Service {
        private final java.util.function.Supplier<Object> make;

        Direct(Provider p, String type, String algorithm, java.util.function.Supplier<Object> make) {
            super(p, type, algorithm, JcifsCrypto.class.getName(), null, Map.of());
            this.make = make;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return make.get();
        }
    }

    static final class Md4 extends MessageDigestSpi {
        private final MD4Digest d = new MD4Digest();

        @Override
        protected int engineGetDigestLength() {
            return d.getDigestSize();
        }

        @Override
        protected void engineUpdate(byte input) {
            d.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            d.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            byte[] out = new byte[d.getDigestSize()];
            d.doFinal(out, 0);
            return out;
        }

        @Override
        protected void engineReset() {
            d.reset();
        }
    }

    static final class AesCmac extends MacSpi {
        /** Made at init, not when the JCE asks for one: {@link #usable} asks on every run, SMB 3 or not. */
        private CMac mac;

        @Override
        protected int engineGetMacLength() {
            return 16; // AES's block
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
            byte[] k = key == null ? null : key.getEncoded();
            if (k == null || (k.length != 16 && k.length != 24 && k.length != 32)) {
                throw new InvalidKeyException("AES-CMAC needs a 128, 192 or 256-bit key");
            }
            if (mac == null) {
                mac = new CMac(AESEngine.newInstance());
            }
            mac.init(new KeyParameter(k));
        }

        @Override
        protected void engineUpdate(byte input) {
            mac.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            mac.update(input, offset, len);
        }

        @Override
        protected byte[] engineDoFinal() {
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        }

        @Override
        protected void engineReset() {
            if (mac != null) {
                mac.reset();
            }
        }
    }
}
