package smbkit.rpc;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import jcifs.CIFSContext;
import jcifs.Address;
import jcifs.CIFSException;
import jcifs.DialectVersion;
import jcifs.NameServiceClient;
import jcifs.SmbTransport;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.context.CIFSContextWrapper;
import jcifs.dcerpc.DcerpcBinding;
import jcifs.dcerpc.DcerpcHandle;
import jcifs.internal.SmbNegotiationResponse;
import jcifs.NetbiosAddress;
import jcifs.netbios.Name;
import jcifs.netbios.NbtAddress;
import jcifs.netbios.NbtException;
import jcifs.netbios.UniAddress;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbTransportInternal;
import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * One SMB connection to one server, on jcifs-ng, with explicit timeouts, and at most one open named pipe per
 * RPC interface, reused by every call. Everything the scripts do remotely goes through here, so failures are
 * translated into one clear line in one place ({@link SmbErrors}).
 *
 * <p>Dialects, as impacket and smbclient users expect: the negotiate offers SMB 2.0.2 up to 3.1.1 and, unless
 * {@link Options#smb1()} is off, NT LM 0.12 (SMB1); the server picks its newest, so SMB1 is spoken only with
 * a server that offers nothing newer (NT 4.0, 2000, XP), and then a note says so. With SMB1 off, the
 * negotiate offers SMB2 dialects only (as Windows does with SMB1 removed) and a server that speaks only SMB1
 * is one line and {@link Failure#SMB1_REFUSED}: no SMB1 dialect is offered and nothing else is sent.
 *
 * <p>Ports: the connection is made before the first pipe opens; on port 445 refused or filtered (no TCP
 * connection), it tries the NetBIOS session service on 139 before giving up, as smbclient does, and reports
 * 445's failure when 139 fails too. {@code HOST:139} speaks NetBIOS (a session request with the called name:
 * the name given, else {@code *SMBSERVER}) from the start; when the server refuses those, its own {@code <20>}
 * name from a node status query, as Windows does.
 */
public final class SmbConnection implements AutoCloseable {

    /**
     * How to connect: timeouts, the local address to connect from (the lab uses 127.0.0.x), whether SMB1 may
     * be spoken with a server that offers nothing newer, and where notes go (null: nowhere).
     */
    public record Options(Duration connectTimeout, Duration responseTimeout, String localAddress, boolean smb1,
            Consumer<String> notes) {

        public Options(Duration connectTimeout, Duration responseTimeout, String localAddress) {
            this(connectTimeout, responseTimeout, localAddress, true, null);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(20), null);
        }

        public Options withLocalAddress(String address) {
            return new Options(connectTimeout, responseTimeout, address, smb1, notes);
        }

        public Options withTimeouts(Duration connect, Duration response) {
            return new Options(connect, response, localAddress, smb1, notes);
        }

        /** false: refuse SMB1 outright (sites that ban it). */
        public Options withSmb1(boolean allowed) {
            return new Options(connectTimeout, responseTimeout, localAddress, allowed, notes);
        }

        public Options withNotes(Consumer<String> sink) {
            return new Options(connectTimeout, responseTimeout, localAddress, smb1, sink);
        }
    }

    /** The NetBIOS session service port, tried when 445 is refused or filtered. */
    public static final int NETBIOS_PORT = 139;
    /** How smbkit names SMB1's one dialect, as the negotiate spells it. */
    public static final String SMB1_DIALECT = "NT LM 0.12";

    private final Target target;
    private final Credentials credentials;
    private final Options options;
    private final CIFSContext context;
    private final Map<String, RpcPipe> pipes = new LinkedHashMap<>();
    /** The port the connection was made on (139 after a fallback), 0 before it is made. */
    private int port;
    /** On port 139: the server's own name, called after a node status query taught it; else null. */
    private String learnedName;
    /** The dialect the server chose, null before the connection is made. */
    private String dialect;

    private SmbConnection(Target target, Credentials credentials, Options options, CIFSContext context) {
        this.target = target;
        this.credentials = credentials;
        this.options = options;
        this.context = context;
    }

    public static SmbConnection open(Target target, Credentials credentials, Options options) {
        // SMB1 offered beside SMB2/3 (the server picks its newest), or not at all with SMB1 refused.
        Properties p = clientProperties(options, options.smb1() ? "SMB1" : "SMB202", "SMB311");
        try {
            CIFSContext base = new Ipv6Names(new BaseContext(new PropertyConfiguration(p)));
            CIFSContext ctx = credentials.isAnonymous() ? base.withAnonymousCredentials()
                    : base.withCredentials(new NtlmPasswordAuthenticator(credentials.domain(), credentials.user(),
                            new String(credentials.password())));
            return new SmbConnection(target, credentials, options, ctx);
        } catch (CIFSException e) {
            throw SmbErrors.translate(e, target, credentials, "setting up the SMB client");
        }
    }

    /**
     * jcifs-ng's settings for {@code options} with the dialects {@code min} to {@code max}: the timeouts, DNS
     * names only, a node status bounded by the connect timeout, no DFS, the source address. The browse list's
     * SMB1-only client uses them too.
     */
    public static Properties clientProperties(Options options, String min, String max) {
        JcifsCrypto.install();
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", min);
        p.setProperty("jcifs.smb.client.maxVersion", max);
        long connect = options.connectTimeout().toMillis();
        long response = options.responseTimeout().toMillis();
        p.setProperty("jcifs.smb.client.connTimeout", Long.toString(connect));
        p.setProperty("jcifs.smb.client.responseTimeout", Long.toString(response));
        p.setProperty("jcifs.smb.client.soTimeout", Long.toString(response + connect));
        p.setProperty("jcifs.smb.client.sessionTimeout", Long.toString(response + connect));
        // Names resolve through DNS (and the hosts file): NetBIOS broadcasts would turn a typo into a long wait.
        p.setProperty("jcifs.resolveOrder", "DNS");
        // A node status query on port 139 (the called name refused) waits at most the connect timeout.
        p.setProperty("jcifs.netbios.retryCount", "1");
        p.setProperty("jcifs.netbios.retryTimeout", Long.toString(Math.max(1, connect)));
        p.setProperty("jcifs.netbios.soTimeout", Long.toString(Math.max(1, connect)));
        // Only IPC$ is used: DFS referral lookups would cost round trips for nothing.
        p.setProperty("jcifs.smb.client.dfs.disabled", "true");
        if (options.localAddress() != null) {
            p.setProperty("jcifs.smb.client.laddr", options.localAddress());
        }
        return p;
    }

    public Target target() {
        return target;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The configured source address, or null for the system's choice. */
    public String localAddress() {
        return options.localAddress();
    }

    /**
     * The dialect the server chose ({@code NT LM 0.12}, {@code SMB 3.1.1}, ...), connecting first if no pipe
     * was opened yet.
     */
    public String dialect() {
        connect();
        return dialect;
    }

    /** The dialect if the connection was made, else null (never connects). */
    public String dialectIfConnected() {
        return dialect;
    }

    /** Whether the server speaks SMB1 only (connecting first if needed). */
    public boolean isSmb1() {
        return SMB1_DIALECT.equals(dialect());
    }

    /** The port the connection is on: 139 when 445 was refused and NetBIOS answered (connecting first if needed). */
    public int port() {
        connect();
        return port;
    }

    /**
     * Makes the connection (TCP and the SMB negotiate) once, before the first pipe: on the transport the pipes
     * then reuse (same address, port, source address and signing). 445 refused or filtered: 139 next.
     */
    public synchronized void connect() {
        if (dialect != null) {
            return;
        }
        try {
            dialect = target.port() == NETBIOS_PORT ? negotiate139() : negotiate(target.port());
            port = target.port();
        } catch (Exception first) {
            SmbkitException direct = SmbErrors.translate(first, target, credentials, "connecting");
            if (target.port() != Target.SMB_PORT || !SmbErrors.noTcpConnection(first)) {
                throw direct;
            }
            try {
                dialect = negotiate139();
                port = NETBIOS_PORT;
            } catch (Exception second) {
                SmbkitException netbios = SmbErrors.translate(second, new Target(target.host(), NETBIOS_PORT), credentials,
                        "connecting");
                throw new SmbkitException(direct.failure(), direct.getMessage() + "; port 139 (NetBIOS) failed too: "
                        + netbios.getMessage(), direct.hint(), first);
            }
            note(target + ": port 445 " + (direct.failure() == Failure.TIMEOUT ? "did not answer" : "refused the connection")
                    + "; reached over NetBIOS on port 139 (as smbclient falls back)");
        }
        if (SMB1_DIALECT.equals(dialect)) {
            note(target + " speaks only SMB1 (dialect " + SMB1_DIALECT + ", as NT 4.0, 2000 and XP do): using it;"
                    + " --no-smb1 refuses it");
        }
    }

    private void note(String line) {
        if (options.notes() != null) {
            options.notes().accept("note: " + line);
        }
    }

    /**
     * Connects on port 139 as Windows does: the called name given (or {@code *SMBSERVER} for an address); when
     * the server refuses every one ("called name not present"), its own name from a node status query (UDP 137,
     * as {@code nbtstat -A}), the file-server {@code <20>} name, and once more with that, with a note naming it.
     * The query is bounded by the connect timeout; no answer keeps the refusal.
     */
    private String negotiate139() throws Exception {
        String chosen = negotiate139Once();
        if (learnedName != null && !learnedName.equalsIgnoreCase(target.host())) {
            note(target + " refused the called name; calling it by its own NetBIOS name " + learnedName
                    + " (from its node status, as Windows does)");
        }
        return chosen;
    }

    private String negotiate139Once() throws Exception {
        try {
            return negotiate(NETBIOS_PORT);
        } catch (Exception refused) {
            if (!calledNameRefused(refused) || target.isIpv6() || !(context instanceof Ipv6Names names)) {
                throw refused;
            }
            NetbiosAddress server = nodeStatusName();
            if (server == null) {
                throw refused;
            }
            names.pin(target.host(), new UniAddress(server));
            return negotiate(NETBIOS_PORT);
        }
    }

    /** Whether a NetBIOS session request was refused for its called name (0x82, or every name jcifs-ng tried). */
    static boolean calledNameRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NbtException nbt && nbt.errorClass == NbtException.ERR_SSN_SRVC
                    && nbt.errorCode == NbtException.CALLED_NOT_PRESENT) {
                return true;
            }
            if (String.valueOf(t.getMessage()).contains("Failed to establish session with")) {
                return true;
            }
        }
        return false;
    }

    /** The server's unique {@code <20>} name from a node status query of its address, or null (no answer, none). */
    private NetbiosAddress nodeStatusName() {
        try {
            for (NetbiosAddress a : context.getNameServiceClient().getNbtAllByAddress(target.host())) {
                if (a.getNameType() == 0x20 && !a.isGroupAddress(context)) {
                    return a;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no node status: the refusal stands
        }
        return null;
    }

    /** Connects on {@code onPort} and returns the dialect the server chose. */
    private String negotiate(int onPort) throws Exception {
        String host = target.isIpv6() ? target.uncName() : target.host();
        // As jcifs-ng's IPC$ tree connect asks for its transport: signing enforced for an authenticated IPC$.
        boolean signing = context.getConfig().isIpcSigningEnforced() && !context.getCredentials().isAnonymous();
        try (SmbTransport t = context.getTransportPool().getSmbTransport(context, host, onPort, false, signing)) {
            SmbTransportInternal transport = t.unwrap(SmbTransportInternal.class);
            transport.ensureConnected();
            if (onPort == NETBIOS_PORT) {
                learnedName = nodeStatusNameOf(transport);
            }
            return dialectOf(transport);
        }
    }

    /**
     * The name a NetBIOS session was called by when a node status taught it (jcifs-ng asks one itself for an
     * IPv4 address after {@code *SMBSERVER} is refused; {@link #negotiate139()} for a DNS name), else null.
     */
    static String nodeStatusNameOf(SmbTransportInternal transport) {
        NbtAddress nbt = transport.getRemoteAddress().unwrap(NbtAddress.class);
        if (nbt == null || !(nbt.getName() instanceof Name name) || name.isUnknown()
                || NbtAddress.SMBSERVER_NAME.equals(name.getName())) {
            return null;
        }
        return name.getName();
    }

    /** The dialect a connected transport negotiated (jcifs-ng keeps its negotiate reply to itself). */
    static String dialectOf(SmbTransportInternal transport) throws CIFSException {
        try {
            Method m = transport.getClass().getDeclaredMethod("getNegotiateResponse");
            m.setAccessible(true);
            return name(((SmbNegotiationResponse) m.invoke(transport)).getSelectedDialect());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return transport.isSMB2() ? "SMB 2 or later" : SMB1_DIALECT;
        }
    }

    /** A dialect as SMB spells it: NT LM 0.12 for SMB1, SMB 2.0.2 up to SMB 3.1.1. */
    public static String name(DialectVersion v) {
        return switch (v) {
            case SMB1 -> SMB1_DIALECT;
            case SMB202 -> "SMB 2.0.2";
            case SMB210 -> "SMB 2.1";
            case SMB300 -> "SMB 3.0";
            case SMB302 -> "SMB 3.0.2";
            case SMB311 -> "SMB 3.1.1";
        };
    }

    /** The pipe for an interface, opened on first use and then reused. */
    public RpcPipe pipe(String name, String syntax) {
        RpcPipe pipe = pipes.get(name);
        if (pipe == null) {
            connect();
            DcerpcBinding.addInterface(name, syntax);
            String binding = binding(port == target.port() ? target : new Target(target.host(), port), name);
            try {
                pipe = new RpcPipe(this, name, DcerpcHandle.getHandle(binding, context));
            } catch (Exception e) {
                throw SmbErrors.translate(e, target, credentials, "opening \\PIPE\\" + name);
            }
            pipes.put(name, pipe);
        }
        return pipe;
    }

    /**
     * The DCE/RPC binding of a pipe: {@code ncacn_np:HOST[:PORT][\\PIPE\\NAME]}. jcifs-ng's binding parser
     * cannot carry an IPv6 literal with a port (it falls back to 127.0.0.1), so an IPv6 address goes under its
     * Windows UNC name ({@code --1.ipv6-literal.net} for ::1), which {@link Ipv6Names} resolves without DNS.
     */
    static String binding(Target target, String pipe) {
        String port = target.port() == Target.SMB_PORT ? "" : ":" + target.port();
        if (target.isIpv6()) {
            return "ncacn_np:" + target.uncName() + port + "[\\PIPE\\" + pipe + "]";
        }
        return "ncacn_np:" + target.host() + port + "[\\PIPE\\" + pipe + "]";
    }

    /**
     * Resolves Windows' IPv6 UNC names ({@code fe80--1s4.ipv6-literal.net}) to their address, as Windows does
     * itself: jcifs-ng resolves the server by name and cannot be handed an address.
     */
    static final class Ipv6Names extends CIFSContextWrapper {

        static final String SUFFIX = ".ipv6-literal.net";

        private final NameServiceClient names;
        /** Hosts whose NetBIOS name a node status query taught (port 139): resolved to it, shared by wrappers. */
        private final Map<String, UniAddress> pinned;

        Ipv6Names(CIFSContext delegate) {
            this(delegate, new java.util.concurrent.ConcurrentHashMap<>());
        }

        private Ipv6Names(CIFSContext delegate, Map<String, UniAddress> pinned) {
            super(delegate);
            this.pinned = pinned;
            NameServiceClient real = delegate.getNameServiceClient();
            this.names = (NameServiceClient) Proxy.newProxyInstance(NameServiceClient.class.getClassLoader(),
                    new Class<?>[] {NameServiceClient.class}, (proxy, method, args) -> {
                        if (args != null && args.length > 0 && args[0] instanceof String name && pinned.containsKey(name)
                                && (method.getName().equals("getAllByName") || method.getName().equals("getByName"))) {
                            UniAddress a = pinned.get(name);
                            return method.getReturnType().isArray() ? new Address[] {a} : a;
                        }
                        if (args != null && args.length > 0 && args[0] instanceof String name
                                && name.toLowerCase(Locale.ROOT).endsWith(SUFFIX)
                                && (method.getName().equals("getAllByName") || method.getName().equals("getByName"))) {
                            UniAddress a = new UniAddress(literal(name));
                            return method.getReturnType().isArray() ? new Address[] {a} : a;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        void pin(String host, UniAddress address) {
            pinned.put(host, address);
        }

        static InetAddress literal(String uncName) throws UnknownHostException {
            String s = uncName.substring(0, uncName.length() - SUFFIX.length());
            int zone = s.indexOf('s');
            String literal = (zone < 0 ? s : s.substring(0, zone)).replace('-', ':') + (zone < 0 ? "" : "%" + s.substring(zone + 1));
            if (!Target.isIpv6(literal)) {
                throw new UnknownHostException(uncName);
            }
            return InetAddress.getByName("[" + literal + "]");
        }

        @Override
        public NameServiceClient getNameServiceClient() {
            return names;
        }

        @Override
        protected CIFSContext wrap(CIFSContext newContext) {
            return new Ipv6Names(newContext, pinned);
        }
    }

    @Override
    public void close() {
        for (RpcPipe pipe : pipes.values()) {
            pipe.closeQuietly();
        }
        pipes.clear();
        try {
            context.close();
        } catch (CIFSException e) {
            // closing: nothing left to report
        }
    }
}
