package smbkit.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.LMShare;

import smbkit.access.windows.NativeLayout;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.srvsvc.InfoLevels;

/**
 * The info structures as netapi32 lays them out on 64-bit Windows (natural alignment, 8-byte pointers):
 * each field's offset and each structure's size against the documented layout, written out here by hand
 * from the MS-SRVS/lmshare.h definitions, and against JNA's own layout of the share structures jna-platform
 * declares.
 */
class NativeLayoutTest {

    /** Structure, its size, and field offsets in declaration order, for 64-bit Windows. */
    record Documented(Layout layout, int size, List<Integer> offsets) {}

    static List<Documented> documented() {
        return List.of(
                new Documented(InfoLevels.SESSION.get(0), 8, List.of(0)),
                new Documented(InfoLevels.SESSION.get(1), 32, List.of(0, 8, 16, 20, 24, 28)),
                new Documented(InfoLevels.SESSION.get(2), 40, List.of(0, 8, 16, 20, 24, 28, 32)),
                new Documented(InfoLevels.SESSION.get(10), 24, List.of(0, 8, 16, 20)),
                new Documented(InfoLevels.SESSION.get(502), 48, List.of(0, 8, 16, 20, 24, 28, 32, 40)),
                new Documented(InfoLevels.FILE.get(2), 4, List.of(0)),
                new Documented(InfoLevels.FILE.get(3), 32, List.of(0, 4, 8, 16, 24)),
                new Documented(InfoLevels.CONNECTION.get(0), 4, List.of(0)),
                new Documented(InfoLevels.CONNECTION.get(1), 40, List.of(0, 4, 8, 12, 16, 24, 32)),
                new Documented(InfoLevels.SHARE.get(0), 8, List.of(0)),
                new Documented(InfoLevels.SHARE.get(1), 24, List.of(0, 8, 16)),
                new Documented(InfoLevels.SHARE.get(2), 56, List.of(0, 8, 16, 24, 28, 32, 40, 48)),
                new Documented(InfoLevels.SHARE.get(502), 72, List.of(0, 8, 16, 24, 28, 32, 40, 48, 56, 64)),
                new Documented(InfoLevels.SERVER.get(100), 16, List.of(0, 8)),
                new Documented(InfoLevels.SERVER.get(101), 40, List.of(0, 8, 16, 20, 24, 32)),
                new Documented(InfoLevels.SERVER.get(102), 72, List.of(0, 8, 16, 20, 24, 32, 40, 44, 48, 52, 56, 60, 64)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void everyStructureMatchesItsDocumented64BitLayout(Documented d) {
        NativeLayout n = NativeLayout.of(d.layout(), 8);
        assertEquals(d.offsets(), n.offsets(), d.layout().name() + " offsets");
        assertEquals(d.size(), n.size(), d.layout().name() + " size");
    }

    /** jna-platform's own structures expose their JNA-computed offsets to a subclass. */
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
    void theLayoutsAgreeWithJnasOwnForTheStructuresJnaPlatformDeclares() {
        assertEquals(8, Native.POINTER_SIZE, "a 64-bit JVM, as on 64-bit Windows");
        NativeLayout share = NativeLayout.of(InfoLevels.SHARE.get(502), Native.POINTER_SIZE);
        Share502 jna = new Share502();
        Map<String, String> names = Map.of("netname", "shi502_netname", "type", "shi502_type", "remark", "shi502_remark",
                "permissions", "shi502_permissions", "max_uses", "shi502_max_uses", "current_uses", "shi502_current_uses",
                "path", "shi502_path", "passwd", "shi502_passwd", "reserved", "shi502_reserved",
                "security_descriptor", "shi502_security_descriptor");
        names.forEach((ours, theirs) -> assertEquals(jna.offset(theirs), share.offset(ours), ours));
        assertEquals(jna.size(), share.size());

        // (Netapi32.SESSION_INFO_10 cannot be built here: its interface loads netapi32 as it initializes.)
        NativeLayout share2 = NativeLayout.of(InfoLevels.SHARE.get(2), Native.POINTER_SIZE);
        Share2 two = new Share2();
        assertEquals(two.offset("shi2_current_uses"), share2.offset("current_uses"));
        assertEquals(two.offset("shi2_passwd"), share2.offset("passwd"));
        assertEquals(two.size(), share2.size());
    }
}
