package smbkit.access.windows;

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
import smbkit.access.ConnectionTable;
import smbkit.access.FileControl;
import smbkit.access.SessionControl;
import smbkit.access.ShareControl;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.access.windows.NativeStructs.SecurityDescriptorLength;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionEndpoint;
import smbkit.model.SessionFilter;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.model.TcpConnection;
import smbkit.rpc.LevelFallback;
import smbkit.rpc.WinError;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * The Windows machine smbkit runs on, through netapi32 and advapi32: no network session, so it works when the
 * server refuses new ones. The same levels, fallbacks and mapping as the RPC path; every buffer netapi32
 * returns is freed, on success and failure alike.
 */
public final class WindowsServer implements ServerAccess, ConnectionTable, SessionControl, FileControl, ShareControl {

    static final int MAX_PREFERRED_LENGTH = LevelFallback.MAX_PREFERRED_LENGTH;

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

    private Supplier<IpHlpApi> ipHlpApi = WindowsServer::loadIpHlpApi;

    /** Explicit iphlpapi bindings, as tests give them. */
    WindowsServer ipHlpApi(IpHlpApi api) {
        this.ipHlpApi = () -> api;
        return this;
    }

    private static IpHlpApi loadIpHlpApi() {
        try {
            return IpHlpApi.Holder.INSTANCE;
        } catch (LinkageError e) {
            throw WindowsFailures.unavailable("iphlpapi", e);
        }
    }

    /** GetExtendedTcpTable on ports 445 and 139 (IPv4), bytes from GetPerTcpConnectionEStats where Windows collects them. */
    @Override
    public List<TcpConnection> tcpConnections() {
        return WindowsTcpTable.read(ipHlpApi.get(), java.time.Instant.now());
    }

    /** NetSessionEnum gives the client's address, not its port: the join is by address. */
    @Override
    public List<SessionEndpoint> sessionEndpoints() {
        return sessions(null, null).sessions().stream()
                .map(s -> new SessionEndpoint(s, SessionFilter.normalize(s.client()), null)).toList();
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

    /** This machine's answers: the levels that answered are learned once per process, as per connection remotely. */
    private final LevelFallback fallback = new LevelFallback();

    private static final LevelFallback.Faults FAULTS = new LevelFallback.Faults() {
        @Override
        public SmbkitException failure(int status, String what) {
            return WindowsFailures.of(status, what);
        }

        @Override
        public SmbkitException noProgress(String problem) {
            return new SmbkitException(Failure.INTERNAL, WindowsFailures.WHERE + ": " + problem, "Run again with --debug and report it");
        }
    };

    /**
     * The shared engine ({@link LevelFallback}) over netapi32: richest level first, falling back when a level
     * is refused (ERROR_INVALID_LEVEL, or ERROR_ACCESS_DENIED: older Windows granted the poorer levels to any
     * user; since Windows 10 1607 / Server 2019 a non-administrator is refused every level), paged with the
     * resume handle while ERROR_MORE_DATA, every buffer freed whatever happens. A filter matching nothing is an
     * empty listing, as on the RPC path (Windows answers NERR_ClientNameNotFound or NERR_UserNotFound).
     */
    Listing enumerate(EnumCall.Kind kind, String what, Map<Integer, Layout> levels, Page page) {
        LevelFallback.Listing l = fallback.enumerate(what, kind.levels(EnumCall.Platform.WINDOWS), MAX_PREFERRED_LENGTH,
                (level, askFor, resume) -> {
                    PointerByReference buffer = new PointerByReference();
                    IntByReference read = new IntByReference();
                    IntByReference total = new IntByReference();
                    long[] r = {resume};
                    int status = page.call(level, buffer, read, total, r);
                    try {
                        List<NdrStruct> entries = (WinError.ERROR_SUCCESS.is(status) || WinError.ERROR_MORE_DATA.is(status))
                                && buffer.getValue() != null
                                ? NativeStructs.read(buffer.getValue(), read.getValue(), levels.get(level), sdLength)
                                : List.of();
                        return new LevelFallback.Page(status, entries, r[0]);
                    } finally {
                        free(buffer);
                    }
                }, FAULTS);
        return new Listing(l.level(), l.entries());
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

    private static WString w(String s) {
        return s == null ? null : new WString(s);
    }

    @Override
    public ServerInfo serverInfo() {
        int last = 0;
        for (int level : EnumCall.SERVER_INFO_LEVELS) {
            PointerByReference buffer = new PointerByReference();
            int status = api().NetServerGetInfo(null, level, buffer);
            try {
                if (WinError.ERROR_SUCCESS.is(status) && buffer.getValue() != null) {
                    return SrvsvcModels.serverInfo(read(buffer, InfoLevels.SERVER.get(level)));
                }
            } finally {
                free(buffer);
            }
            if (!WinError.ERROR_ACCESS_DENIED.is(last)) {
                last = status; // 102 needs an administrator; 101 does not
            }
        }
        throw WindowsFailures.of(last, "NetServerGetInfo");
    }

    @Override
    public SessionListing sessions(String client, String user) {
        String unc = client == null ? null : "\\\\" + SessionFilter.normalize(client);
        Listing listing = enumerate(EnumCall.Kind.SESSIONS, "NetSessionEnum", InfoLevels.SESSION,
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
        return enumerate(EnumCall.Kind.FILES, "NetFileEnum", InfoLevels.FILE, (level, buf, read, total, resume) -> {
            ULONG_PTRByReference r = new ULONG_PTRByReference(new ULONG_PTR(resume[0]));
            int s = api().NetFileEnum(null, w(basePath), w(user), level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue().longValue();
            return s;
        }).entries().stream().map(SrvsvcModels::openFile).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        return enumerate(EnumCall.Kind.CONNECTIONS, "NetConnectionEnum", InfoLevels.CONNECTION, (level, buf, read, total, resume) -> {
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
        return enumerate(EnumCall.Kind.SHARES, "NetShareEnum", InfoLevels.SHARE, (level, buf, read, total, resume) -> {
            IntByReference r = new IntByReference((int) resume[0]);
            int s = api().NetShareEnum(null, level, buf, MAX_PREFERRED_LENGTH, read, total, r);
            resume[0] = r.getValue();
            return s;
        }).entries().stream().map(SrvsvcModels::share).toList();
    }

    @Override
    public Share share(String name) {
        int last = 0;
        for (int level : EnumCall.SHARE_INFO_LEVELS) {
            PointerByReference buffer = new PointerByReference();
            int status = api().NetShareGetInfo(null, w(name), level, buffer);
            try {
                if (WinError.ERROR_SUCCESS.is(status) && buffer.getValue() != null) {
                    return SrvsvcModels.share(read(buffer, InfoLevels.SHARE.get(level)));
                }
            } finally {
                free(buffer);
            }
            if (!WinError.ERROR_INVALID_LEVEL.is(status) && !WinError.ERROR_ACCESS_DENIED.is(status)) {
                throw WindowsFailures.of(status, "NetShareGetInfo " + name);
            }
            if (!WinError.ERROR_ACCESS_DENIED.is(last)) {
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
        if (!WinError.ERROR_SUCCESS.is(status)) {
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
