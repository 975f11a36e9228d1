package smbkit.access;

import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.Configuration;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.internal.smb1.ServerMessageBlock;
import jcifs.internal.smb1.trans.SmbComTransaction;
import jcifs.internal.smb1.trans.SmbComTransactionResponse;
import jcifs.smb.SmbFile;
import jcifs.SmbTreeHandle;
import jcifs.internal.CommonServerMessageBlockRequest;
import jcifs.internal.CommonServerMessageBlockResponse;
import jcifs.smb.RequestParam;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.SmbErrors;
import smbkit.rpc.Target;
import smbkit.rpc.rap.Rap;

/**
 * The browser's side of a server: RAP calls ({@link Rap}) in SMB1 transactions on {@code \PIPE\LANMAN} over
 * jcifs-ng, as {@code net view} makes them: NetServerEnum2 for a master browser's browse list, NetShareEnum
 * for a server's shares. RAP exists only in SMB1, so the negotiate offers NT LM 0.12 alone; a server that
 * will not speak it is {@link Failure#SMB1_UNAVAILABLE}. Port 445 first, then NetBIOS's 139 when nothing
 * listens on 445, as {@link SmbConnection} does. jcifs-ng carries the transaction (secondary replies
 * reassembled); smbkit's own parser reads the bytes, so the type bits jcifs-ng's listing drops are kept.
 */
public final class BrowseList implements AutoCloseable {

    private static final int MAX_DATA = 32 * 1024;

    private final Target target;
    private final Credentials credentials;
    private final CIFSContext context;
    private int port;

    private BrowseList(Target target, Credentials credentials, CIFSContext context) {
        this.target = target;
        this.credentials = credentials;
        this.context = context;
    }

    /**
     * A browser client of {@code target} (a port given is the only one tried), anonymous as {@code net view} is:
     * the browse list and the share list are what a NULL session may read.
     */
    public static BrowseList open(Target target, Credentials credentials, SmbConnection.Options options) {
        Properties p = SmbConnection.clientProperties(options, "SMB1", "SMB1");
        try {
            CIFSContext base = new BaseContext(new PropertyConfiguration(p));
            return new BrowseList(target, credentials, base.withAnonymousCredentials());
        } catch (CIFSException e) {
            throw SmbErrors.translate(e, target, credentials, "setting up the SMB client");
        }
    }

    /** The port the calls went over once one was made (445, or 139 after a fallback); 0 before. */
    public int port() {
        return port;
    }

    /** NetServerEnum2: the computers of {@code workgroup} the server's browser knows, with their type bits. */
    public Rap.Reply<Rap.ServerEntry> servers(String workgroup, int types) {
        Raw raw = call(Rap.netServerEnum2(types, workgroup, MAX_DATA), "asking for the browse list (RAP NetServerEnum2)");
        return Rap.serverEnum2Reply(raw.params, raw.data);
    }

    /** NetShareEnum: the server's shares, print queues among them. */
    public Rap.Reply<Rap.ShareEntry> shares() {
        Raw raw = call(Rap.netShareEnum(MAX_DATA), "listing shares (RAP NetShareEnum)");
        return Rap.shareEnumReply(raw.params, raw.data);
    }

    private record Raw(byte[] params, byte[] data) {}

    private Raw call(byte[] params, String doing) {
        if (port != 0) {
            return callOn(port, params, doing);
        }
        try {
            Raw r = callOn(target.port(), params, doing);
            port = target.port();
            return r;
        } catch (SmbkitException first) {
            if (target.port() != Target.SMB_PORT || (first.failure() != Failure.CONNECTION_REFUSED && first.failure() != Failure.TIMEOUT)) {
                throw first;
            }
            Raw r = callOn(SmbConnection.NETBIOS_PORT, params, doing);
            port = SmbConnection.NETBIOS_PORT;
            return r;
        }
    }

    private Raw callOn(int onPort, byte[] params, String doing) {
        Target t = new Target(target.host(), onPort);
        String url = "smb://" + (target.isIpv6() ? "[" + target.host() + "]" : target.host()) + ":" + onPort + "/IPC$/";
        try (SmbFile ipc = new SmbFile(url, context); SmbTreeHandle tree = ipc.getTreeHandle()) {
            if (tree.isSMB2()) {
                throw smb1Refused(t, null);
            }
            Request req = new Request(context.getConfig(), params);
            Response resp = new Response(context.getConfig());
            send(tree, req, resp);
            return new Raw(resp.params, resp.data);
        } catch (SmbkitException e) {
            throw e;
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw SmbErrors.translate(c, t, credentials, doing);
        } catch (Exception e) {
            if (negotiateRefused(e)) {
                throw smb1Refused(t, e);
            }
            throw SmbErrors.translate(e, t, credentials, doing);
        }
    }

    /**
     * jcifs-ng's tree handle sends any request on its tree ({@code SmbTreeHandleImpl.send}), but keeps the class
     * to its package: the one reflective step of the browse list.
     */
    private static void send(SmbTreeHandle tree, Request req, Response resp) throws Exception {
        java.lang.reflect.Method m = tree.getClass().getMethod("send", CommonServerMessageBlockRequest.class,
                CommonServerMessageBlockResponse.class, RequestParam[].class);
        m.setAccessible(true);
        m.invoke(tree, req, resp, new RequestParam[0]);
    }

    private static SmbkitException smb1Refused(Target t, Exception cause) {
        return new SmbkitException(Failure.SMB1_UNAVAILABLE, t + " refuses SMB1 (NT LM 0.12), and the browse list"
                + " (RAP NetServerEnum2 on \\PIPE\\LANMAN) exists only in SMB1",
                "Use --sweep RANGE to find the workgroup's computers by NetBIOS node status instead,"
                        + " or enable SMB1 on the master browser", cause);
    }

    /** Whether the negotiate found no dialect in common (the server will not speak NT LM 0.12). */
    static boolean negotiateRefused(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("not compatible with the server") || m.contains("Server does not support") || m.contains("No dialect")
                    || m.contains("This client does not support SMB1") || m.contains("Unexpected SMB2 response")
                    || m.contains("SMB2 response to SMB1")) {
                return true;
            }
        }
        return false;
    }

    /** An SMB1 transaction on \PIPE\LANMAN carrying RAP parameters and no data. */
    static final class Request extends SmbComTransaction {

        private final byte[] rap;

        Request(Configuration config, byte[] rap) {
            super(config, ServerMessageBlock.SMB_COM_TRANSACTION, SmbComTransaction.NET_SERVER_ENUM2);
            this.rap = rap.clone();
            this.name = Rap.PIPE;
            this.maxParameterCount = 8;
            this.maxDataCount = MAX_DATA;
            this.maxSetupCount = 0;
            this.setupCount = 0;
            this.timeout = 5000;
        }

        @Override
        protected int writeSetupWireFormat(byte[] dst, int dstIndex) {
            return 0;
        }

        @Override
        protected int writeParametersWireFormat(byte[] dst, int dstIndex) {
            System.arraycopy(rap, 0, dst, dstIndex, rap.length);
            return rap.length;
        }

        @Override
        protected int writeDataWireFormat(byte[] dst, int dstIndex) {
            return 0;
        }

        @Override
        protected int readSetupWireFormat(byte[] buffer, int bufferIndex, int len) {
            return 0;
        }

        @Override
        protected int readParametersWireFormat(byte[] buffer, int bufferIndex, int len) {
            return 0;
        }

        @Override
        protected int readDataWireFormat(byte[] buffer, int bufferIndex, int len) {
            return 0;
        }
    }

    /** The transaction's reply: its parameter and data bytes as they came, for {@link Rap}'s bounded parser. */
    static final class Response extends SmbComTransactionResponse {

        byte[] params = new byte[0];
        byte[] data = new byte[0];

        Response(Configuration config) {
            super(config, ServerMessageBlock.SMB_COM_TRANSACTION, SmbComTransaction.NET_SERVER_ENUM2);
        }

        @Override
        protected int writeSetupWireFormat(byte[] dst, int dstIndex) {
            return 0;
        }

        @Override
        protected int writeParametersWireFormat(byte[] dst, int dstIndex) {
            return 0;
        }

        @Override
        protected int writeDataWireFormat(byte[] dst, int dstIndex) {
            return 0;
        }

        @Override
        protected int readSetupWireFormat(byte[] buffer, int bufferIndex, int len) {
            return 0;
        }

        @Override
        protected int readParametersWireFormat(byte[] buffer, int bufferIndex, int len) {
            params = copy(buffer, bufferIndex, len);
            return len;
        }

        @Override
        protected int readDataWireFormat(byte[] buffer, int bufferIndex, int len) {
            data = copy(buffer, bufferIndex, len);
            return len;
        }

        private static byte[] copy(byte[] buffer, int from, int len) {
            if (from < 0 || len < 0 || from + len > buffer.length) {
                throw new smbkit.rpc.ndr.MalformedReplyException("transaction reply claims " + len + " bytes at offset "
                        + from + ", outside its " + buffer.length + "-byte buffer");
            }
            return java.util.Arrays.copyOfRange(buffer, from, from + len);
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (CIFSException e) {
            // closing: nothing left to report
        }
    }
}
