package smbkit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.ServerInfo;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.ndr.NdrTypes.Enumeration;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.Srvsvc;
import smbkit.rpc.srvsvc.SrvsvcClient;
import smbkit.rpc.srvsvc.SrvsvcOp;

/**
 * Issue 14: the level fallback spends no round trip on a level the server does not serve. A scripted srvsvc
 * pipe answers as Samba (session levels 0 and 1 only, SV_TYPE_SERVER_UNIX) or Windows, and counts requests.
 */
class LevelFallbackTest {

    static final long SAMBA_TYPE = ServerInfo.SV_TYPE_WORKSTATION | ServerInfo.SV_TYPE_SERVER | ServerInfo.SV_TYPE_SERVER_UNIX
            | ServerInfo.SV_TYPE_NT;
    static final long WINDOWS_TYPE = ServerInfo.SV_TYPE_WORKSTATION | ServerInfo.SV_TYPE_SERVER | ServerInfo.SV_TYPE_NT
            | ServerInfo.SV_TYPE_SERVER_NT;

    /** A srvsvc pipe that serves some session levels, refuses the rest, and records every request. */
    static final class ScriptedSrvsvc implements RpcTransport {
        final long type;
        final boolean infoRefused;
        final Set<Integer> served;
        final int refusal;
        final List<String> requests = new ArrayList<>();

        ScriptedSrvsvc(long type, boolean infoRefused, Set<Integer> served, int refusal) {
            this.type = type;
            this.infoRefused = infoRefused;
            this.served = served;
            this.refusal = refusal;
        }

        @Override
        public <T extends RpcCall> T call(T call) {
            try {
                call.encodeStub(); // every request must encode
                SrvsvcOp op = (SrvsvcOp) call.operation();
                byte[] reply = switch (op) {
                    case NetrServerGetInfo -> {
                        requests.add(op.name() + " " + call.in("Level"));
                        yield infoRefused ? reply(op, WinError.ERROR_ACCESS_DENIED.code, (Object) null)
                                : reply(op, 0, serverInfo((Integer) call.in("Level")));
                    }
                    case NetrSessionEnum -> {
                        int level = ((EnumCall) call).level();
                        requests.add(op.name() + " " + level);
                        yield served.contains(level)
                                ? reply(op, 0, new Enumeration(level, true, sessions(level)), 2L, null)
                                : reply(op, refusal, new Enumeration(level, false, List.of()), 0L, null);
                    }
                    default -> throw new AssertionError("unexpected " + op);
                };
                call.decodeStub(reply);
                return call;
            } catch (jcifs.dcerpc.ndr.NdrException e) {
                throw new AssertionError(e);
            }
        }

        NdrStruct serverInfo(int level) {
            NdrStruct s = new NdrStruct(InfoLevels.SERVER.get(level)).set("platform_id", 500).set("name", "LABSRV")
                    .set("version_major", 6).set("version_minor", 1).set("type", (int) type).set("comment", "lab");
            return level == 102 ? s.set("users", 100).set("userpath", "c:\\") : s;
        }

        long count(String prefix) {
            return requests.stream().filter(r -> r.startsWith(prefix)).count();
        }
    }

    static List<NdrStruct> sessions(int level) {
        List<NdrStruct> out = new ArrayList<>();
        for (String[] s : List.of(new String[] {"10.0.0.7", ""}, new String[] {"10.0.0.5", "alice"})) {
            NdrStruct e = new NdrStruct(InfoLevels.SESSION.get(level)).set("cname", s[0]);
            out.add(e.has("username") ? e.set("username", s[1]) : e);
        }
        return out;
    }

    /** A reply stub from the operation's declared response: the values in order, then the status. */
    static byte[] reply(RpcOperation op, int status, Object... values) {
        NdrBuffer buf = new NdrBuffer(new byte[16 * 1024], 0);
        for (int i = 0; i < values.length; i++) {
            op.response().get(i).type().encode(buf, values[i]);
        }
        buf.enc_ndr_long(status);
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    static SrvsvcClient.Listing sessions(SrvsvcClient client) {
        return client.enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, Srvsvc.MAX_PREFERRED_LENGTH);
    }

    @Test
    void aSambaServerIsAskedForSessionsOnceForAShortListing() {
        ScriptedSrvsvc samba = new ScriptedSrvsvc(SAMBA_TYPE, false, Set.of(0, 1), WinError.ERROR_INVALID_LEVEL.code);
        SrvsvcClient client = new SrvsvcClient(samba, "LABSRV", "LABSRV", false);

        SrvsvcClient.Listing listing = sessions(client);

        assertEquals(1, samba.count("NetrSessionEnum"), samba.requests.toString());
        assertEquals(1, listing.level());
        assertEquals(2, listing.entries().size());
        assertEquals(List.of("NetrServerGetInfo 102", "NetrSessionEnum 1"), samba.requests);
        assertEquals(EnumCall.Platform.SAMBA, client.platform());
        client.serverInfo();
        assertEquals(1, samba.count("NetrServerGetInfo"), "the server's info is read once per connection");
    }

    @Test
    void aWindowsServerStartsAtItsRichestLevel() {
        ScriptedSrvsvc windows = new ScriptedSrvsvc(WINDOWS_TYPE, false, Set.of(0, 1, 2, 10, 502), WinError.ERROR_INVALID_LEVEL.code);
        SrvsvcClient.Listing listing = sessions(new SrvsvcClient(windows, "WIN", "WIN", false));
        assertEquals(List.of("NetrServerGetInfo 102", "NetrSessionEnum 502"), windows.requests);
        assertEquals(502, listing.level());
    }

    @Test
    void aServerOfUnknownKindIsAskedEveryLevelOnceThenTheAnsweringOne() {
        ScriptedSrvsvc unknown = new ScriptedSrvsvc(SAMBA_TYPE, true, Set.of(0, 1), WinError.ERROR_INVALID_LEVEL.code);
        SrvsvcClient client = new SrvsvcClient(unknown, "LABSRV", "LABSRV", false);

        assertEquals(1, sessions(client).level());
        assertEquals(4, unknown.count("NetrSessionEnum"), "502, 2 and 10 refused, then 1");
        assertEquals(1, sessions(client).level());
        assertEquals(5, unknown.count("NetrSessionEnum"), "the second listing starts at the level that answered");
        assertEquals(2, unknown.count("NetrServerGetInfo"), "102 and 101 asked once, not per listing");
    }

    @Test
    void aRefusalStillFallsBackAsBefore() {
        // Samba's level 1 refused (access denied): level 0 still answers, two requests in all.
        ScriptedSrvsvc samba = new ScriptedSrvsvc(SAMBA_TYPE, false, Set.of(0), WinError.ERROR_ACCESS_DENIED.code);
        SrvsvcClient.Listing listing = sessions(new SrvsvcClient(samba, "LABSRV", "LABSRV", false));
        assertEquals(0, listing.level());
        assertEquals(2, samba.count("NetrSessionEnum"));
    }

    @Test
    void everyLevelRefusedIsStillTheHardenedListingsExitCode() {
        ScriptedSrvsvc hardened = new ScriptedSrvsvc(WINDOWS_TYPE, false, Set.of(), WinError.ERROR_ACCESS_DENIED.code);
        SmbkitException e = assertThrows(SmbkitException.class, () -> sessions(new SrvsvcClient(hardened, "WIN", "WIN", false)));
        assertEquals(Failure.SESSIONS_REFUSED, e.failure());
        assertEquals(5, hardened.count("NetrSessionEnum"));
    }

    @Test
    void theEngineDecidesOnKindsNotNumbers() {
        assertEquals(true, LevelFallback.refusesLevel(WinError.ERROR_INVALID_LEVEL.code));
        assertEquals(true, LevelFallback.refusesLevel(WinError.ERROR_NOT_SUPPORTED.code));
        assertEquals(false, LevelFallback.refusesLevel(WinError.ERROR_MORE_DATA.code));
        assertEquals(WinError.Kind.UNKNOWN, WinError.kindOf(1234));
        assertEquals("NERR_ClientNameNotFound", WinError.name(2312));
        assertEquals("0xC000006D", String.format("0x%08X", WinError.STATUS_LOGON_FAILURE.code));
    }
}
