package smbkit.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import smbkit.Vectors;
import smbkit.access.LocalServers;
import smbkit.access.windows.NativeLayout;
import smbkit.access.windows.NativeStructs;
import smbkit.access.windows.WindowsServer;
import smbkit.kb.SessionLimit;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.model.Share;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.ShareGetInfoCall;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * Local mode on Windows without Windows: memory filled as netapi32 fills it (an array of structures, the
 * strings they point at after it), decoded into the same model the network path produces; and the choice of
 * backend per platform.
 */
class NativeDecodingTest {

    /** Writes structures the way netapi32 returns them: fixed parts first, their strings after, in one buffer. */
    static final class Buffer {
        final Memory memory = new Memory(8192);
        final NativeLayout layout;
        long strings;
        int count;

        Buffer(Layout layout, int capacity) {
            this.layout = NativeLayout.of(layout, Native.POINTER_SIZE);
            memory.clear();
            strings = (long) this.layout.size() * capacity;
        }

        Buffer add(Object... values) {
            long base = (long) count++ * layout.size();
            for (int i = 0; i < values.length; i++) {
                long at = base + layout.offsets().get(i);
                Object v = values[i];
                if (v instanceof Integer n) {
                    memory.setInt(at, n);
                } else if (v instanceof String s) {
                    memory.setWideString(strings, s);
                    memory.setPointer(at, memory.share(strings));
                    strings += (s.length() + 1L) * Native.WCHAR_SIZE;
                } else if (v instanceof byte[] b) {
                    memory.write(strings, b, 0, b.length);
                    memory.setPointer(at, memory.share(strings));
                    strings += b.length;
                }
            }
            return this;
        }

        List<NdrStruct> read() {
            return NativeStructs.read(memory, count, layout.layout(), p -> 100);
        }
    }

    @Test
    void windowsNullSessionsWithTheirEmptyUserNameComeOutAsOverTheNetwork() {
        List<Session> s = new Buffer(InfoLevels.SESSION.get(502), 3)
                .add("\\\\10.0.0.5", "alice", 2, 1520, 12, 0, "Windows 2002 Service Pack 3 2600", "\\Device\\NetbiosSmb")
                .add("\\\\10.0.0.7", "", 1, 3665, 3600, 0, "Windows 2002 Service Pack 3 2600", "\\Device\\NetbiosSmb")
                .add("\\\\10.0.0.9", "Guest", 1, 45, 40, 1, "", "")
                .read().stream().map(SrvsvcModels::session).toList();

        assertEquals(new Session("10.0.0.7", "", 1L, 3665L, 3600L, 0L, "Windows 2002 Service Pack 3 2600", "\\Device\\NetbiosSmb"), s.get(1));
        assertEquals(List.of(SessionKind.USER, SessionKind.NULL, SessionKind.GUEST), s.stream().map(Session::kind).toList());
    }

    @Test
    void netFilesListsTheSpoolerPipe() {
        List<OpenFile> f = new Buffer(InfoLevels.FILE.get(3), 2)
                .add(4660, 3, 0, "\\PIPE\\spoolss", "")
                .add(4664, 3, 1, "C:\\Users\\alice\\report.docx", "alice")
                .read().stream().map(SrvsvcModels::openFile).toList();
        assertEquals(new OpenFile(4660, 3L, 0L, "\\PIPE\\spoolss", ""), f.get(0));
        assertTrue(f.get(0).isPipe());
    }

    @Test
    void aPrinterShareKeepsItsSecurityDescriptor() throws Exception {
        ShareGetInfoCall fromVector = new ShareGetInfoCall("\\\\LABSRV", "HP LaserJet", 502);
        fromVector.decodeStub(Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"));
        byte[] sd = fromVector.info().blob("security_descriptor");

        // netapi32 leaves shi502_reserved at 0: the descriptor's own length (GetSecurityDescriptorLength) counts
        Share share = SrvsvcModels.share(new Buffer(InfoLevels.SHARE.get(502), 1)
                .add("HP LaserJet", 1, "HP LaserJet 4050", 0, -1, 0, "HP LaserJet 4050,LocalsplOnly", null, 0, sd).read().get(0));

        assertTrue(share.isPrinter());
        assertArrayEquals(sd, share.securityDescriptor());
        assertEquals(SrvsvcModels.share(fromVector.info()).remark(), share.remark());
    }

    @Test
    void windowsXpReportsItsTenUsers() {
        NdrStruct info = new Buffer(InfoLevels.SERVER.get(102), 1)
                .add(500, "LABSRV", 5, 1, 0x1003, "", 10, 15, 0, 240, 3000, 0, "C:\\").read().get(0);
        assertEquals(10, SessionLimit.of(SrvsvcModels.serverInfo(info)).limit());
    }

    @Test
    void aShareWrittenForNetShareAddReadsBackTheSame() {
        Share printer = new Share("HP LaserJet", 1, "HP LaserJet 4050", 0L, 0xFFFFFFFFL, null, "HP LaserJet 4050,LocalsplOnly",
                new byte[] {1, 0, 4, (byte) 0x80, 20, 0, 0, 0});
        Memory m = NativeStructs.write(SrvsvcModels.shareInfo502(printer));
        Share back = SrvsvcModels.share(NativeStructs.read(m, 1, InfoLevels.SHARE.get(502), p -> 8).get(0));
        assertEquals(printer.name(), back.name());
        assertEquals(printer.path(), back.path());
        assertArrayEquals(printer.securityDescriptor(), back.securityDescriptor());
    }

    @Test
    void theBackendIsChosenByPlatformAndNothingNativeLoadsOnLinux() {
        assertEquals(LocalServers.Kind.WINDOWS, LocalServers.choose("Windows 10", false));
        assertEquals(LocalServers.Kind.WINDOWS, LocalServers.choose("Windows Server 2019", true));
        assertEquals(LocalServers.Kind.SAMBA, LocalServers.choose("Linux", true));
        assertEquals(LocalServers.Kind.NONE, LocalServers.choose("Mac OS X", false));
        assertEquals("this machine (Windows)", new WindowsServer().where(), "constructing it touches no DLL");
    }
}
