package smbkit.rpc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.dcerpc.DcerpcBinding;
import jcifs.dcerpc.DcerpcHandle;
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
            CIFSContext base = new BaseContext(new PropertyConfiguration(p));
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
            String binding = "ncacn_np:" + target.host()
                    + (target.port() == Target.SMB_PORT ? "" : ":" + target.port()) + "[\\PIPE\\" + name + "]";
            try {
                pipe = new RpcPipe(this, name, DcerpcHandle.getHandle(binding, context));
            } catch (Exception e) {
                throw SmbErrors.translate(e, target, credentials, "opening \\PIPE\\" + name);
            }
            pipes.put(name, pipe);
        }
        return pipe;
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
