package smbkit.rpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.Address;
import jcifs.CIFSException;
import jcifs.NameServiceClient;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.context.CIFSContextWrapper;
import jcifs.dcerpc.DcerpcBinding;
import jcifs.dcerpc.DcerpcHandle;
import jcifs.netbios.UniAddress;
import jcifs.smb.NtlmPasswordAuthenticator;

/**
 * One SMB connection to one server, on jcifs-ng: SMB 2.0.2 up to 3.1.1, explicit timeouts, and at most one
 * open named pipe per RPC interface, reused by every call. Everything the scripts do remotely goes through
 * here, so failures are translated into one clear line in one place ({@link SmbErrors}).
 */
public final class SmbConnection implements AutoCloseable {

    /** How to connect: timeouts, and the local address to connect from (the lab uses 127.0.0.x). */
    public record Options(Duration connectTimeout, Duration responseTimeout, String localAddress) {

        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(20), null);
        }

        public Options withLocalAddress(String address) {
            return new Options(connectTimeout, responseTimeout, address);
        }

        public Options withTimeouts(Duration connect, Duration response) {
            return new Options(connect, response, localAddress);
        }
    }

    private final Target target;
    private final Credentials credentials;
    private final String localAddress;
    private final CIFSContext context;
    private final Map<String, RpcPipe> pipes = new LinkedHashMap<>();

    private SmbConnection(Target target, Credentials credentials, String localAddress, CIFSContext context) {
        this.target = target;
        this.credentials = credentials;
        this.localAddress = localAddress;
        this.context = context;
    }

    public static SmbConnection open(Target target, Credentials credentials, Options options) {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB202");
        p.setProperty("jcifs.smb.client.maxVersion", "SMB311");
        long connect = options.connectTimeout().toMillis();
        long response = options.responseTimeout().toMillis();
        p.setProperty("jcifs.smb.client.connTimeout", Long.toString(connect));
        p.setProperty("jcifs.smb.client.responseTimeout", Long.toString(response));
        p.setProperty("jcifs.smb.client.soTimeout", Long.toString(response + connect));
        p.setProperty("jcifs.smb.client.sessionTimeout", Long.toString(response + connect));
        // Names resolve through DNS (and the hosts file): NetBIOS broadcasts would turn a typo into a long wait.
        p.setProperty("jcifs.resolveOrder", "DNS");
        // Only IPC$ is used: DFS referral lookups would cost round trips for nothing.
        p.setProperty("jcifs.smb.client.dfs.disabled", "true");
        if (options.localAddress() != null) {
            p.setProperty("jcifs.smb.client.laddr", options.localAddress());
        }
        try {
            CIFSContext base = new Ipv6Names(new BaseContext(new PropertyConfiguration(p)));
            CIFSContext ctx = credentials.isAnonymous() ? base.withAnonymousCredentials()
                    : base.withCredentials(new NtlmPasswordAuthenticator(credentials.domain(), credentials.user(),
                            new String(credentials.password())));
            return new SmbConnection(target, credentials, options.localAddress(), ctx);
        } catch (CIFSException e) {
            throw SmbErrors.translate(e, target, credentials, "setting up the SMB client");
        }
    }

    public Target target() {
        return target;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The configured source address, or null for the system's choice. */
    public String localAddress() {
        return localAddress;
    }

    /** The pipe for an interface, opened on first use and then reused. */
    public RpcPipe pipe(String name, String syntax) {
        RpcPipe pipe = pipes.get(name);
        if (pipe == null) {
            DcerpcBinding.addInterface(name, syntax);
            String binding = binding(target, name);
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

        Ipv6Names(CIFSContext delegate) {
            super(delegate);
            NameServiceClient real = delegate.getNameServiceClient();
            this.names = (NameServiceClient) Proxy.newProxyInstance(NameServiceClient.class.getClassLoader(),
                    new Class<?>[] {NameServiceClient.class}, (proxy, method, args) -> {
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
            return new Ipv6Names(newContext);
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
