package smbkit.access.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.access.SessionFilter;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.rpc.Win32;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * The Windows machine smbkit runs on, through netapi32 and advapi32: no network session, so it works when the
 * server refuses new ones. The same levels, fallbacks and mapping as the RPC path; every buffer netapi32
 * returns is freed, on success and failure alike.
 */
public final class WindowsServer implements ServerAccess {

    static final int NERR_SUCCESS = 0;
    static final int ERROR_MORE_DATA = 234;
    static final int ERROR_INVALID_LEVEL = 124;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int MAX_PREFERRED_LENGTH = -1;

    private WindowsRegistry registry;

    private static NetApi api() {
        return NetApi.Holder.INSTANCE;
    }

    @Override
    public String where() {
        return "this machine (Windows)";
    }

    /** One call of an enumeration: fills the buffer, counts and resume handle, returns NET_API_STATUS. */
    interface Page {
        int call(int level, PointerByReference buffer, IntByReference read, IntByReference total, long[] resume);
    }

    /** Richest level first, paged while ERROR_MORE_DATA, every buffer freed. */
    static List<NdrStruct> enumerate(String what, Map<Integer, Layout> levels, int[] order, Page page) {
        int last = 0;
        for (int level : order) {
            List<NdrStruct> out = new ArrayList<>();
            long[] resume = {0};
            int status;
            int pages = 0;
            do {
                PointerByReference buffer = new PointerByReference();
                IntByReference read = new IntByReference();
                IntByReference total = new IntByReference();
                status = page.call(level, buffer, read, total, resume);
                try {
                    if ((status == NERR_SUCCESS || status == ERROR_MORE_DATA) && buffer.getValue() != null) {
                        out.addAll(NativeStructs.read(buffer.getValue(), read.getValue(), levels.get(level),
                                p -> Advapi32.INSTANCE.GetSecurityDescriptorLength(p)));
                    }
                } finally {
                    if (buffer.getValue() != null) {
                        api().NetApiBufferFree(buffer.getValue());
                    }
                }
            } while (status == ERROR_MORE_DATA && ++pages < 100_000);
            if (status == NERR_SUCCESS) {
                return out;
            }
            if (status != ERROR_INVALID_LEVEL && status != ERROR_ACCESS_DENIED) {
                throw failure(status, what);
            }
            if (last != ERROR_ACCESS_DENIED) {
                last = status;
            }
        }
        throw failure(last, what);
    }

    static SmbkitException failure(int status, String what) {
        if (status == ERROR_ACCESS_DENIED) {
            return new SmbkitException(Failure.ACCESS_DENIED, "access denied to " + what + " on this machine (ERROR_ACCESS_DENIED)",
                    "Run it from an elevated prompt (Run as administrator) with an administrator account");
        }
        return Win32.failure(status, "this machine", what, false);
    }

    private static WString w(String s) {
        return s == null ? null : new WString(s);
    }

    private static int[] levels(int... l) {
        return l;
    }

    @Override
    public ServerInfo serverInfo() {
        int last = 0;
        for (int level : levels(102, 101)) {
            PointerByReference buffer = new PointerByReference();
            int status = api().NetServerGetInfo(null, level, buffer);
            try {
                if (status == NERR_SUCCESS) {
                    return SrvsvcModels.serverInfo(NativeStructs.read(buffer.getValue(), 1, InfoLevels.SERVER.get(level), p -> 0).get(0));
                }
            } finally {
                if (buffer.getValue() != null) {
                    api().NetApiBufferFree(buffer.getValue());
                }
            }
            last = status;
        }
        throw failure(last, "NetServerGetInfo");
    }

    @Override
    public SessionListing sessions(String client, String user) {
        String unc = client == null ? null : "\\\\" + SessionFilter.normalize(client);
        List<NdrStruct> raw = enumerate("NetSessionEnum", InfoLevels.SESSION, levels(502, 2, 10, 1, 0),
                (level, buf, read, total, resume) -> {
                    IntByReference r = new IntByReference((int) resume[0]);
                    int s = api().NetSessionEnum(null, w(unc), w(user), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
                    resume[0] = r.getValue();
                    return s;
                });
        List<Session> sessions = raw.stream().map(SrvsvcModels::session).filter(s -> SessionFilter.matches(s, client, user)).toList();
        return new SessionListing(sessions, "NetSessionEnum (netapi32)");
    }

    @Override
    public List<OpenFile> openFiles(String basePath, String user) {
        return enumerate("NetFileEnum", InfoLevels.FILE, levels(3, 2), (level, buf, read, total, resume) -> {
            ULONG_PTRByReference r = new ULONG_PTRByReference(new ULONG_PTR(resume[0]));
            int s = api().NetFileEnum(null, w(basePath), w(user), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue().longValue();
            return s;
        }).stream().map(SrvsvcModels::openFile).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        return enumerate("NetConnectionEnum", InfoLevels.CONNECTION, levels(1, 0), (level, buf, read, total, resume) -> {
            IntByReference r = new IntByReference((int) resume[0]);
            int s = api().NetConnectionEnum(null, w(qualifier), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue();
            return s;
        }).stream().map(e -> SrvsvcModels.connection(qualifier, e)).toList();
    }

    @Override
    public boolean connectionsAreReliable() {
        return true;
    }

    @Override
    public List<Share> shares() {
        return enumerate("NetShareEnum", InfoLevels.SHARE, levels(502, 2, 1), (level, buf, read, total, resume) -> {
            IntByReference r = new IntByReference((int) resume[0]);
            int s = api().NetShareEnum(null, level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue();
            return s;
        }).stream().map(SrvsvcModels::share).toList();
    }

    @Override
    public Share share(String name) {
        int last = 0;
        for (int level : levels(502, 2, 1)) {
            PointerByReference buffer = new PointerByReference();
            int status = api().NetShareGetInfo(null, w(name), level, buffer);
            try {
                if (status == NERR_SUCCESS) {
                    return SrvsvcModels.share(NativeStructs.read(buffer.getValue(), 1, InfoLevels.SHARE.get(level),
                            p -> Advapi32.INSTANCE.GetSecurityDescriptorLength(p)).get(0));
                }
            } finally {
                if (buffer.getValue() != null) {
                    api().NetApiBufferFree(buffer.getValue());
                }
            }
            if (status != ERROR_INVALID_LEVEL && status != ERROR_ACCESS_DENIED) {
                throw failure(status, "NetShareGetInfo " + name);
            }
            last = status;
        }
        throw failure(last, "NetShareGetInfo " + name);
    }

    @Override
    public void deleteSession(String client, String user) {
        check(api().NetSessionDel(null, w(client == null ? null : "\\\\" + SessionFilter.normalize(client)), w(user)), "NetSessionDel");
    }

    @Override
    public void closeFile(long id) {
        check(api().NetFileClose(null, (int) id), "NetFileClose " + id);
    }

    @Override
    public void addShare(Share share) {
        IntByReference parmErr = new IntByReference();
        check(api().NetShareAdd(null, 502, NativeStructs.write(SrvsvcModels.shareInfo502(share)), parmErr),
                "NetShareAdd " + share.name());
    }

    @Override
    public void deleteShare(String name) {
        check(api().NetShareDel(null, w(name), 0), "NetShareDel " + name);
    }

    private static void check(int status, String what) {
        if (status != NERR_SUCCESS) {
            throw failure(status, what);
        }
    }

    @Override
    public Registry registry() {
        if (registry == null) {
            registry = new WindowsRegistry();
        }
        return registry;
    }

    @Override
    public String selfClient() {
        return null;
    }

    @Override
    public void close() {
        // nothing held open between calls
    }

    /** Pointer-sized reads for tests of the layouts on any platform. */
    static NdrStruct readOne(Pointer p, Layout layout) {
        return NativeStructs.read(p, 1, layout, d -> 0).get(0);
    }
}
