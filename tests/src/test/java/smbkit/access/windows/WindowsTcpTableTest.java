package smbkit.access.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.TcpConnection;

/**
 * The Windows connection table on data: MIB_TCPTABLE_OWNER_MODULE laid out by hand at the documented offsets
 * (count, rows from 8, 160 bytes each: state 0, local address 4, local port 8 in network order, remote address
 * 12, remote port 16, pid 20, creation FILETIME 24) and a scripted iphlpapi that asks for a bigger buffer first.
 */
class WindowsTcpTableTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static byte[] table(int[]... rows) {
        ByteBuffer b = ByteBuffer.allocate(8 + 160 * rows.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, rows.length);
        for (int i = 0; i < rows.length; i++) {
            int at = 8 + i * 160;
            int[] r = rows[i]; // state, local a.b.c.d (as 4 ints), local port, remote 4 ints, remote port, pid, age seconds
            b.putInt(at, r[0]);
            for (int k = 0; k < 4; k++) {
                b.put(at + 4 + k, (byte) r[1 + k]);
                b.put(at + 12 + k, (byte) r[6 + k]);
            }
            b.putInt(at + 8, ((r[5] & 0xFF) << 8) | (r[5] >> 8));
            b.putInt(at + 16, ((r[10] & 0xFF) << 8) | (r[10] >> 8));
            b.putInt(at + 20, r[11]);
            b.putLong(at + 24, r[12] < 0 ? 0 : WindowsTcpTable.FILETIME_EPOCH + (NOW.getEpochSecond() - r[12]) * 10_000_000L);
        }
        return b.array();
    }

    static final byte[] SAMPLE = table(
            new int[] {2, 0, 0, 0, 0, 445, 0, 0, 0, 0, 0, 4, 900},
            new int[] {5, 10, 0, 0, 1, 445, 10, 0, 0, 5, 50001, 4, 300},
            new int[] {11, 10, 0, 0, 1, 139, 10, 0, 0, 6, 50002, 4, -1},
            new int[] {5, 10, 0, 0, 1, 3389, 10, 0, 0, 7, 50003, 900, 10});

    /** Asks for the size first, then fills; DataBytesOut 2000, DataBytesIn 1000 for every connection. */
    static final class FakeIpHlpApi implements IpHlpApi {
        final List<String> calls = new ArrayList<>();
        final byte[] table;
        final int estatsStatus;

        FakeIpHlpApi(byte[] table, int estatsStatus) {
            this.table = table;
            this.estatsStatus = estatsStatus;
        }

        @Override
        public int GetExtendedTcpTable(Pointer t, IntByReference size, boolean order, int af, int tableClass, int reserved) {
            calls.add("table " + size.getValue() + " af=" + af + " class=" + tableClass);
            if (t == null || size.getValue() < table.length) {
                size.setValue(table.length);
                return ERROR_INSUFFICIENT_BUFFER;
            }
            t.write(0, table, 0, table.length);
            return 0;
        }

        @Override
        public int GetPerTcpConnectionEStats(Pointer row, int type, Pointer rw, int rwv, int rws, Pointer ros, int rosv, int ross,
                Pointer rod, int rodv, int rods) {
            calls.add("estats type=" + type + " size=" + rods + " state=" + row.getInt(0));
            rod.setLong(0, 2000);
            rod.setLong(16, 1000);
            return estatsStatus;
        }
    }

    @Test
    void smbPortsOnlyWithStateAgeAndTraffic() {
        FakeIpHlpApi api = new FakeIpHlpApi(SAMPLE, 0);
        List<TcpConnection> list = WindowsTcpTable.read(api, NOW);
        assertEquals(List.of(
                new TcpConnection("10.0.0.1", 445, "10.0.0.5", 50001, "ESTABLISHED", 1000L, 2000L, 300L, null, 4L),
                new TcpConnection("10.0.0.1", 139, "10.0.0.6", 50002, "TIME_WAIT", null, null, null, null, 4L)), list);
        assertEquals(List.of("table 0 af=2 class=8", "table " + SAMPLE.length + " af=2 class=8", "estats type=1 size=96 state=5"),
                api.calls, "size first, then the table; statistics only for the established connection");
    }

    @Test
    void noStatisticsCollectedMeansUnknownBytes() {
        List<TcpConnection> list = WindowsTcpTable.read(new FakeIpHlpApi(SAMPLE, 1168), NOW);
        assertNull(list.get(0).bytesIn());
        assertNull(list.get(0).bytesOut());
    }

    @Test
    void aCountBeyondTheBufferIsMalformed() {
        byte[] bad = SAMPLE.clone();
        bad[0] = 9;
        SmbkitException e = assertThrows(SmbkitException.class, () -> WindowsTcpTable.decode(bad, NOW, r -> null));
        assertEquals(Failure.MALFORMED_REPLY, e.failure());
        for (int cut = 0; cut < SAMPLE.length; cut += 37) {
            byte[] part = java.util.Arrays.copyOf(SAMPLE, cut);
            try {
                WindowsTcpTable.decode(part, NOW, r -> null);
            } catch (SmbkitException x) {
                assertEquals(Failure.MALFORMED_REPLY, x.failure());
            }
        }
    }

    @Test
    void theServerOffersTheTable() {
        WindowsServer server = new WindowsServer(null, p -> 0, null).ipHlpApi(new FakeIpHlpApi(SAMPLE, 0));
        assertEquals(2, server.tcpConnections().size());
    }
}
