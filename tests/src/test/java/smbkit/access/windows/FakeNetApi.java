package smbkit.access.windows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import smbkit.access.windows.NetApi;

/**
 * netapi32 as a script: each call and level answers the replies queued for it, in order (unscripted:
 * ERROR_INVALID_LEVEL, as a Windows lacking the level). Records every call with its arguments and the resume
 * handle it was given, every buffer it hands out and every NetApiBufferFree, so a test can check that each
 * buffer was freed exactly once.
 */
final class FakeNetApi implements NetApi {

    static final int ERROR_INVALID_LEVEL = 124;

    /** What one call answers: its status, the buffer (null for none), entries read, the next resume handle. */
    record Reply(int status, Memory buffer, int read, long resume) {
        static Reply status(int status) {
            return new Reply(status, null, 0, 0);
        }
    }

    /** A call as made: the function, the level (-1 when it has none), its string arguments, the resume handle. */
    record Call(String function, int level, List<String> args, long resume) {}

    private final Map<String, Deque<Reply>> script = new HashMap<>();
    final List<Call> calls = new ArrayList<>();
    final List<Long> handedOut = new ArrayList<>();
    final List<Long> freed = new ArrayList<>();
    /** What NetShareAdd was given, read as SHARE_INFO_502 by the documented layout. */
    final List<Map<String, Object>> added = new ArrayList<>();
    int parmErr;

    FakeNetApi reply(String function, int level, Reply... replies) {
        script.computeIfAbsent(function + "/" + level, k -> new ArrayDeque<>()).addAll(Arrays.asList(replies));
        return this;
    }

    /** A success with every row in one buffer. */
    FakeNetApi rows(String function, int level, Object[]... rows) {
        Documented64.Struct struct = Documented64.BY_CALL.get(function).get(level);
        return reply(function, level, new Reply(0, NetapiMemory.of(struct, rows), rows.length, 0));
    }

    private Reply next(String function, int level, List<String> args, long resume) {
        calls.add(new Call(function, level, args, resume));
        Deque<Reply> q = script.get(function + "/" + level);
        return q == null || q.isEmpty() ? Reply.status(ERROR_INVALID_LEVEL) : q.poll();
    }

    private int answer(Reply r, PointerByReference buffer, IntByReference read, IntByReference total) {
        if (r.buffer() != null) {
            handedOut.add(Pointer.nativeValue(r.buffer()));
        }
        buffer.setValue(r.buffer());
        if (read != null) {
            read.setValue(r.read());
            total.setValue(r.read());
        }
        return r.status();
    }

    private static String s(WString w) {
        return w == null ? null : w.toString();
    }

    @Override
    public int NetSessionEnum(WString servername, WString uncClientName, WString username, int level,
            PointerByReference bufptr, int prefmaxlen, IntByReference entriesread, IntByReference totalentries,
            IntByReference resumeHandle) {
        Reply r = next("NetSessionEnum", level, Arrays.asList(s(servername), s(uncClientName), s(username)),
                resumeHandle.getValue());
        resumeHandle.setValue((int) r.resume());
        return answer(r, bufptr, entriesread, totalentries);
    }

    @Override
    public int NetFileEnum(WString servername, WString basepath, WString username, int level, PointerByReference bufptr,
            int prefmaxlen, IntByReference entriesread, IntByReference totalentries, ULONG_PTRByReference resumeHandle) {
        Reply r = next("NetFileEnum", level, Arrays.asList(s(servername), s(basepath), s(username)),
                resumeHandle.getValue().longValue());
        resumeHandle.setValue(new ULONG_PTR(r.resume()));
        return answer(r, bufptr, entriesread, totalentries);
    }

    @Override
    public int NetConnectionEnum(WString servername, WString qualifier, int level, PointerByReference bufptr,
            int prefmaxlen, IntByReference entriesread, IntByReference totalentries, IntByReference resumeHandle) {
        Reply r = next("NetConnectionEnum", level, Arrays.asList(s(servername), s(qualifier)), resumeHandle.getValue());
        resumeHandle.setValue((int) r.resume());
        return answer(r, bufptr, entriesread, totalentries);
    }

    @Override
    public int NetShareEnum(WString servername, int level, PointerByReference bufptr, int prefmaxlen,
            IntByReference entriesread, IntByReference totalentries, IntByReference resumeHandle) {
        Reply r = next("NetShareEnum", level, Arrays.asList(s(servername)), resumeHandle.getValue());
        resumeHandle.setValue((int) r.resume());
        return answer(r, bufptr, entriesread, totalentries);
    }

    @Override
    public int NetShareGetInfo(WString servername, WString netname, int level, PointerByReference bufptr) {
        return answer(next("NetShareGetInfo", level, Arrays.asList(s(servername), s(netname)), 0), bufptr, null, null);
    }

    @Override
    public int NetServerGetInfo(WString servername, int level, PointerByReference bufptr) {
        return answer(next("NetServerGetInfo", level, Arrays.asList(s(servername)), 0), bufptr, null, null);
    }

    @Override
    public int NetSessionDel(WString servername, WString uncClientName, WString username) {
        return next("NetSessionDel", -1, Arrays.asList(s(servername), s(uncClientName), s(username)), 0).status();
    }

    @Override
    public int NetFileClose(WString servername, int fileid) {
        return next("NetFileClose", -1, Arrays.asList(s(servername), Integer.toString(fileid)), 0).status();
    }

    @Override
    public int NetShareAdd(WString servername, int level, Pointer buf, IntByReference parmErr) {
        Map<String, Object> share = new HashMap<>();
        for (Documented64.Member m : Documented64.SHARE_INFO_502.members()) {
            share.put(m.ours(), switch (m.type()) {
                case DWORD -> buf.getInt(m.offset());
                case LPWSTR -> NetapiMemory.readUtf16(buf.getPointer(m.offset()));
                case PSD -> buf.getPointer(m.offset());
            });
        }
        // copied now: the caller's memory is its own once the call returns; shi502_reserved as the length
        Pointer sd = (Pointer) share.get("security_descriptor");
        share.put("security_descriptor", sd == null ? null : sd.getByteArray(0, (Integer) share.get("reserved")));
        added.add(share);
        parmErr.setValue(this.parmErr);
        return next("NetShareAdd", level, Arrays.asList(s(servername), (String) share.get("netname")), 0).status();
    }

    @Override
    public int NetShareDel(WString servername, WString netname, int reserved) {
        return next("NetShareDel", -1, Arrays.asList(s(servername), s(netname), Integer.toString(reserved)), 0).status();
    }

    @Override
    public int NetApiBufferFree(Pointer buffer) {
        freed.add(Pointer.nativeValue(buffer));
        return 0;
    }

    /** Every buffer handed out was freed, and only once. */
    boolean allFreedOnce() {
        List<Long> a = new ArrayList<>(handedOut);
        List<Long> b = new ArrayList<>(freed);
        a.sort(null);
        b.sort(null);
        return a.equals(b);
    }
}
