package smbkit.access.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.jna.WString;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.access.windows.NativeStructs.SecurityDescriptorLength;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionFilter;
import smbkit.model.SessionListing;
import smbkit.model.Share;
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

    static final int MAX_PREFERRED_LENGTH = -1;
    /** Far more pages than any server has sessions; a call answering ERROR_MORE_DATA forever stops here. */
    static final int MAX_PAGES = 100_000;

    private final Supplier<NetApi> api;
    private final SecurityDescriptorLength sdLength;
    private Registry registry;

    /** This machine's netapi32 and advapi32, loaded on the first call, not here: constructing it touches no DLL. */
    public WindowsServer() {
        this(WindowsServer::loadNetApi, p -> WindowsRegistry.loadAdvApi().GetSecurityDescriptorLength(p), null);
    }

    /**
     * Explicit bindings, as tests give them: {@code registry} null means this machine's, through advapi32.
     */
    public WindowsServer(NetApi api, SecurityDescriptorLength sdLength, Registry registry) {
        this(() -> api, sdLength, registry);
    }

    private WindowsServer(Supplier<NetApi> api, SecurityDescriptorLength sdLength, Registry registry) {
        this.api = api;
        this.sdLength = sdLength;
        this.registry = registry;
    }

    private static NetApi loadNetApi() {
        try {
            return NetApi.Holder.INSTANCE;
        } catch (LinkageError e) {
            throw WindowsFailures.unavailable("netapi32", e);
        }
    }

    private NetApi api() {
        return api.get();
    }

    @Override
    public String where() {
        return "this machine (Windows)";
    }

    /** One call of an enumeration: fills the buffer, counts and resume handle, returns NET_API_STATUS. */
    interface Page {
        int call(int level, PointerByReference buffer, IntByReference read, IntByReference total, long[] resume);
    }

    /** What an enumeration returned, and at which level. */
    record Listing(int level, List<NdrStruct> entries) {}

    /**
     * Richest level first, falling back when a level is refused (ERROR_INVALID_LEVEL, or ERROR_ACCESS_DENIED:
     * older Windows granted the poorer levels to any user; since Windows 10 1607 / Server 2019 a
     * non-administrator is refused every level), paged with the resume handle while
     * ERROR_MORE_DATA, every buffer freed whatever happens. A filter matching nothing is an empty listing,
     * as on the RPC path (Windows answers NERR_ClientNameNotFound or NERR_UserNotFound).
     */
    Listing enumerate(String what, Map<Integer, Layout> levels, int[] order, Page page) {
        int last = 0;
        for (int level : order) {
            List<NdrStruct> out = new ArrayList<>();
            long[] resume = {0};
            int status;
            int pages = 0;
            do {
                if (++pages > MAX_PAGES) {
                    throw noProgress(what);
                }
                PointerByReference buffer = new PointerByReference();
                IntByReference read = new IntByReference();
                IntByReference total = new IntByReference();
                status = page.call(level, buffer, read, total, resume);
                try {
                    if ((status == WindowsFailures.NERR_SUCCESS || status == WindowsFailures.ERROR_MORE_DATA)
                            && buffer.getValue() != null) {
                        out.addAll(NativeStructs.read(buffer.getValue(), read.getValue(), levels.get(level), sdLength));
                    }
                } finally {
                    free(buffer);
                }
                if (status == WindowsFailures.ERROR_MORE_DATA && read.getValue() == 0) {
                    throw noProgress(what); // nothing fitted although we asked for everything: asking again cannot help
                }
            } while (status == WindowsFailures.ERROR_MORE_DATA);
            if (status == WindowsFailures.NERR_SUCCESS) {
                return new Listing(level, out);
            }
            if (pages == 1 && (status == WindowsFailures.NERR_CLIENT_NAME_NOT_FOUND
                    || status == WindowsFailures.NERR_USER_NOT_FOUND)) {
                return new Listing(level, List.of());
            }
            if (status != WindowsFailures.ERROR_INVALID_LEVEL && status != WindowsFailures.ERROR_ACCESS_DENIED
                    && status != WindowsFailures.ERROR_NOT_SUPPORTED) {
                throw WindowsFailures.of(status, what + " level " + level);
            }
            if (last != WindowsFailures.ERROR_ACCESS_DENIED) {
                last = status; // a refusal explains more than a level this Windows lacks
            }
        }
        throw WindowsFailures.of(last, what);
    }

    /** The one structure a GetInfo call returned. */
    private NdrStruct read(PointerByReference buffer, Layout layout) {
        return NativeStructs.read(buffer.getValue(), 1, layout, sdLength).get(0);
    }

    private void free(PointerByReference buffer) {
        if (buffer.getValue() != null) {
            api().NetApiBufferFree(buffer.getValue());
        }
    }

    private static SmbkitException noProgress(String what) {
        return new SmbkitException(Failure.INTERNAL, WindowsFailures.WHERE + ": " + what
                + " keeps answering ERROR_MORE_DATA without progress", "Run again with --debug and report it");
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
                if (status == WindowsFailures.NERR_SUCCESS && buffer.getValue() != null) {
                    return SrvsvcModels.serverInfo(read(buffer, InfoLevels.SERVER.get(level)));
                }
            } finally {
                free(buffer);
            }
            if (last != WindowsFailures.ERROR_ACCESS_DENIED) {
                last = status; // 102 needs an administrator; 101 does not
            }
        }
        throw WindowsFailures.of(last, "NetServerGetInfo");
    }

    @Override
    public SessionListing sessions(String client, String user) {
        String unc = client == null ? null : "\\\\" + SessionFilter.normalize(client);
        Listing listing = enumerate("NetSessionEnum", InfoLevels.SESSION, levels(502, 2, 10, 1, 0),
                (level, buf, read, total, resume) -> {
                    IntByReference r = new IntByReference((int) resume[0]);
                    int s = api().NetSessionEnum(null, w(unc), w(user), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
                    resume[0] = r.getValue();
                    return s;
                });
        List<Session> sessions = listing.entries().stream().map(SrvsvcModels::session)
                .filter(s -> SessionFilter.matches(s, client, user)).toList();
        return new SessionListing(sessions, "NetSessionEnum level " + listing.level() + " (netapi32)");
    }

    @Override
    public List<OpenFile> openFiles(String basePath, String user) {
        return enumerate("NetFileEnum", InfoLevels.FILE, levels(3, 2), (level, buf, read, total, resume) -> {
            ULONG_PTRByReference r = new ULONG_PTRByReference(new ULONG_PTR(resume[0]));
            int s = api().NetFileEnum(null, w(basePath), w(user), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue().longValue();
            return s;
        }).entries().stream().map(SrvsvcModels::openFile).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        return enumerate("NetConnectionEnum", InfoLevels.CONNECTION, levels(1, 0), (level, buf, read, total, resume) -> {
            IntByReference r = new IntByReference((int) resume[0]);
            int s = api().NetConnectionEnum(null, w(qualifier), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue();
            return s;
        }).entries().stream().map(e -> SrvsvcModels.connection(qualifier, e)).toList();
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
        }).entries().stream().map(SrvsvcModels::share).toList();
    }

    @Override
    public Share share(String name) {
        int last = 0;
        for (int level : levels(502, 2, 1)) {
            PointerByReference buffer = new PointerByReference();
            int status = api().NetShareGetInfo(null, w(name), level, buffer);
            try {
                if (status == WindowsFailures.NERR_SUCCESS && buffer.getValue() != null) {
                    return SrvsvcModels.share(read(buffer, InfoLevels.SHARE.get(level)));
                }
            } finally {
                free(buffer);
            }
            if (status != WindowsFailures.ERROR_INVALID_LEVEL && status != WindowsFailures.ERROR_ACCESS_DENIED) {
                throw WindowsFailures.of(status, "NetShareGetInfo " + name);
            }
            if (last != WindowsFailures.ERROR_ACCESS_DENIED) {
                last = status;
            }
        }
        throw WindowsFailures.of(last, "NetShareGetInfo " + name);
    }

    @Override
    public void deleteSession(String client, String user) {
        String unc = client == null ? null : "\\\\" + SessionFilter.normalize(client);
        check(api().NetSessionDel(null, w(unc), w(user)),
                "NetSessionDel" + (unc == null ? "" : " " + unc) + (user == null ? "" : " " + user));
    }

    @Override
    public void closeFile(long id) {
        check(api().NetFileClose(null, (int) id), "NetFileClose " + id);
    }

    @Override
    public void addShare(Share share) {
        IntByReference parmErr = new IntByReference();
        int status = api().NetShareAdd(null, 502, NativeStructs.write(SrvsvcModels.shareInfo502(share)), parmErr);
        check(status, "NetShareAdd " + share.name()
                + (parmErr.getValue() != 0 ? " (refused field " + parmErr.getValue() + ")" : ""));
    }

    @Override
    public void deleteShare(String name) {
        check(api().NetShareDel(null, w(name), 0), "NetShareDel " + name);
    }

    private static void check(int status, String what) {
        if (status != WindowsFailures.NERR_SUCCESS) {
            throw WindowsFailures.of(status, what);
        }
    }

    @Override
    public Registry registry() {
        if (registry == null) {
            registry = new WindowsRegistry(); // advapi32 itself is loaded by its first call
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
}
