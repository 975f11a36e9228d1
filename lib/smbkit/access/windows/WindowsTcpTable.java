package smbkit.access.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.TcpConnection;

/**
 * This machine's TCP connections on the SMB ports, from GetExtendedTcpTable (IPv4, TCP_TABLE_OWNER_MODULE_ALL:
 * a DWORD count, then 8-byte aligned MIB_TCPROW_OWNER_MODULE rows of 160 bytes: state, local address and port,
 * remote address and port, owning pid, creation time as a FILETIME) and each connection's data counters from
 * GetPerTcpConnectionEStats (TCP_ESTATS_DATA_ROD_v0: DataBytesOut at 0, DataBytesIn at 16), which Windows keeps
 * only where collection was enabled: bytes are null otherwise. Windows tells no time since the last send or
 * receive, so the idle time is null. Bounded: a count beyond the buffer is a malformed reply.
 */
final class WindowsTcpTable {

    private WindowsTcpTable() {}

    static final int ROW_SIZE = 160;
    static final int ROWS_AT = 8;
    static final int ESTATS_ROD_SIZE = 96;
    static final Set<Integer> SMB_PORTS = Set.of(445, 139);
    static final String[] STATES = {null, "CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2",
        "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "DELETE_TCB"};
    /** 100 ns intervals between 1601-01-01 and 1970-01-01. */
    static final long FILETIME_EPOCH = 116444736000000000L;

    /** Reads a row's traffic: {bytes in, bytes out}, or null when Windows has none for it. */
    interface Traffic {
        long[] of(byte[] mibTcpRow);
    }

    static List<TcpConnection> read(IpHlpApi api, Instant now) {
        IntByReference size = new IntByReference(0);
        Memory table = null;
        int status = IpHlpApi.ERROR_INSUFFICIENT_BUFFER;
        // The table can grow between the two calls: a few tries, each with the size Windows asked for.
        for (int attempt = 0; attempt < 4 && status == IpHlpApi.ERROR_INSUFFICIENT_BUFFER; attempt++) {
            table = size.getValue() > 0 ? new Memory(size.getValue()) : null;
            status = api.GetExtendedTcpTable(table, size, false, IpHlpApi.AF_INET, IpHlpApi.TCP_TABLE_OWNER_MODULE_ALL, 0);
        }
        if (status != 0 || table == null) {
            throw WindowsFailures.of(status, "GetExtendedTcpTable");
        }
        byte[] bytes = table.getByteArray(0, (int) Math.min(table.size(), size.getValue()));
        return decode(bytes, now, row -> estats(api, row));
    }

    private static long[] estats(IpHlpApi api, byte[] row) {
        Memory r = new Memory(20);
        r.write(0, row, 0, 20);
        Memory rod = new Memory(ESTATS_ROD_SIZE);
        rod.clear();
        int status = api.GetPerTcpConnectionEStats(r, IpHlpApi.TCP_CONNECTION_ESTATS_DATA, null, 0, 0, null, 0, 0, rod, 0, ESTATS_ROD_SIZE);
        return status == 0 ? new long[] {rod.getLong(16), rod.getLong(0)} : null;
    }

    static List<TcpConnection> decode(byte[] table, Instant now, Traffic traffic) {
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        if (table.length < 4) {
            throw malformed("shorter than its count");
        }
        long count = Integer.toUnsignedLong(b.getInt(0));
        if (count > (table.length - ROWS_AT) / ROW_SIZE) {
            throw malformed(count + " rows do not fit in " + table.length + " bytes");
        }
        List<TcpConnection> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = ROWS_AT + i * ROW_SIZE;
            int state = b.getInt(at);
            int localPort = port(b.getInt(at + 8));
            String stateName = state > 0 && state < STATES.length ? STATES[state] : "UNKNOWN";
            if (!SMB_PORTS.contains(localPort) || "LISTEN".equals(stateName)) {
                continue;
            }
            byte[] row = new byte[20];
            System.arraycopy(table, at, row, 0, 20);
            long[] io = "ESTABLISHED".equals(stateName) ? traffic.of(row) : null;
            long created = b.getLong(at + 24);
            Long age = created <= FILETIME_EPOCH ? null
                    : Math.max(0, Duration.between(Instant.ofEpochMilli((created - FILETIME_EPOCH) / 10_000), now).toSeconds());
            out.add(new TcpConnection(address(table, at + 4), localPort, address(table, at + 12), port(b.getInt(at + 16)), stateName,
                    io == null ? null : io[0], io == null ? null : io[1], age, null, Integer.toUnsignedLong(b.getInt(at + 20))));
        }
        return out;
    }

    /** A DWORD port holds the port in network byte order in its low 16 bits. */
    static int port(int dword) {
        return ((dword & 0xFF) << 8) | ((dword >> 8) & 0xFF);
    }

    /** A DWORD IPv4 address in network byte order, as the bytes in memory. */
    static String address(byte[] table, int at) {
        return (table[at] & 0xFF) + "." + (table[at + 1] & 0xFF) + "." + (table[at + 2] & 0xFF) + "." + (table[at + 3] & 0xFF);
    }

    private static SmbkitException malformed(String problem) {
        return new SmbkitException(Failure.MALFORMED_REPLY, "GetExtendedTcpTable returned a malformed table: " + problem,
                "Run again with --debug and report it");
    }
}
