package smbkit.access.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.LMShare;

import smbkit.access.windows.Documented64.Member;
import smbkit.access.windows.Documented64.Struct;
import smbkit.access.windows.NativeLayout;
import smbkit.rpc.ndr.Layout;

/**
 * Every info structure netapi32 returns, as smbkit lays it out for a 64-bit process, against the documented
 * 64-bit layout written out by hand ({@link Documented64}); and JNA's own layout of the same declarations
 * ({@link SdkStructures}, and jna-platform's SHARE_INFO_2/502) against the same numbers.
 */
class NativeLayoutTest {

    @BeforeAll
    static void aSixtyFourBitJvm() {
        assertEquals(8, Native.POINTER_SIZE, "these are 64-bit Windows' layouts: run on a 64-bit JVM");
    }

    static List<Struct> documented() {
        return Documented64.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void smbkitLaysEveryStructureOutAsDocumented(Struct d) {
        NativeLayout ours = NativeLayout.of(d.layout(), Native.POINTER_SIZE);
        assertEquals(d.members().stream().map(Member::ours).toList(),
                d.layout().fields().stream().map(Layout.Field::name).toList(), d + ": the same members in the same order");
        assertEquals(d.members().stream().map(Member::offset).toList(), ours.offsets(), d + " offsets");
        assertEquals(d.size(), ours.size(), d + " size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void jnaLaysTheSdkDeclarationOutAsDocumented(Struct d) {
        SdkStructures.Sdk jna = SdkStructures.BY_NAME.get(d.name()).get();
        for (Member m : d.members()) {
            assertEquals(m.offset(), jna.offsetOf(m.sdk()), d + "." + m.sdk());
        }
        assertEquals(d.size(), jna.size(), d + " size");
    }

    @Test
    void everyStructureSmbkitReadsIsChecked() {
        assertEquals(16, Documented64.ALL.size());
        assertEquals(Documented64.ALL.size(), SdkStructures.BY_NAME.size());
    }

    /** jna-platform's own structures, with their JNA-computed offsets exposed. */
    static final class Share502 extends LMShare.SHARE_INFO_502 {
        int offset(String field) {
            return fieldOffset(field);
        }
    }

    static final class Share2 extends LMShare.SHARE_INFO_2 {
        int offset(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void jnaPlatformsOwnShareStructuresAgree() {
        Share502 share502 = new Share502();
        for (Member m : Documented64.SHARE_INFO_502.members()) {
            assertEquals(m.offset(), share502.offset(m.sdk()), m.sdk());
        }
        assertEquals(Documented64.SHARE_INFO_502.size(), share502.size());

        Share2 share2 = new Share2();
        for (Member m : Documented64.SHARE_INFO_2.members()) {
            assertEquals(m.offset(), share2.offset(m.sdk()), m.sdk());
        }
        assertEquals(Documented64.SHARE_INFO_2.size(), share2.size());
        // (Netapi32.SESSION_INFO_10 is not compared: its interface loads netapi32 as it initializes.)
    }

    @Test
    void aThirtyTwoBitProcessGetsFourBytePointers() {
        // a 32-bit JVM on Windows: pointers on 4, so SESSION_INFO_502 is 8 four-byte members
        NativeLayout s502 = NativeLayout.of(Documented64.SESSION_INFO_502.layout(), 4);
        assertEquals(List.of(0, 4, 8, 12, 16, 20, 24, 28), s502.offsets());
        assertEquals(32, s502.size());
        NativeLayout sh502 = NativeLayout.of(Documented64.SHARE_INFO_502.layout(), 4);
        assertEquals(40, sh502.size());
        assertEquals(Map.of("reserved", 32, "security_descriptor", 36),
                Map.of("reserved", sh502.offset("reserved"), "security_descriptor", sh502.offset("security_descriptor")));
    }
}
